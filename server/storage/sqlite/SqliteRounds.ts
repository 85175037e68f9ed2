import type Database from "better-sqlite3";
import type { RoundStore, StoredRound, StoredVersion, StoredVersionSummary } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { refusalToOpen, toRound, toVersion, toVersionSummary, versionSummarySql, type RoundRow, type VersionRow } from "../rows.js";

/** Rounds and versions in SQLite; triggers make versions immutable and frozen rounds final. */
export class SqliteRounds implements RoundStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      list: db.prepare<[string], RoundRow>("SELECT * FROM rounds WHERE document_id = ? ORDER BY seq"),
      latest: db.prepare<[string], RoundRow>("SELECT * FROM rounds WHERE document_id = ? ORDER BY seq DESC LIMIT 1"),
      frozenDocuments: db.prepare<[], { document_id: string }>(
        `SELECT r.document_id FROM rounds r WHERE r.frozen_at IS NOT NULL
         AND r.seq = (SELECT MAX(seq) FROM rounds x WHERE x.document_id = r.document_id)`,
      ),
      insert: db.prepare<[string, string, number, string, string, string, string]>(
        "INSERT INTO rounds (id, document_id, seq, name, draft_published, opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      get: db.prepare<[string], RoundRow>("SELECT * FROM rounds WHERE id = ?"),
      freeze: db.prepare<[string, string, string]>("UPDATE rounds SET frozen_at = ?, frozen_by = ? WHERE id = ? AND frozen_at IS NULL"),
      insertVersion: db.prepare<[string, string, string, string, string, string, Uint8Array, string, string, string]>(
        "INSERT INTO versions (id, document_id, round_id, created_at, created_by, sha256, state, content, html, threads) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
      listVersions: db.prepare<[string], VersionRow>(`SELECT ${versionSummarySql.columns} ${versionSummarySql.from} WHERE v.document_id = ? ORDER BY v.created_at, v.id`),
      getVersion: db.prepare<[string, string], VersionRow>(
        `SELECT ${versionSummarySql.columns}, v.state, v.content, v.html, v.threads ${versionSummarySql.from} WHERE v.document_id = ? AND v.id = ?`,
      ),
    };
  }

  async list(documentId: string): Promise<StoredRound[]> {
    return this.statements.list.all(documentId).map(toRound);
  }

  async frozenDocuments(): Promise<string[]> {
    return this.statements.frozenDocuments.all().map((row) => row.document_id);
  }

  async open(round: Parameters<RoundStore["open"]>[0]): Promise<StoredRound> {
    return this.db.transaction(() => {
      const latest = this.statements.latest.get(round.documentId);
      const refused = refusalToOpen(latest ?? null, round.after);
      if (refused) throw new StorageConflict(refused);
      this.statements.insert.run(round.id, round.documentId, (latest?.seq ?? 0) + 1, round.name, round.draftPublished, new Date().toISOString(), round.openedBy);
      return toRound(this.statements.get.get(round.id)!);
    })();
  }

  async freeze(input: Parameters<RoundStore["freeze"]>[0]): Promise<StoredVersion> {
    const now = new Date().toISOString();
    const { version } = input;
    this.db.transaction(() => {
      if (this.statements.freeze.run(now, input.frozenBy, input.roundId).changes !== 1) throw new StorageConflict("already_frozen");
      this.statements.insertVersion.run(version.id, version.documentId, input.roundId, now, version.createdBy, version.sha256, version.state, version.content, version.html, version.threads);
    })();
    return (await this.getVersion(version.documentId, version.id))!;
  }

  async listVersions(documentId: string): Promise<StoredVersionSummary[]> {
    return this.statements.listVersions.all(documentId).map(toVersionSummary);
  }

  async getVersion(documentId: string, versionId: string): Promise<StoredVersion | null> {
    const row = this.statements.getVersion.get(documentId, versionId);
    return row ? toVersion(row) : null;
  }
}
