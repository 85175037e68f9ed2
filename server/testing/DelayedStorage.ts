import type { Storage, StoredDocument, StoredUpdate } from "../storage/Storage.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real SQLite store behind a delay on every call, as a database across a network
 * would answer. It makes the asynchronous paths (frames arriving while a room loads,
 * writes still in flight when a broadcast is due) happen in tests.
 */
export class DelayedStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    private readonly delayMs: number,
  ) {}

  async createDocument(doc: { id: string; title: string }, initialState: Uint8Array): Promise<StoredDocument> {
    await pause(this.delayMs);
    return this.inner.createDocument(doc, initialState);
  }
  async getDocument(id: string): Promise<StoredDocument | null> {
    await pause(this.delayMs);
    return this.inner.getDocument(id);
  }
  async listDocuments(): Promise<StoredDocument[]> {
    await pause(this.delayMs);
    return this.inner.listDocuments();
  }
  async loadUpdates(documentId: string): Promise<StoredUpdate[]> {
    await pause(this.delayMs);
    return this.inner.loadUpdates(documentId);
  }
  async appendUpdates(documentId: string, updates: Uint8Array[]): Promise<void> {
    await pause(this.delayMs);
    return this.inner.appendUpdates(documentId, updates);
  }
  async countUpdates(documentId: string): Promise<number> {
    await pause(this.delayMs);
    return this.inner.countUpdates(documentId);
  }
  async replaceUpdates(documentId: string, uptoSeq: number, merged: Uint8Array): Promise<void> {
    await pause(this.delayMs);
    return this.inner.replaceUpdates(documentId, uptoSeq, merged);
  }
  async close(): Promise<void> {
    return this.inner.close();
  }
}
