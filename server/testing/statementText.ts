/**
 * Test helpers that read and write the statement as a stock Yjs client does: clause
 * text nodes, and the document as stored (read with a connection of its own, to SQLite
 * or to the test data folder's PostgreSQL schema).
 */
import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { NodeName } from "../../shared/schema/names.js";
import { SQLITE_FILE } from "../storage/sqlite/SqliteStorage.js";
import { storedUpdatesSync } from "./testDatabase.js";

/** The first paragraph of clause `act.1`. */
export function clauseParagraph(content: Y.XmlFragment, act: number): Y.XmlElement {
  const acts = content.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.act);
  const clause = acts[act - 1]!.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.clause)!;
  return clause.get(0) as Y.XmlElement;
}

/** The text node of clause `act.1`, or null while it has none (the template's clauses are empty). */
export function findClauseText(content: Y.XmlFragment, act: number): Y.XmlText | null {
  const text = clauseParagraph(content, act).get(0);
  return text instanceof Y.XmlText ? text : null;
}

/** The text node of clause `act.1`, created by the first writer. */
export function clauseText(content: Y.XmlFragment, act: number): Y.XmlText {
  const found = findClauseText(content, act);
  if (found) return found;
  const created = new Y.XmlText();
  clauseParagraph(content, act).insert(0, [created]);
  return created;
}

function sqliteUpdates(dataDir: string, documentId?: string): Uint8Array[] {
  const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
  try {
    const rows = documentId
      ? db.prepare<[string], { data: Buffer }>("SELECT data FROM document_updates WHERE document_id = ? ORDER BY seq").all(documentId)
      : db.prepare<[], { data: Buffer }>("SELECT data FROM document_updates ORDER BY seq").all();
    return rows.map((row) => new Uint8Array(row.data));
  } finally {
    db.close();
  }
}

/** The stored update log rows for `dataDir` (all documents when no id is given), read with its own connection. */
export function storedUpdates(dataDir: string, documentId?: string): Uint8Array[] {
  return storedUpdatesSync(dataDir, documentId) ?? sqliteUpdates(dataDir, documentId);
}

/** The document as stored for `dataDir` (all documents when no id is given), read with its own connection. */
export function storedDocument(dataDir: string, documentId?: string): Y.Doc {
  const doc = new Y.Doc();
  for (const update of storedUpdates(dataDir, documentId)) Y.applyUpdate(doc, update);
  return doc;
}

/** The stored content of a document as XML text. */
export function storedContent(dataDir: string, documentId: string): string {
  return storedDocument(dataDir, documentId).getXmlFragment(CONTENT_FIELD).toString();
}

/** Type `names` as the signatories section's entries (replacing those there), as a writer would. */
export function typeSignatories(content: Y.XmlFragment, names: string[]): void {
  const section = content.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.signatories);
  if (!section) throw new Error("no signatories section");
  content.doc!.transact(() => {
    section.delete(0, section.length);
    section.insert(
      0,
      names.map((name) => {
        const entry = new Y.XmlElement(NodeName.signatory);
        entry.insert(0, [new Y.XmlText(name)]);
        return entry;
      }),
    );
  });
}
