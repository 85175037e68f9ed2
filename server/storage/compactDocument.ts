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

/** Rows folded per step; the event loop is yielded between steps, so a long log never blocks it for long. */
export const COMPACTION_STEP_ROWS = 2_000;

/**
 * Fold a document's update log into one row, a step at a time. Safe while the document
 * is being edited: each step replaces only the rows it read; rows appended meanwhile
 * stay. Returns the number of rows folded away.
 */
export async function compactDocument(documents: DocumentStore, documentId: string, stepRows = COMPACTION_STEP_ROWS): Promise<number> {
  let folded = 0;
  for (;;) {
    const rows = await documents.loadUpdates(documentId, stepRows);
    const last = rows.at(-1);
    if (!last || rows.length < 2) return folded;
    await documents.replaceUpdates(documentId, last.seq, mergeIntoState(rows.map((row) => row.data)));
    folded += rows.length - 1;
    if (rows.length < stepRows) return folded;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
