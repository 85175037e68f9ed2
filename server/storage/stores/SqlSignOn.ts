import type { NewSignOnEntry, SignOnChange, SignOnMergeRefusal, SignOnStore, StoredSignOnEntry, StoredSignOnWindow } from "../Storage.js";
import type { SignOnStatus } from "../../../shared/signOn.js";
import type { Db, SignOnEntriesTable } from "../schema.js";
import type { SqlDialect } from "../dialect.js";

/** The states an entry may be merged into: those that can still be listed. */
const mergeTargets: readonly SignOnStatus[] = ["unconfirmed", "confirmed", "approved"];

const windowColumns = ["version_id as versionId", "document_id as documentId", "opened_at as openedAt", "opened_by as openedBy", "closed_at as closedAt", "closed_by as closedBy"] as const;

const entryColumns = [
  "id",
  "version_id as versionId",
  "document_id as documentId",
  "organisation",
  "organisation_local as organisationLocal",
  "acronym",
  "country",
  "region",
  "type",
  "website",
  "person",
  "person_title as personTitle",
  "email",
  "consent_contact as consentContact",
  "language",
  "source",
  "status",
  "created_at as createdAt",
  "confirmed_at as confirmedAt",
  "decided_at as decidedAt",
  "decided_by as decidedBy",
  "withdrawn_at as withdrawnAt",
  "merged_into as mergedInto",
  "note",
  "carried_from as carriedFrom",
  "edited_at as editedAt",
] as const;

type EntryRow = Omit<StoredSignOnEntry, "consentContact"> & { consentContact: number };
const toEntry = ({ consentContact, ...row }: EntryRow): StoredSignOnEntry => ({ ...row, consentContact: Number(consentContact) === 1 });

/** The form's fields as columns (only those given). */
function fieldColumns(change: SignOnChange): Partial<SignOnEntriesTable> {
  const columns: Partial<SignOnEntriesTable> = {};
  const set = <K extends keyof SignOnEntriesTable>(key: K, value: SignOnEntriesTable[K] | undefined) => {
    if (value !== undefined) columns[key] = value;
  };
  set("organisation", change.organisation);
  set("organisation_local", change.organisationLocal);
  set("acronym", change.acronym);
  set("country", change.country);
  set("region", change.region);
  set("type", change.type);
  set("website", change.website);
  set("person", change.person);
  set("person_title", change.personTitle);
  set("email", change.email);
  set("consent_contact", change.consentContact === undefined ? undefined : change.consentContact ? 1 : 0);
  set("status", change.status);
  set("confirmed_at", change.confirmedAt);
  set("decided_at", change.decidedAt);
  set("decided_by", change.decidedBy);
  set("withdrawn_at", change.withdrawnAt);
  set("merged_into", change.mergedInto);
  set("note", change.note);
  set("edited_at", change.editedAt);
  return columns;
}

/** Sign-on windows and entries. */
export class SqlSignOn implements SignOnStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  async everOpened(documentId: string): Promise<boolean> {
    return (await this.db.selectFrom("sign_on_windows").select("version_id").where("document_id", "=", documentId).limit(1).executeTakeFirst()) !== undefined;
  }

  async window(versionId: string): Promise<StoredSignOnWindow | null> {
    return (await this.db.selectFrom("sign_on_windows").select(windowColumns).where("version_id", "=", versionId).executeTakeFirst()) ?? null;
  }

  async openWindow(input: { versionId: string; documentId: string; by: string; at: string }): Promise<StoredSignOnWindow> {
    await this.db
      .insertInto("sign_on_windows")
      .values({ version_id: input.versionId, document_id: input.documentId, opened_at: input.at, opened_by: input.by, closed_at: null, closed_by: null })
      .onConflict((conflict) => conflict.column("version_id").doUpdateSet({ opened_at: input.at, opened_by: input.by, closed_at: null, closed_by: null }))
      .execute();
    return (await this.window(input.versionId))!;
  }

  async closeWindow(input: { versionId: string; by: string; at: string }): Promise<StoredSignOnWindow | null> {
    await this.db.updateTable("sign_on_windows").set({ closed_at: input.at, closed_by: input.by }).where("version_id", "=", input.versionId).execute();
    return this.window(input.versionId);
  }

  private row(entry: NewSignOnEntry): SignOnEntriesTable {
    return {
      ...(fieldColumns(entry) as Omit<SignOnEntriesTable, "id">),
      id: entry.id,
      version_id: entry.versionId,
      document_id: entry.documentId,
      dedupe_key: entry.dedupeKey,
      language: entry.language,
      source: entry.source,
      status: entry.status,
      token_hash: entry.tokenHash,
      created_at: entry.createdAt,
      confirmed_at: null,
      decided_at: null,
      decided_by: null,
      withdrawn_at: null,
      merged_into: null,
      note: entry.note,
      carried_from: entry.carriedFrom ?? null,
      edited_at: null,
    };
  }

  async submit(entry: NewSignOnEntry): Promise<{ entry: StoredSignOnEntry; created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      // Inserted unless the version has the key already (two submissions at once: one inserts, the other finds it).
      const inserted = await trx.insertInto("sign_on_entries").values(this.row(entry)).onConflict((c) => c.columns(["version_id", "dedupe_key"]).doNothing()).execute();
      const created = Number(inserted[0]?.numInsertedOrUpdatedRows ?? 0) > 0;
      const existing = await trx.selectFrom("sign_on_entries").select("id").where("version_id", "=", entry.versionId).where("dedupe_key", "=", entry.dedupeKey).executeTakeFirstOrThrow();
      if (!created) {
        await trx.updateTable("sign_on_entries").set({ token_hash: entry.tokenHash }).where("id", "=", existing.id).execute();
        const { email: _email, status: _status, note: _note, ...fields } = fieldColumns(entry);
        // Back to unconfirmed with the new fields; an entry a chair corrected keeps the chair's fields.
        await trx
          .updateTable("sign_on_entries")
          .set((eb) => ({
            ...Object.fromEntries(Object.entries(fields).map(([column, value]) => [column, eb.case().when("edited_at", "is", null).then(value).else(eb.ref(column as keyof SignOnEntriesTable)).end()])),
            language: entry.language,
            status: "unconfirmed",
            withdrawn_at: null,
          }))
          .where("id", "=", existing.id)
          .where("status", "in", ["unconfirmed", "withdrawn"])
          .execute();
      }
      const row = await trx.selectFrom("sign_on_entries").select(entryColumns).where("id", "=", existing.id).executeTakeFirstOrThrow();
      return { entry: toEntry(row), created };
    });
  }

  async insert(entry: NewSignOnEntry): Promise<StoredSignOnEntry> {
    await this.db.insertInto("sign_on_entries").values(this.row(entry)).execute();
    return (await this.get(entry.id))!;
  }

  async get(id: string): Promise<StoredSignOnEntry | null> {
    const row = await this.db.selectFrom("sign_on_entries").select(entryColumns).where("id", "=", id).executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  async byTokenHash(tokenHash: string): Promise<StoredSignOnEntry | null> {
    const row = await this.db.selectFrom("sign_on_entries").select(entryColumns).where("token_hash", "=", tokenHash).executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  async list(versionId: string): Promise<StoredSignOnEntry[]> {
    const rows = await this.db.selectFrom("sign_on_entries").select(entryColumns).where("version_id", "=", versionId).orderBy("created_at").orderBy("id").execute();
    return rows.map(toEntry);
  }

  async update(id: string, change: SignOnChange, from?: readonly SignOnStatus[]): Promise<StoredSignOnEntry | null> {
    const columns = fieldColumns(change);
    let query = this.db.updateTable("sign_on_entries").set(Object.keys(columns).length > 0 ? columns : { id }).where("id", "=", id);
    if (from) query = query.where("status", "in", [...from]);
    const result = await query.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return null;
    return this.get(id);
  }

  async copies(id: string): Promise<StoredSignOnEntry[]> {
    const rows = await this.db.selectFrom("sign_on_entries").select(entryColumns).where("carried_from", "=", id).orderBy("created_at").orderBy("id").execute();
    return rows.map(toEntry);
  }

  async merge(id: string, into: string, change: Pick<SignOnChange, "decidedAt" | "decidedBy">): Promise<{ entry: StoredSignOnEntry } | { refused: SignOnMergeRefusal }> {
    return this.db.transaction().execute(async (trx) => {
      // Both rows locked, in one order, before either is read: an opposite merge waits, then sees this one.
      const rows = await this.dialect
        .lockRows(trx.selectFrom("sign_on_entries").select(["id", "status"]).where("id", "in", [id, into]).orderBy(this.dialect.binary("id")))
        .execute();
      const status = (which: string) => rows.find((row) => row.id === which)?.status;
      const target = status(into);
      if (target === undefined || !mergeTargets.includes(target)) return { refused: "target_not_live" as const };
      if (status(id) === "merged") return { refused: "already_merged" as const };
      await trx
        .updateTable("sign_on_entries")
        .set({ ...fieldColumns(change), status: "merged", merged_into: into })
        .where("id", "=", id)
        .execute();
      return { entry: toEntry(await trx.selectFrom("sign_on_entries").select(entryColumns).where("id", "=", id).executeTakeFirstOrThrow()) };
    });
  }
}
