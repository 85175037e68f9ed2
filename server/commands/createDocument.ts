import * as Y from "yjs";
import type { JSONContent } from "@tiptap/core";
import { Node as PMNode, type Schema } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { buildBlankStatement, buildStatement, tenActsTemplate, type StatementTemplate } from "../../shared/templates/buildStatement.js";
import type { TemplateId } from "../../shared/api.js";
import type { Storage, StoredDocument } from "../storage/Storage.js";
import { newId } from "../auth/secrets.js";
import type { Locale } from "../../shared/i18n/locales.js";
import { seedMatrix } from "../matrix/seedMatrix.js";
import { actsOfState } from "../matrix/statementActs.js";

/** The Yjs state of a statement given as ProseMirror JSON (checked against the schema). */
export function encodeStatement(schema: Schema, json: JSONContent): Uint8Array {
  PMNode.fromJSON(schema, json).check();
  const doc = new Y.Doc();
  try {
    prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(CONTENT_FIELD));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Create a statement and seed its content here, on the server, once: a client never
 * seeds (two clients opening a new document together would both add the content).
 * A Ten Acts statement's matrix (or one created with `matrix: true`) starts with the
 * template's targets, added by `createdBy`.
 */
export async function createDocument(
  storage: Storage,
  schema: Schema,
  input: { workspaceId: string; title: string; language?: Locale; createdBy: string; matrix?: boolean } & ({ template: TemplateId } | { content: StatementTemplate }),
): Promise<StoredDocument> {
  const json =
    "content" in input
      ? buildStatement(input.content)
      : input.template === "ten-acts"
        ? buildStatement(tenActsTemplate)
        : buildBlankStatement(input.title);
  const state = encodeStatement(schema, json);
  const document = await storage.documents.create({ id: newId(), workspaceId: input.workspaceId, title: input.title, language: input.language }, state);
  if (input.matrix ?? ("template" in input && input.template === "ten-acts")) await seedMatrix(storage, document.id, actsOfState(state), input.createdBy);
  return document;
}
