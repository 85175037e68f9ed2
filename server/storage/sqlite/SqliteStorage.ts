import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Storage, StoredDocument, StoredUpdate } from "../Storage.js";
import { migrate } from "./migrations.js";

interface DocumentRow {
  id: string;
  title: string;
  created_at: string;
  updated_at: string;
}

function toDocument(row: DocumentRow): StoredDocument {
  return { id: row.id, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** File name of the database inside `DATA_DIR`. */
export const SQLITE_FILE = "workspace.sqlite";

/**
 * Embedded storage in one SQLite file. WAL with `synchronous = FULL`: a commit is on
 * disk when the call returns, so "durable before broadcast" holds across power loss,
 * not only process crashes.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly statements;

  private constructor(db: Database.Database) {
    this.db = db;
    this.statements = {
      insertDocument: db.prepare<[string, string, string, string]>(
        "INSERT INTO documents (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
      ),
      getDocument: db.prepare<[string], DocumentRow>("SELECT * FROM documents WHERE id = ?"),
      listDocuments: db.prepare<[], DocumentRow>("SELECT * FROM documents ORDER BY updated_at DESC, id"),
      touchDocument: db.prepare<[string, string]>("UPDATE documents SET updated_at = ? WHERE id = ?"),
      loadUpdates: db.prepare<[string], { seq: number; data: Buffer }>(
        "SELECT seq, data FROM document_updates WHERE document_id = ? ORDER BY seq",
      ),
      appendUpdate: db.prepare<[string, Uint8Array]>("INSERT INTO document_updates (document_id, data) VALUES (?, ?)"),
      countUpdates: db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM document_updates WHERE document_id = ?"),
      deleteUpTo: db.prepare<[string, number]>("DELETE FROM document_updates WHERE document_id = ? AND seq <= ?"),
      insertAt: db.prepare<[number, string, Uint8Array]>(
        "INSERT INTO document_updates (seq, document_id, data) VALUES (?, ?, ?)",
      ),
    };
  }

  /** Open (creating if needed) the database in `dataDir` and run pending migrations. */
  static open(dataDir: string): SqliteStorage {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, SQLITE_FILE));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
    return new SqliteStorage(db);
  }

  async createDocument(doc: { id: string; title: string }, initialState: Uint8Array): Promise<StoredDocument> {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.statements.insertDocument.run(doc.id, doc.title, now, now);
      this.statements.appendUpdate.run(doc.id, initialState);
    })();
    return { id: doc.id, title: doc.title, createdAt: now, updatedAt: now };
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const row = this.statements.getDocument.get(id);
    return row ? toDocument(row) : null;
  }

  async listDocuments(): Promise<StoredDocument[]> {
    return this.statements.listDocuments.all().map(toDocument);
  }

  async loadUpdates(documentId: string): Promise<StoredUpdate[]> {
    return this.statements.loadUpdates.all(documentId).map((row) => ({ seq: row.seq, data: new Uint8Array(row.data) }));
  }

  async appendUpdates(documentId: string, updates: Uint8Array[]): Promise<void> {
    if (updates.length === 0) return;
    this.db.transaction(() => {
      for (const update of updates) this.statements.appendUpdate.run(documentId, update);
      this.statements.touchDocument.run(new Date().toISOString(), documentId);
    })();
  }

  async countUpdates(documentId: string): Promise<number> {
    return this.statements.countUpdates.get(documentId)?.n ?? 0;
  }

  async replaceUpdates(documentId: string, uptoSeq: number, merged: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.statements.deleteUpTo.run(documentId, uptoSeq);
      this.statements.insertAt.run(uptoSeq, documentId, merged);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
