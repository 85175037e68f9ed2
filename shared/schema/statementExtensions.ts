/**
 * The statement's schema as TipTap extensions: the one list the editor, the server's
 * seeding and every export are built from.
 */
import type { AnyExtension } from "@tiptap/core";
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";
import UniqueID from "@tiptap/extension-unique-id";
import { isChangeOrigin } from "@tiptap/extension-collaboration";
import { StatementDocument } from "./StatementDocument.js";
import { Act, ActTitle } from "./Act.js";
import { Clause } from "./Clause.js";
import { RegionalNote } from "./RegionalNote.js";
import { Signatories, Signatory } from "./Signatories.js";
import { ClauseNumbers } from "./ClauseNumbers.js";
import { idBearingTypes } from "./names.js";
import { TEXT_DIRECTION } from "./textDirection.js";
import { Deletion, Insertion } from "./Suggestions.js";

/** True when `url` uses one of the schemes links may point to: http, https, mailto. */
export function isAllowedLink(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url.trim());
}

/** A fresh stable id for an act, clause or regional note. */
export function newNodeId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * All extensions of the statement. StarterKit's own undo/redo is off (the editor uses
 * Yjs undo) and so is its trailing paragraph (every client would append one).
 */
export function statementExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      document: false,
      undoRedo: false,
      trailingNode: false,
      paragraph: { HTMLAttributes: TEXT_DIRECTION },
      heading: { HTMLAttributes: TEXT_DIRECTION },
      link: {
        openOnClick: false,
        autolink: true,
        isAllowedUri: (url) => isAllowedLink(url),
      },
    }),
    StatementDocument,
    Act,
    ActTitle,
    Clause,
    RegionalNote,
    Signatories,
    Signatory,
    ClauseNumbers,
    Insertion,
    Deletion,
    UniqueID.configure({
      types: idBearingTypes,
      generateID: () => newNodeId(),
      // Ids of nodes another editor created are that editor's to assign.
      filterTransaction: (transaction) => !isChangeOrigin(transaction),
    }),
  ];
}

/** The ProseMirror schema built from `statementExtensions()`. */
export function statementSchema(): Schema {
  return getSchema(statementExtensions());
}
