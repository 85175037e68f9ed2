import type { NewSignOnEntry, SignOnChange, SignOnStore, StoredSignOnEntry, StoredSignOnWindow } from "../Storage.js";
import type { SignOnStatus } from "../../../shared/signOn.js";
import type { Db, SignOnEntriesTable } from "../schema.js";

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
  return columns;
}

/** Sign-on windows and entries. */
export class SqlSignOn implements SignOnStore {
  constructor(private readonly db: Db) {}

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
        const { email: _email, ...fields } = fieldColumns(entry);
        await trx
          .updateTable("sign_on_entries")
          .set({ ...fields, language: entry.language, status: "unconfirmed", withdrawn_at: null })
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
}
