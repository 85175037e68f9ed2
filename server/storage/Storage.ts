/**
 * The one storage interface. The embedded default is SQLite (`sqlite/SqliteStorage.ts`);
 * every method that writes returns only once the write is durable.
 */

/** A statement's metadata row. */
export interface StoredDocument {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** One row of a document's update log. `seq` grows with every append. */
export interface StoredUpdate {
  seq: number;
  data: Uint8Array;
}

/** Everything the server keeps. Implementations must be safe to call concurrently. */
export interface Storage {
  /** Create a document with its initial Yjs state as the first log row. */
  createDocument(doc: { id: string; title: string }, initialState: Uint8Array): Promise<StoredDocument>;
  /** The document, or null when there is none with that id. */
  getDocument(id: string): Promise<StoredDocument | null>;
  /** Every document, most recently updated first. */
  listDocuments(): Promise<StoredDocument[]>;
  /** The document's update log in order. */
  loadUpdates(documentId: string): Promise<StoredUpdate[]>;
  /** Append updates in one transaction; resolves once they are durable. */
  appendUpdates(documentId: string, updates: Uint8Array[]): Promise<void>;
  /** Number of rows in the document's update log. */
  countUpdates(documentId: string): Promise<number>;
  /**
   * Compaction: atomically replace every row with `seq <= uptoSeq` by one row holding
   * `merged` (which must contain exactly those rows' content). Later rows are untouched.
   */
  replaceUpdates(documentId: string, uptoSeq: number, merged: Uint8Array): Promise<void>;
  /** Release the store (after the last write). */
  close(): Promise<void>;
}
