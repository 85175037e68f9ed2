import type { RoundStore, StoredRound, StoredVersion, StoredVersionSummary } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { refusalToOpen } from "../rows.js";
import type { Db } from "../schema.js";
import type { SqlDialect } from "../dialect.js";

/** A round's columns under the API's names. */
const roundColumns = [
  "id",
  "document_id as documentId",
  "seq",
  "name",
  "draft_published as draftPublished",
  "opened_at as openedAt",
  "opened_by as openedBy",
  "frozen_at as frozenAt",
  "frozen_by as frozenBy",
] as const;

/**
 * Rounds and versions; database triggers make versions immutable and frozen rounds
 * final. Opening and freezing lock the document's row first, like appends do, so a
 * freeze and an append to that document never interleave.
 */
export class SqlRounds implements RoundStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  /** Versions with their round and creator, without their content. */
  private versions() {
    return this.db
      .selectFrom("versions as v")
      .innerJoin("rounds as r", "r.id", "v.round_id")
      .innerJoin("accounts as a", "a.id", "v.created_by")
      .select([
        "v.id",
        "v.document_id as documentId",
        "v.round_id as roundId",
        "r.name as roundName",
        "r.draft_published as draftPublished",
        "v.created_at as createdAt",
        "v.created_by as createdBy",
        "a.display_name as createdByName",
        "v.sha256",
      ]);
  }

  async list(documentId: string): Promise<StoredRound[]> {
    return this.db.selectFrom("rounds").select(roundColumns).where("document_id", "=", documentId).orderBy("seq").execute();
  }

  async frozenDocuments(): Promise<string[]> {
    const rows = await this.db
      .selectFrom("rounds as r")
      .select("r.document_id")
      .where("r.frozen_at", "is not", null)
      .where("r.seq", "=", (eb) => eb.selectFrom("rounds as x").select((x) => x.fn.max("x.seq").as("seq")).whereRef("x.document_id", "=", "r.document_id"))
      .execute();
    return rows.map((row) => row.document_id);
  }

  async open(round: Parameters<RoundStore["open"]>[0]): Promise<StoredRound> {
    return this.db.transaction().execute(async (trx) => {
      // The document's row lock makes concurrent opens take turns: the second sees the first's round.
      await this.dialect.lockRows(trx.selectFrom("documents").select("id").where("id", "=", round.documentId)).execute();
      const latest = await trx.selectFrom("rounds").select(roundColumns).where("document_id", "=", round.documentId).orderBy("seq", "desc").limit(1).executeTakeFirst();
      const refused = refusalToOpen(latest ?? null, round.after);
      if (refused) throw new StorageConflict(refused);
      return trx
        .insertInto("rounds")
        .values({
          id: round.id,
          document_id: round.documentId,
          seq: (latest?.seq ?? 0) + 1,
          name: round.name,
          draft_published: round.draftPublished,
          opened_at: new Date().toISOString(),
          opened_by: round.openedBy,
        })
        .returning(roundColumns)
        .executeTakeFirstOrThrow();
    });
  }

  async freeze(input: Parameters<RoundStore["freeze"]>[0]): Promise<StoredVersion> {
    const now = new Date().toISOString();
    const { version } = input;
    await this.db.transaction().execute(async (trx) => {
      await this.dialect
        .lockRows(trx.selectFrom("documents").select("id").where("id", "=", (eb) => eb.selectFrom("rounds").select("document_id").where("id", "=", input.roundId)))
        .execute();
      const frozen = await trx
        .updateTable("rounds")
        .set({ frozen_at: now, frozen_by: input.frozenBy })
        .where("id", "=", input.roundId)
        .where("frozen_at", "is", null)
        .executeTakeFirst();
      if (Number(frozen.numUpdatedRows) !== 1) throw new StorageConflict("already_frozen");
      await trx
        .insertInto("versions")
        .values({
          id: version.id,
          document_id: version.documentId,
          round_id: input.roundId,
          created_at: now,
          created_by: version.createdBy,
          sha256: version.sha256,
          state: version.state,
          content: version.content,
          html: version.html,
          threads: version.threads,
          suggestions: version.suggestions,
          language: version.language,
        })
        .execute();
    });
    return (await this.getVersion(version.documentId, version.id))!;
  }

  async listVersions(documentId: string): Promise<StoredVersionSummary[]> {
    return this.versions().where("v.document_id", "=", documentId).orderBy(this.dialect.binary("v.created_at")).orderBy(this.dialect.binary("v.id")).execute();
  }

  async getVersion(documentId: string, versionId: string): Promise<StoredVersion | null> {
    const row = await this.versions().select(["v.state", "v.content", "v.html", "v.threads", "v.suggestions", "v.language"]).where("v.document_id", "=", documentId).where("v.id", "=", versionId).executeTakeFirst();
    return row ? { ...row, state: new Uint8Array(row.state) } : null;
  }
}
