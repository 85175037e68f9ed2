import type { DocumentStore, GroupedAppend, GroupedOutcome, Storage, StoredDocument, StoredUpdate } from "../storage/Storage.js";
import type { Locale } from "../../shared/i18n/locales.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real SQLite document store behind a delay on every call, as a database across a
 * network would answer. It makes the asynchronous paths (frames arriving while a room
 * loads, writes still in flight when a broadcast is due) happen in tests.
 */
class DelayedDocuments implements DocumentStore {
  constructor(
    private readonly inner: DocumentStore,
    private readonly delayMs: number,
  ) {}

  async create(doc: Parameters<DocumentStore["create"]>[0], initialState: Uint8Array): Promise<StoredDocument> {
    await pause(this.delayMs);
    return this.inner.create(doc, initialState);
  }
  async get(id: string): Promise<StoredDocument | null> {
    await pause(this.delayMs);
    return this.inner.get(id);
  }
  async setLanguage(id: string, language: Locale): Promise<boolean> {
    await pause(this.delayMs);
    return this.inner.setLanguage(id, language);
  }
  async listForWorkspaces(workspaceIds: string[]): Promise<StoredDocument[]> {
    await pause(this.delayMs);
    return this.inner.listForWorkspaces(workspaceIds);
  }
  async loadUpdates(documentId: string, limit?: number): Promise<StoredUpdate[]> {
    await pause(this.delayMs);
    return this.inner.loadUpdates(documentId, limit);
  }
  async loadUpdatesAfter(documentId: string, afterSeq: number): Promise<StoredUpdate[]> {
    await pause(this.delayMs);
    return this.inner.loadUpdatesAfter(documentId, afterSeq);
  }
  async appendUpdates(documentId: string, updates: Uint8Array[]): Promise<number> {
    await pause(this.delayMs);
    return this.inner.appendUpdates(documentId, updates);
  }
  async appendGrouped(entries: GroupedAppend[]): Promise<GroupedOutcome[]> {
    await pause(this.delayMs);
    return this.inner.appendGrouped(entries);
  }
  async closeWrites(documentId: string, leaseMs: number): Promise<void> {
    await pause(this.delayMs);
    return this.inner.closeWrites(documentId, leaseMs);
  }
  async openWrites(documentId: string): Promise<void> {
    await pause(this.delayMs);
    return this.inner.openWrites(documentId);
  }
  async claimCompaction(documentId: string, holder: string, leaseMs: number): Promise<boolean> {
    await pause(this.delayMs);
    return this.inner.claimCompaction(documentId, holder, leaseMs);
  }
  async releaseCompaction(documentId: string, holder: string): Promise<void> {
    await pause(this.delayMs);
    return this.inner.releaseCompaction(documentId, holder);
  }
  async countUpdates(documentId: string): Promise<number> {
    await pause(this.delayMs);
    return this.inner.countUpdates(documentId);
  }
  async storedBytes(documentId: string): Promise<number> {
    await pause(this.delayMs);
    return this.inner.storedBytes(documentId);
  }
  async replaceUpdates(documentId: string, uptoSeq: number, merged: Uint8Array): Promise<void> {
    await pause(this.delayMs);
    return this.inner.replaceUpdates(documentId, uptoSeq, merged);
  }
}

/** `inner` with its document store delayed by `delayMs` on every call. */
export function delayedStorage(inner: Storage, delayMs: number): Storage {
  return {
    documents: new DelayedDocuments(inner.documents, delayMs),
    accounts: inner.accounts,
    workspaces: inner.workspaces,
    audit: inner.audit,
    comments: inner.comments,
    rounds: inner.rounds,
    suggestions: inner.suggestions,
    writers: inner.writers,
    signOn: inner.signOn,
    notifications: inner.notifications,
    freezeSchedules: inner.freezeSchedules,
    mail: inner.mail,
    matrix: inner.matrix,
    close: () => inner.close(),
  };
}
