import type Database from "better-sqlite3";
import type { DocumentStore, StoredDocument, StoredUpdate } from "../Storage.js";

interface DocumentRow {
  id: string;
  workspace_id: string | null;
  title: string;
  created_at: string;
  updated_at: string;
}

function toDocument(row: DocumentRow): StoredDocument {
  return { id: row.id, workspaceId: row.workspace_id ?? "", title: row.title, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Documents and update logs in SQLite. */
export class SqliteDocuments implements DocumentStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insert: db.prepare<[string, string, string, string, string]>(
        "INSERT INTO documents (id, workspace_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
      ),
      get: db.prepare<[string], DocumentRow>("SELECT * FROM documents WHERE id = ?"),
      listForWorkspaces: db.prepare<[string], DocumentRow>(
        "SELECT * FROM documents WHERE workspace_id IN (SELECT value FROM json_each(?)) ORDER BY updated_at DESC, id",
      ),
      touch: db.prepare<[string, string]>("UPDATE documents SET updated_at = ? WHERE id = ?"),
      loadUpdates: db.prepare<[string, number], { seq: number; data: Buffer }>(
        "SELECT seq, data FROM document_updates WHERE document_id = ? ORDER BY seq LIMIT ?",
      ),
      append: db.prepare<[string, Uint8Array]>("INSERT INTO document_updates (document_id, data) VALUES (?, ?)"),
      count: db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM document_updates WHERE document_id = ?"),
      bytes: db.prepare<[string], { n: number }>("SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM document_updates WHERE document_id = ?"),
      deleteUpTo: db.prepare<[string, number]>("DELETE FROM document_updates WHERE document_id = ? AND seq <= ?"),
      insertAt: db.prepare<[number, string, Uint8Array]>("INSERT INTO document_updates (seq, document_id, data) VALUES (?, ?, ?)"),
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

  async appendUpdates(documentId: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    this.db.transaction(() => {
      for (const update of updates) this.statements.append.run(documentId, update);
      this.statements.touch.run(new Date().toISOString(), documentId);
    })();
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
