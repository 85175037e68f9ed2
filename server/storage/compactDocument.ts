import * as Y from "yjs";
import type { DocumentStore } from "./Storage.js";

/**
 * Merge a list of updates into one, through a Y.Doc so that deleted content is
 * garbage-collected (Y.mergeUpdates would keep it).
 */
export function mergeIntoState(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Replace a document's update log by one row. Safe while the document is being
 * edited: only the rows read here are replaced; rows appended meanwhile stay.
 * Returns the number of rows folded away.
 */
export async function compactDocument(documents: DocumentStore, documentId: string): Promise<number> {
  const rows = await documents.loadUpdates(documentId);
  const last = rows.at(-1);
  if (!last || rows.length < 2) return 0;
  const merged = mergeIntoState(rows.map((row) => row.data));
  await documents.replaceUpdates(documentId, last.seq, merged);
  return rows.length - 1;
}
