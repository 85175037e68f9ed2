import type Database from "better-sqlite3";
import type { DocumentStore, StoredDocument, StoredUpdate } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { toDocument, type DocumentRow } from "../rows.js";

/** Documents and update logs in SQLite. */
export class SqliteDocuments implements DocumentStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare<[string, string, string, string, string]>(
        "INSERT INTO documents (id, workspace_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      ),
      get: db.prepare<[string], DocumentRow>("SELECT id, workspace_id, title, created_at, updated_at FROM documents WHERE id = ?"),
      listForWorkspaces: db.prepare<[string], DocumentRow>(
        `SELECT id, workspace_id, title, created_at, updated_at FROM documents
         WHERE workspace_id IN (SELECT value FROM json_each(?)) ORDER BY updated_at DESC, id`,
      ),
      touch: db.prepare<[string, string]>("UPDATE documents SET updated_at = ? WHERE id = ?"),
      loadUpdates: db.prepare<[string, number], { seq: number; data: Buffer }>(
        "SELECT seq, data FROM document_updates WHERE document_id = ? ORDER BY seq LIMIT ?",
      ),
      loadUpdatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
        "SELECT seq, data FROM document_updates WHERE document_id = ? AND seq > ? ORDER BY seq",
      ),
      // One statement on the hot path: a live freeze lease, or a frozen latest round.
      writesClosed: db.prepare<[number, string], { closed: number }>(
        `SELECT COALESCE(d.writes_closed_until, 0) > ?
             OR COALESCE((SELECT r.frozen_at IS NOT NULL FROM rounds r WHERE r.document_id = d.id ORDER BY r.seq DESC LIMIT 1), 0) AS closed
         FROM documents d WHERE d.id = ?`,
      ),
      append: db.prepare<[string, Uint8Array]>("INSERT INTO document_updates (document_id, data) VALUES (?, ?)"),
      count: db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM document_updates WHERE document_id = ?"),
      bytes: db.prepare<[string], { n: number }>("SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM document_updates WHERE document_id = ?"),
      deleteUpTo: db.prepare<[string, number]>("DELETE FROM document_updates WHERE document_id = ? AND seq <= ?"),
      insertAt: db.prepare<[number, string, Uint8Array]>("INSERT INTO document_updates (seq, document_id, data) VALUES (?, ?, ?)"),
      closeWrites: db.prepare<[number, string]>("UPDATE documents SET writes_closed_until = ? WHERE id = ?"),
      openWrites: db.prepare<[string]>("UPDATE documents SET writes_closed_until = NULL WHERE id = ?"),
      // Takes the lease when there is none, it has expired, or the same holder renews it.
      claimCompaction: db.prepare<[string, string, number, number]>(
        `INSERT INTO compaction_leases (document_id, holder, until) VALUES (?, ?, ?)
         ON CONFLICT (document_id) DO UPDATE SET holder = excluded.holder, until = excluded.until
         WHERE compaction_leases.until <= ? OR compaction_leases.holder = excluded.holder`,
      ),
      releaseCompaction: db.prepare<[string, string]>("DELETE FROM compaction_leases WHERE document_id = ? AND holder = ?"),
    };
  }

  async create(doc: { id: string; workspaceId: string; title: string }, initialState: Uint8Array): Promise<StoredDocument> {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.statements.insert.run(doc.id, doc.workspaceId, doc.title, now, now);
      this.statements.append.run(doc.id, initialState);
    })();
    return { ...doc, createdAt: now, updatedAt: now };
  }

  async get(id: string): Promise<StoredDocument | null> {
    const row = this.statements.get.get(id);
    return row ? toDocument(row) : null;
  }

  async listForWorkspaces(workspaceIds: string[]): Promise<StoredDocument[]> {
    return this.statements.listForWorkspaces.all(JSON.stringify(workspaceIds)).map(toDocument);
  }

  async loadUpdates(documentId: string, limit = -1): Promise<StoredUpdate[]> {
    return this.statements.loadUpdates.all(documentId, limit).map((row) => ({ seq: row.seq, data: new Uint8Array(row.data) }));
  }

  async loadUpdatesAfter(documentId: string, afterSeq: number): Promise<StoredUpdate[]> {
    return this.statements.loadUpdatesAfter.all(documentId, afterSeq).map((row) => ({ seq: row.seq, data: new Uint8Array(row.data) }));
  }

  async appendUpdates(documentId: string, updates: Uint8Array[]): Promise<number> {
    if (updates.length === 0) return 0;
    // IMMEDIATE: the check and the inserts hold the write lock together, even against another process.
    return this.db
      .transaction(() => {
        if (this.statements.writesClosed.get(Date.now(), documentId)?.closed) throw new StorageConflict("writes_closed");
        let seq = 0;
        for (const update of updates) seq = Number(this.statements.append.run(documentId, update).lastInsertRowid);
        this.statements.touch.run(new Date().toISOString(), documentId);
        return seq;
      })
      .immediate();
  }

  async closeWrites(documentId: string, leaseMs: number): Promise<void> {
    this.statements.closeWrites.run(Date.now() + leaseMs, documentId);
  }

  async openWrites(documentId: string): Promise<void> {
    this.statements.openWrites.run(documentId);
  }

  async claimCompaction(documentId: string, holder: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    return this.statements.claimCompaction.run(documentId, holder, now + leaseMs, now).changes === 1;
  }

  async releaseCompaction(documentId: string, holder: string): Promise<void> {
    this.statements.releaseCompaction.run(documentId, holder);
  }

  async countUpdates(documentId: string): Promise<number> {
    return this.statements.count.get(documentId)?.n ?? 0;
  }

  async storedBytes(documentId: string): Promise<number> {
    return this.statements.bytes.get(documentId)?.n ?? 0;
  }

  async replaceUpdates(documentId: string, uptoSeq: number, merged: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.statements.deleteUpTo.run(documentId, uptoSeq);
      this.statements.insertAt.run(uptoSeq, documentId, merged);
    })();
  }
}
