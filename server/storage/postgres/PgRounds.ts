import type pg from "pg";
import type { RoundStore, StoredRound, StoredVersion, StoredVersionSummary } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { refusalToOpen, toRound, toVersion, toVersionSummary, versionSummarySql, type RoundRow, type VersionRow } from "../rows.js";
import { inTransaction } from "./transaction.js";

/**
 * Rounds and versions in PostgreSQL; triggers make versions immutable and frozen rounds
 * final. Opening and freezing lock the document's row first, like appends do, so a
 * freeze and an append to that document never interleave.
 */
export class PgRounds implements RoundStore {
  constructor(private readonly pool: pg.Pool) {}

  async list(documentId: string): Promise<StoredRound[]> {
    const { rows } = await this.pool.query<RoundRow>("SELECT * FROM rounds WHERE document_id = $1 ORDER BY seq", [documentId]);
    return rows.map(toRound);
  }

  async frozenDocuments(): Promise<string[]> {
    const { rows } = await this.pool.query<{ document_id: string }>(
      `SELECT r.document_id FROM rounds r WHERE r.frozen_at IS NOT NULL
       AND r.seq = (SELECT MAX(seq) FROM rounds x WHERE x.document_id = r.document_id)`,
    );
    return rows.map((row) => row.document_id);
  }

  async open(round: Parameters<RoundStore["open"]>[0]): Promise<StoredRound> {
    return inTransaction(this.pool, async (client) => {
      // The document's row lock makes concurrent opens take turns: the second sees the first's round.
      await client.query("SELECT 1 FROM documents WHERE id = $1 FOR NO KEY UPDATE", [round.documentId]);
      const latest = (await client.query<RoundRow>("SELECT * FROM rounds WHERE document_id = $1 ORDER BY seq DESC LIMIT 1", [round.documentId])).rows[0];
      const refused = refusalToOpen(latest ?? null, round.after);
      if (refused) throw new StorageConflict(refused);
      const inserted = await client.query<RoundRow>(
        `INSERT INTO rounds (id, document_id, seq, name, draft_published, opened_at, opened_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [round.id, round.documentId, (latest?.seq ?? 0) + 1, round.name, round.draftPublished, new Date().toISOString(), round.openedBy],
      );
      return toRound(inserted.rows[0]!);
    });
  }

  async freeze(input: Parameters<RoundStore["freeze"]>[0]): Promise<StoredVersion> {
    const now = new Date().toISOString();
    const { version } = input;
    await inTransaction(this.pool, async (client) => {
      await client.query("SELECT 1 FROM documents WHERE id = (SELECT document_id FROM rounds WHERE id = $1) FOR NO KEY UPDATE", [input.roundId]);
      const frozen = await client.query("UPDATE rounds SET frozen_at = $1, frozen_by = $2 WHERE id = $3 AND frozen_at IS NULL", [now, input.frozenBy, input.roundId]);
      if (frozen.rowCount !== 1) throw new StorageConflict("already_frozen");
      await client.query(
        `INSERT INTO versions (id, document_id, round_id, created_at, created_by, sha256, state, content, html, threads)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [version.id, version.documentId, input.roundId, now, version.createdBy, version.sha256, version.state, version.content, version.html, version.threads],
      );
    });
    return (await this.getVersion(version.documentId, version.id))!;
  }

  async listVersions(documentId: string): Promise<StoredVersionSummary[]> {
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT ${versionSummarySql.columns} ${versionSummarySql.from} WHERE v.document_id = $1 ORDER BY v.created_at COLLATE "C", v.id COLLATE "C"`,
      [documentId],
    );
    return rows.map(toVersionSummary);
  }

  async getVersion(documentId: string, versionId: string): Promise<StoredVersion | null> {
    const { rows } = await this.pool.query<VersionRow>(
      `SELECT ${versionSummarySql.columns}, v.state, v.content, v.html, v.threads ${versionSummarySql.from} WHERE v.document_id = $1 AND v.id = $2`,
      [documentId, versionId],
    );
    return rows[0] ? toVersion(rows[0]) : null;
  }
}
