import type pg from "pg";
import type { DocumentStore, StoredDocument, StoredUpdate } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { toDocument, type DocumentRow } from "../rows.js";
import { inTransaction } from "./transaction.js";

/** Now, in epoch ms of the database clock: every instance measures leases with the same clock. */
const NOW_MS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint";

const documentColumns = "id, workspace_id, title, created_at, updated_at";

function toUpdate(row: { seq: number; data: Uint8Array }): StoredUpdate {
  return { seq: row.seq, data: new Uint8Array(row.data) };
}

/**
 * Documents and update logs in PostgreSQL. Every change to whether a document takes
 * writes (appends, closeWrites, openWrites, opening and freezing rounds) first locks its
 * `documents` row, so they happen one after another: an append never slips past a
 * freeze, and per document seqs grow in commit order (what `loadUpdatesAfter` relies on).
 */
export class PgDocuments implements DocumentStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(doc: { id: string; workspaceId: string; title: string }, initialState: Uint8Array): Promise<StoredDocument> {
    const now = new Date().toISOString();
    await inTransaction(this.pool, async (client) => {
      await client.query("INSERT INTO documents (id, workspace_id, title, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)", [
        doc.id,
        doc.workspaceId,
        doc.title,
        now,
        now,
      ]);
      await client.query("INSERT INTO document_updates (document_id, data) VALUES ($1, $2)", [doc.id, initialState]);
    });
    return { ...doc, createdAt: now, updatedAt: now };
  }

  async get(id: string): Promise<StoredDocument | null> {
    const { rows } = await this.pool.query<DocumentRow>(`SELECT ${documentColumns} FROM documents WHERE id = $1`, [id]);
    return rows[0] ? toDocument(rows[0]) : null;
  }

  async listForWorkspaces(workspaceIds: string[]): Promise<StoredDocument[]> {
    const { rows } = await this.pool.query<DocumentRow>(
      `SELECT ${documentColumns} FROM documents WHERE workspace_id = ANY($1::text[])
       ORDER BY updated_at COLLATE "C" DESC, id COLLATE "C"`,
      [workspaceIds],
    );
    return rows.map(toDocument);
  }

  async loadUpdates(documentId: string, limit?: number): Promise<StoredUpdate[]> {
    // LIMIT NULL is no limit (SQLite's -1).
    const { rows } = await this.pool.query<{ seq: number; data: Uint8Array }>({
      name: "documents.loadUpdates",
      text: "SELECT seq, data FROM document_updates WHERE document_id = $1 ORDER BY seq LIMIT $2",
      values: [documentId, limit === undefined || limit < 0 ? null : limit],
    });
    return rows.map(toUpdate);
  }

  async loadUpdatesAfter(documentId: string, afterSeq: number): Promise<StoredUpdate[]> {
    const { rows } = await this.pool.query<{ seq: number; data: Uint8Array }>({
      name: "documents.loadUpdatesAfter",
      text: "SELECT seq, data FROM document_updates WHERE document_id = $1 AND seq > $2 ORDER BY seq",
      values: [documentId, afterSeq],
    });
    return rows.map(toUpdate);
  }

  async appendUpdates(documentId: string, updates: Uint8Array[]): Promise<number> {
    if (updates.length === 0) return 0;
    return inTransaction(this.pool, async (client) => {
      // The row lock, taken first: it waits for a closeWrites or a freeze in flight, and RETURNING reads the row as they left it.
      const touched = await client.query<{ lease_live: boolean }>({
        name: "documents.appendLock",
        text: `UPDATE documents SET updated_at = $2 WHERE id = $1 RETURNING COALESCE(writes_closed_until > ${NOW_MS}, false) AS lease_live`,
        values: [documentId, new Date().toISOString()],
      });
      // A statement of its own, so it sees a freeze committed while this transaction waited for the lock.
      const latest = await client.query<{ frozen: boolean }>({
        name: "documents.latestRoundFrozen",
        text: "SELECT frozen_at IS NOT NULL AS frozen FROM rounds WHERE document_id = $1 ORDER BY seq DESC LIMIT 1",
        values: [documentId],
      });
      if (touched.rows[0]?.lease_live || latest.rows[0]?.frozen) throw new StorageConflict("writes_closed");
      let seq = 0;
      for (const update of updates) {
        const inserted = await client.query<{ seq: number }>({
          name: "documents.append",
          text: "INSERT INTO document_updates (document_id, data) VALUES ($1, $2) RETURNING seq",
          values: [documentId, update],
        });
        seq = inserted.rows[0]!.seq;
      }
      return seq;
    });
  }

  async closeWrites(documentId: string, leaseMs: number): Promise<void> {
    await this.pool.query(`UPDATE documents SET writes_closed_until = ${NOW_MS} + $2::bigint WHERE id = $1`, [documentId, Math.ceil(leaseMs)]);
  }

  async openWrites(documentId: string): Promise<void> {
    await this.pool.query("UPDATE documents SET writes_closed_until = NULL WHERE id = $1", [documentId]);
  }

  async claimCompaction(documentId: string, holder: string, leaseMs: number): Promise<boolean> {
    // Takes the lease when there is none, it has expired, or the same holder renews it.
    const result = await this.pool.query(
      `INSERT INTO compaction_leases (document_id, holder, until) VALUES ($1, $2, ${NOW_MS} + $3::bigint)
       ON CONFLICT (document_id) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
       WHERE compaction_leases.until <= ${NOW_MS} OR compaction_leases.holder = EXCLUDED.holder`,
      [documentId, holder, Math.ceil(leaseMs)],
    );
    return result.rowCount === 1;
  }

  async releaseCompaction(documentId: string, holder: string): Promise<void> {
    await this.pool.query("DELETE FROM compaction_leases WHERE document_id = $1 AND holder = $2", [documentId, holder]);
  }

  async countUpdates(documentId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT COUNT(*) AS n FROM document_updates WHERE document_id = $1", [documentId]);
    return rows[0]?.n ?? 0;
  }

  async storedBytes(documentId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      "SELECT COALESCE(SUM(octet_length(data)), 0)::bigint AS n FROM document_updates WHERE document_id = $1",
      [documentId],
    );
    return rows[0]?.n ?? 0;
  }

  async replaceUpdates(documentId: string, uptoSeq: number, merged: Uint8Array): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query("DELETE FROM document_updates WHERE document_id = $1 AND seq <= $2", [documentId, uptoSeq]);
      await client.query("INSERT INTO document_updates (seq, document_id, data) VALUES ($1, $2, $3)", [uptoSeq, documentId, merged]);
    });
  }
}
