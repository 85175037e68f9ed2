import type * as Y from "yjs";

/** Bytes of updates a document holds back because what they build on has not arrived (kept in memory by Yjs, never stored). */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);
}
