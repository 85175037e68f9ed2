/**
 * The schema's changes, in order, written once for both databases and run by the query
 * builder's migrator (`migrate.ts`). Only what the databases name differently is chosen
 * per dialect: binary and big integer types, auto-numbered keys, triggers.
 *
 * Never edit a migration that has shipped: add the next one.
 */
import { sql, type ColumnDataType, type ColumnDefinitionBuilder, type Kysely, type Migration } from "kysely";
import type { DialectName } from "./dialect.js";

/** The column types that differ by database. */
function typesOf(dialect: DialectName) {
  const pg = dialect === "postgres";
  return {
    blob: (pg ? "bytea" : "blob") as ColumnDataType,
    bigint: (pg ? "bigint" : "integer") as ColumnDataType,
    /** An auto-numbered primary key that never reuses a number. */
    serial: (pg ? "bigserial" : "integer") as ColumnDataType,
    serialKey: (column: ColumnDefinitionBuilder) => (pg ? column.primaryKey() : column.primaryKey().autoIncrement()),
  };
}

/**
 * A migration's work. It sees the database as untyped (`Kysely<any>`, as the query
 * builder advises): a migration must keep working as written when `schema.ts` moves on.
 */
type Up = (db: Kysely<any>, dialect: DialectName) => Promise<void>;

/** Each migration by name; names sort in the order they run. */
const steps: [string, Up][] = [
  [
    "001-documents",
    async (db, dialect) => {
      const t = typesOf(dialect);
      await db.schema
        .createTable("documents")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("document_updates")
        .addColumn("seq", t.serial, t.serialKey)
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("data", t.blob, (c) => c.notNull())
        .execute();
      await db.schema.createIndex("document_updates_by_document").on("document_updates").columns(["document_id", "seq"]).execute();
    },
  ],
  [
    "002-accounts-workspaces",
    async (db, dialect) => {
      const t = typesOf(dialect);
      await db.schema
        .createTable("accounts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text")
        .addColumn("revoked_at", "text")
        .execute();
      await db.schema
        .createTable("workspaces")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("members")
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('chair', 'coordinator', 'reviewer', 'observer')`))
        .addColumn("group_ids", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("joined_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("members_pkey", ["workspace_id", "account_id"])
        .execute();
      await db.schema.createIndex("members_by_account").on("members").column("account_id").execute();
      await db.schema
        .createTable("reference_groups")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("acts", "text", (c) => c.notNull().defaultTo("[]"))
        .execute();
      await db.schema
        .createTable("invites")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("group_ids", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .addColumn("used_by", "text")
        .execute();
      await db.schema
        .createTable("audit_log")
        .addColumn("id", t.serial, t.serialKey)
        .addColumn("workspace_id", "text")
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("subject", "text")
        .addColumn("detail", "text", (c) => c.notNull())
        .addColumn("address", "text")
        .execute();
      await db.schema.createIndex("audit_by_workspace").on("audit_log").columns(["workspace_id", "id"]).execute();
      await db.schema.createIndex("audit_by_actor").on("audit_log").columns(["actor_id", "id"]).execute();
      await db.schema.alterTable("documents").addColumn("workspace_id", "text", (c) => c.references("workspaces.id")).execute();
      await db.schema.createIndex("documents_by_workspace").on("documents").column("workspace_id").execute();
    },
  ],
  [
    "003-comments",
    async (db) => {
      await db.schema
        .createTable("comment_threads")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("anchor_start", "text", (c) => c.notNull())
        .addColumn("anchor_end", "text", (c) => c.notNull())
        .addColumn("quote", "text", (c) => c.notNull())
        .addColumn("group_id", "text")
        .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'resolved')`))
        .addColumn("created_by", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("resolved_by", "text", (c) => c.references("accounts.id"))
        .addColumn("resolved_at", "text")
        .execute();
      await db.schema.createIndex("comment_threads_by_document").on("comment_threads").columns(["document_id", "created_at"]).execute();
      await db.schema
        .createTable("comments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("thread_id", "text", (c) => c.notNull().references("comment_threads.id").onDelete("cascade"))
        .addColumn("author_id", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("edited_at", "text")
        .addColumn("deleted_at", "text")
        .execute();
      await db.schema.createIndex("comments_by_thread").on("comments").columns(["thread_id", "created_at"]).execute();
    },
  ],
  [
    "004-rounds-versions",
    async (db, dialect) => {
      const t = typesOf(dialect);
      await db.schema
        .createTable("rounds")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("draft_published", "text", (c) => c.notNull())
        .addColumn("opened_at", "text", (c) => c.notNull())
        .addColumn("opened_by", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("frozen_at", "text")
        .addColumn("frozen_by", "text", (c) => c.references("accounts.id"))
        .addUniqueConstraint("rounds_document_id_seq_key", ["document_id", "seq"])
        .execute();
      await db.schema
        .createTable("versions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
        .addColumn("round_id", "text", (c) => c.notNull().unique().references("rounds.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("state", t.blob, (c) => c.notNull())
        .addColumn("content", "text", (c) => c.notNull())
        .addColumn("html", "text", (c) => c.notNull())
        .addColumn("threads", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("versions_by_document").on("versions").columns(["document_id", "created_at"]).execute();
      // Enforced by the database itself, so no code path (nor direct SQL) can change a frozen round or a version.
      if (dialect === "postgres") {
        await sql`CREATE FUNCTION rounds_stay_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'a frozen round cannot change'; END $$`.execute(db);
        await sql`CREATE TRIGGER rounds_stay_frozen BEFORE UPDATE ON rounds
          FOR EACH ROW WHEN (OLD.frozen_at IS NOT NULL) EXECUTE FUNCTION rounds_stay_frozen()`.execute(db);
        await sql`CREATE FUNCTION versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'versions are immutable'; END $$`.execute(db);
        await sql`CREATE TRIGGER versions_are_immutable BEFORE UPDATE OR DELETE ON versions
          FOR EACH ROW EXECUTE FUNCTION versions_are_immutable()`.execute(db);
        await sql`CREATE TRIGGER versions_are_kept BEFORE TRUNCATE ON versions
          FOR EACH STATEMENT EXECUTE FUNCTION versions_are_immutable()`.execute(db);
      } else {
        await sql`CREATE TRIGGER rounds_stay_frozen BEFORE UPDATE ON rounds WHEN OLD.frozen_at IS NOT NULL
          BEGIN SELECT RAISE(ABORT, 'a frozen round cannot change'); END`.execute(db);
        await sql`CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
          BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END`.execute(db);
        await sql`CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
          BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END`.execute(db);
      }
    },
  ],
  [
    // Several instances: a freeze closes writes for a while (epoch ms), and one instance at a time compacts a document.
    "005-leases",
    async (db, dialect) => {
      const t = typesOf(dialect);
      await db.schema.alterTable("documents").addColumn("writes_closed_until", t.bigint).execute();
      await db.schema
        .createTable("compaction_leases")
        .addColumn("document_id", "text", (c) => c.primaryKey().references("documents.id").onDelete("cascade"))
        .addColumn("holder", "text", (c) => c.notNull())
        .addColumn("until", t.bigint, (c) => c.notNull())
        .execute();
    },
  ],
  [
    // Accounts: whom an invitation was for, and password reset links made by chairs.
    "006-invite-notes-password-resets",
    async (db) => {
      await db.schema.alterTable("invites").addColumn("note", "text").execute();
      await db.schema
        .createTable("password_resets")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .execute();
      await db.schema.createIndex("password_resets_by_account").on("password_resets").column("account_id").execute();
    },
  ],
  [
    // Servers from before the migrator read `schema_migrations`: this row makes them refuse the database as newer.
    "007-refuse-older-servers",
    async (db) => {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
      await sql`INSERT INTO schema_migrations (version, applied_at) VALUES (${LEGACY_FENCE}, ${new Date().toISOString()})`.execute(db);
    },
  ],
  [
    // Languages: the interface language a person chose (null: their browser's), each statement's language,
    // and the one a version was frozen in (its exports keep it; null: frozen before languages, so English).
    "008-languages",
    async (db) => {
      await db.schema.alterTable("accounts").addColumn("language", "text").execute();
      await db.schema.alterTable("documents").addColumn("language", "text", (c) => c.notNull().defaultTo("en")).execute();
      await db.schema.alterTable("versions").addColumn("language", "text").execute();
    },
  ],
  [
    "009-suggestions",
    async (db) => {
      await db.schema
        .createTable("suggestions")
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("author_id", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("group_id", "text")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("act_id", "text")
        .addColumn("clause_id", "text")
        .addColumn("inserted", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("deleted", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'rejected', 'withdrawn')`))
        .addColumn("decided_by", "text", (c) => c.references("accounts.id"))
        .addColumn("decided_at", "text")
        // An id is its author's to reuse in another statement: a record is one statement's.
        .addPrimaryKeyConstraint("suggestions_pkey", ["document_id", "id"])
        .execute();
      await db.schema.createIndex("suggestions_by_document").on("suggestions").columns(["document_id", "created_at"]).execute();
    },
  ],
  [
    // The suggestions pending when a version was frozen, as the server knew them (JSON of the API's suggestions):
    // a version shows them without the live table. Versions frozen before keep '[]'.
    "010-version-suggestions",
    async (db) => {
      await db.schema.alterTable("versions").addColumn("suggestions", "text", (c) => c.notNull().defaultTo("[]")).execute();
    },
  ],
  [
    "011-document-writers",
    async (db, dialect) => {
      const t = typesOf(dialect);
      // Which account first wrote under each Yjs client id of a statement: no one else may write under it.
      await db.schema
        .createTable("document_writers")
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("client_id", t.bigint, (c) => c.notNull())
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("first_seen", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("document_writers_pkey", ["document_id", "client_id"])
        .execute();
    },
  ],
  [
    // Sign-on: a chair opens and closes sign-on for a frozen version; organisations' entries for it, each
    // with one secret link (only its hash kept) to confirm and to withdraw. `dedupe_key` makes the same
    // email and organisation signing twice for one version one entry.
    "012-sign-on",
    async (db) => {
      await db.schema
        .createTable("sign_on_windows")
        .addColumn("version_id", "text", (c) => c.primaryKey().references("versions.id"))
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("opened_at", "text", (c) => c.notNull())
        .addColumn("opened_by", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("closed_at", "text")
        .addColumn("closed_by", "text", (c) => c.references("accounts.id"))
        .execute();
      await db.schema
        .createTable("sign_on_entries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("version_id", "text", (c) => c.notNull().references("versions.id"))
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("dedupe_key", "text", (c) => c.notNull())
        .addColumn("organisation", "text", (c) => c.notNull())
        .addColumn("organisation_local", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("acronym", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("country", "text", (c) => c.notNull())
        .addColumn("region", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("website", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("person", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("person_title", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("email", "text", (c) => c.notNull().defaultTo(""))
        .addColumn("consent_contact", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('form', 'hand', 'typed')`))
        .addColumn("status", "text", (c) =>
          c.notNull().check(sql`status in ('unconfirmed', 'confirmed', 'approved', 'rejected', 'withdrawn', 'merged')`),
        )
        .addColumn("token_hash", "text", (c) => c.unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("confirmed_at", "text")
        .addColumn("decided_at", "text")
        .addColumn("decided_by", "text", (c) => c.references("accounts.id"))
        .addColumn("withdrawn_at", "text")
        .addColumn("merged_into", "text", (c) => c.references("sign_on_entries.id"))
        .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
        .execute();
      await db.schema.createIndex("sign_on_entries_once").unique().on("sign_on_entries").columns(["version_id", "dedupe_key"]).execute();
    },
  ],
  [
    // Notifications: what each member hears about (the bell, and mail as they chose), their email
    // setting, and the Acts they follow or stopped following in each workspace.
    "013-notifications",
    async (db) => {
      await db.schema
        .createTable("notifications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
        .addColumn("document_id", "text", (c) => c.references("documents.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.references("accounts.id"))
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .addColumn("link", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("read_at", "text")
        // When it went out by mail (immediately, or in a digest); null while it has not.
        .addColumn("mailed_at", "text")
        .execute();
      await db.schema.createIndex("notifications_by_account").on("notifications").columns(["account_id", "created_at"]).execute();
      await db.schema.createIndex("notifications_by_subject").on("notifications").columns(["subject", "kind"]).execute();
      await db.schema
        .createTable("notification_settings")
        .addColumn("account_id", "text", (c) => c.primaryKey().references("accounts.id").onDelete("cascade"))
        .addColumn("email_mode", "text", (c) => c.notNull().check(sql`email_mode in ('immediate', 'digest', 'off')`))
        .execute();
      await db.schema
        .createTable("act_follows")
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("act", "integer", (c) => c.notNull())
        // 1: follows; 0: stopped following an Act their reference group follows by default.
        .addColumn("follows", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("act_follows_pkey", ["workspace_id", "account_id", "act"])
        .execute();
    },
  ],
  [
    // Sign-on: the entry a carried-forward entry came from (withdrawing the original by its
    // link withdraws its copies too), and when a chair last corrected an entry (a resubmission
    // from the form then keeps the chair's correction).
    "014-sign-on-carried",
    async (db) => {
      await db.schema.alterTable("sign_on_entries").addColumn("carried_from", "text").execute();
      await db.schema.alterTable("sign_on_entries").addColumn("edited_at", "text").execute();
      await db.schema.createIndex("sign_on_entries_carried_from").on("sign_on_entries").column("carried_from").execute();
    },
  ],
  [
    // The mail queue: each notification mail and daily digest, durable until sent (or given up),
    // claimed by one instance at a time with a lease on the database clock.
    "015-mail-queue",
    async (db, dialect) => {
      const types = typesOf(dialect);
      await db.schema
        .createTable("mail_queue")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
        .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
        .addColumn("recipient", "text", (c) => c.notNull())
        .addColumn("language", "text", (c) => c.notNull())
        // 'notification' (one, at once) or 'digest' (a day's).
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        // JSON object of extra headers (List-Unsubscribe...).
        .addColumn("headers", "text", (c) => c.notNull())
        .addColumn("message_id", "text", (c) => c.notNull())
        // SHA-256 of the secret in the mail's unsubscribe links.
        .addColumn("unsubscribe_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        // Epoch ms (database clock) from when it may be sent: now, or after a failure's back-off.
        .addColumn("due_at_ms", types.bigint, (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_error", "text")
        // The instance sending it, until when (epoch ms, database clock).
        .addColumn("claimed_by", "text")
        .addColumn("claimed_until_ms", types.bigint)
        .addColumn("sent_at", "text")
        .addColumn("failed_at", "text")
        .execute();
      await db.schema.createIndex("mail_queue_due").on("mail_queue").columns(["sent_at", "failed_at", "due_at_ms"]).execute();
    },
  ],
  [
    // Scheduled freezes: when a chair wants the current round frozen, the reminders already
    // sent, and the lease an instance holds while it freezes (so exactly one does).
    "016-freeze-schedules",
    async (db, dialect) => {
      const t = typesOf(dialect);
      await db.schema
        .createTable("freeze_schedules")
        .addColumn("round_id", "text", (c) => c.primaryKey().references("rounds.id").onDelete("cascade"))
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("at_ms", t.bigint, (c) => c.notNull())
        .addColumn("scheduled_by", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("scheduled_at", "text", (c) => c.notNull())
        .addColumn("reminders_sent", "text", (c) => c.notNull())
        .addColumn("claimed_by", "text")
        .addColumn("claimed_until_ms", t.bigint)
        .addColumn("done_at", "text")
        .execute();
      await db.schema.createIndex("freeze_schedules_by_time").on("freeze_schedules").columns(["done_at", "at_ms"]).execute();
      await db.schema.createIndex("freeze_schedules_by_document").on("freeze_schedules").columns(["document_id"]).execute();
    },
  ],
  [
    // Mentions in comments: the people and reference groups a comment names ("@Name" in its
    // body), as a JSON list of {kind, id}; null for none.
    "017-comment-mentions",
    async (db) => {
      await db.schema.alterTable("comments").addColumn("mentions", "text").execute();
    },
  ],
  [
    // Notifications told once, whichever instance or overlapping request records them: a new
    // suggestion once per person, and a comment once per person and kind (an edit that names
    // someone again tells nobody twice). The comment a notification is about is kept so that
    // deleting the comment can take its words out of the notifications.
    "018-notification-once",
    async (db) => {
      await db.schema.alterTable("notifications").addColumn("comment_id", "text").execute();
      // Repeats recorded before this was enforced: keep the earliest of each.
      await sql`delete from notifications where kind = 'suggestion' and exists (
        select 1 from notifications earlier where earlier.kind = 'suggestion' and earlier.account_id = notifications.account_id
          and earlier.subject = notifications.subject and (earlier.created_at < notifications.created_at or (earlier.created_at = notifications.created_at and earlier.id < notifications.id)))`.execute(db);
      await sql`create unique index notifications_suggestion_once on notifications (account_id, subject) where kind = 'suggestion'`.execute(db);
      await sql`create unique index notifications_comment_once on notifications (account_id, kind, comment_id) where comment_id is not null`.execute(db);
      await db.schema.createIndex("notifications_by_comment").on("notifications").columns(["comment_id"]).execute();
    },
  ],
  [
    // The Surround Sound matrix: each statement's targets (a state by code, another actor by
    // name; `match_key` is the code, or "name:" and the lower-cased name, unique per statement),
    // their positions per Act and round (a revision per cell, checked on every change), the
    // organisations advocating with them, and the history of changes; each workspace's
    // negotiating groups. Members' organisations, shown beside their names.
    "019-matrix",
    async (db, dialect) => {
      const t = typesOf(dialect);
      await db.schema.alterTable("accounts").addColumn("organisation", "text", (c) => c.notNull().defaultTo("")).execute();
      await db.schema
        .createTable("matrix_targets")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('state', 'other')`))
        .addColumn("code", "text")
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("match_key", "text", (c) => c.notNull())
        // JSON list of the Acts' stable ids (an Act's number moves when one is inserted before it).
        .addColumn("acts", "text", (c) => c.notNull())
        .addColumn("added_by", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("added_at", "text", (c) => c.notNull())
        .addUniqueConstraint("matrix_targets_match_key_key", ["document_id", "match_key"])
        .execute();
      await db.schema
        .createTable("matrix_cells")
        .addColumn("target_id", "text", (c) => c.notNull().references("matrix_targets.id").onDelete("cascade"))
        // The Act's stable id, not its number.
        .addColumn("act_id", "text", (c) => c.notNull())
        .addColumn("round_id", "text", (c) => c.notNull().references("rounds.id").onDelete("cascade"))
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("position", "text", (c) => c.notNull().check(sql`position in ('supports', 'flexible', 'opposes', 'unknown')`))
        .addColumn("note", "text", (c) => c.notNull())
        .addColumn("internal", "integer", (c) => c.notNull())
        .addColumn("evidence_url", "text", (c) => c.notNull())
        .addColumn("evidence_quote", "text", (c) => c.notNull())
        .addColumn("evidence_date", "text", (c) => c.notNull())
        .addColumn("recorded_by", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("recorded_at", "text", (c) => c.notNull())
        .addColumn("revision", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("matrix_cells_pkey", ["target_id", "act_id", "round_id"])
        .execute();
      await db.schema.createIndex("matrix_cells_by_round").on("matrix_cells").columns(["document_id", "round_id"]).execute();
      await db.schema
        .createTable("matrix_advocates")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("target_id", "text", (c) => c.notNull().references("matrix_targets.id").onDelete("cascade"))
        .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('new_york', 'geneva', 'capital')`))
        .addColumn("organisation", "text", (c) => c.notNull())
        // The organisation's name as compared (lower case, no accents or punctuation): once per target and channel.
        .addColumn("organisation_key", "text", (c) => c.notNull())
        .addColumn("contact_name", "text", (c) => c.notNull())
        .addColumn("contact_email", "text", (c) => c.notNull())
        .addColumn("note", "text", (c) => c.notNull())
        .addColumn("added_by", "text", (c) => c.notNull().references("accounts.id"))
        .addColumn("added_at", "text", (c) => c.notNull())
        .addUniqueConstraint("matrix_advocates_organisation_key_key", ["target_id", "channel", "organisation_key"])
        .execute();
      await db.schema.createIndex("matrix_advocates_by_document").on("matrix_advocates").columns(["document_id", "target_id"]).execute();
      await db.schema
        .createTable("matrix_history")
        // Orders entries made at the same instant.
        .addColumn("seq", t.serial, t.serialKey)
        .addColumn("id", "text", (c) => c.notNull().unique())
        .addColumn("document_id", "text", (c) => c.notNull().references("documents.id").onDelete("cascade"))
        .addColumn("target_id", "text", (c) => c.notNull().references("matrix_targets.id").onDelete("cascade"))
        .addColumn("action", "text", (c) => c.notNull())
        // The Act's number when the change was made (for display), and its stable id.
        .addColumn("act", "integer")
        .addColumn("act_id", "text")
        .addColumn("round_id", "text", (c) => c.references("rounds.id").onDelete("cascade"))
        .addColumn("position_before", "text")
        .addColumn("position_after", "text")
        .addColumn("detail", "text")
        .addColumn("by_account", "text", (c) => c.references("accounts.id"))
        .addColumn("at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("matrix_history_by_target").on("matrix_history").columns(["target_id", "at"]).execute();
      await db.schema
        .createTable("negotiating_groups")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("workspace_id", "text", (c) => c.notNull().references("workspaces.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        // The lower-cased name, unique per workspace.
        .addColumn("name_key", "text", (c) => c.notNull())
        // JSON list of member states' codes, sorted.
        .addColumn("codes", "text", (c) => c.notNull())
        .addUniqueConstraint("negotiating_groups_name_key_key", ["workspace_id", "name_key"])
        .execute();
    },
  ],
];

/**
 * The version recorded in `schema_migrations` for servers from before the migrator:
 * above any version they know, so they refuse the database instead of misreading it.
 */
export const LEGACY_FENCE = 1000;

/** Every migration's name, in order. */
export const migrationNames: readonly string[] = steps.map(([name]) => name);

/** The migrations for one database, as the migrator takes them. */
export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return Object.fromEntries(steps.map(([name, up]): [string, Migration] => [name, { up: (db) => up(db, dialect) }]));
}
