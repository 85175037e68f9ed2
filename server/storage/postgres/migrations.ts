import type pg from "pg";

/**
 * Schema changes in order; each runs once, in a transaction, recorded in
 * `schema_migrations`. Same tables and columns as the SQLite schema after its own
 * migrations (TEXT ISO timestamps made in JS, JSON lists as TEXT), so both stores return
 * identical values; seqs are BIGINT, Yjs data BYTEA, lease times epoch ms of the
 * database clock (one clock for every instance).
 */
const migrations: string[] = [
  `CREATE TABLE workspaces (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
   CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     workspace_id TEXT REFERENCES workspaces(id),
     title TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     writes_closed_until BIGINT
   );
   CREATE INDEX documents_by_workspace ON documents (workspace_id);
   CREATE TABLE document_updates (
     seq BIGSERIAL PRIMARY KEY,
     document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     data BYTEA NOT NULL
   );
   CREATE INDEX document_updates_by_document ON document_updates (document_id, seq);
   CREATE TABLE compaction_leases (
     document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
     holder TEXT NOT NULL,
     until BIGINT NOT NULL
   );
   CREATE TABLE accounts (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     CONSTRAINT accounts_email_key UNIQUE (email)
   );
   CREATE TABLE sessions (
     id_hash TEXT PRIMARY KEY,
     account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     last_used_at TEXT,
     revoked_at TEXT
   );
   CREATE TABLE members (
     workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
     account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('chair', 'coordinator', 'reviewer', 'observer')),
     group_ids TEXT NOT NULL DEFAULT '[]',
     joined_at TEXT NOT NULL,
     PRIMARY KEY (workspace_id, account_id)
   );
   CREATE INDEX members_by_account ON members (account_id);
   CREATE TABLE reference_groups (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     acts TEXT NOT NULL DEFAULT '[]'
   );
   CREATE TABLE invites (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
     token_hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL,
     group_ids TEXT NOT NULL,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT,
     used_by TEXT
   );
   CREATE TABLE audit_log (
     id BIGSERIAL PRIMARY KEY,
     workspace_id TEXT,
     at TEXT NOT NULL,
     actor_id TEXT,
     action TEXT NOT NULL,
     subject TEXT,
     detail TEXT NOT NULL,
     address TEXT
   );
   CREATE INDEX audit_by_workspace ON audit_log (workspace_id, id);
   CREATE INDEX audit_by_actor ON audit_log (actor_id, id);
   CREATE TABLE comment_threads (
     id TEXT PRIMARY KEY,
     document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     anchor_start TEXT NOT NULL,
     anchor_end TEXT NOT NULL,
     quote TEXT NOT NULL,
     group_id TEXT,
     status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
     created_by TEXT NOT NULL REFERENCES accounts(id),
     created_at TEXT NOT NULL,
     resolved_by TEXT REFERENCES accounts(id),
     resolved_at TEXT
   );
   CREATE INDEX comment_threads_by_document ON comment_threads (document_id, created_at);
   CREATE TABLE comments (
     id TEXT PRIMARY KEY,
     thread_id TEXT NOT NULL REFERENCES comment_threads(id) ON DELETE CASCADE,
     author_id TEXT NOT NULL REFERENCES accounts(id),
     body TEXT NOT NULL,
     created_at TEXT NOT NULL,
     edited_at TEXT,
     deleted_at TEXT
   );
   CREATE INDEX comments_by_thread ON comments (thread_id, created_at);
   CREATE TABLE rounds (
     id TEXT PRIMARY KEY,
     document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     name TEXT NOT NULL,
     draft_published TEXT NOT NULL,
     opened_at TEXT NOT NULL,
     opened_by TEXT NOT NULL REFERENCES accounts(id),
     frozen_at TEXT,
     frozen_by TEXT REFERENCES accounts(id),
     UNIQUE (document_id, seq)
   );
   CREATE FUNCTION rounds_stay_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'a frozen round cannot change'; END $$;
   CREATE TRIGGER rounds_stay_frozen BEFORE UPDATE ON rounds
     FOR EACH ROW WHEN (OLD.frozen_at IS NOT NULL) EXECUTE FUNCTION rounds_stay_frozen();
   CREATE TABLE versions (
     id TEXT PRIMARY KEY,
     document_id TEXT NOT NULL REFERENCES documents(id),
     round_id TEXT NOT NULL UNIQUE REFERENCES rounds(id),
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES accounts(id),
     sha256 TEXT NOT NULL,
     state BYTEA NOT NULL,
     content TEXT NOT NULL,
     html TEXT NOT NULL,
     threads TEXT NOT NULL
   );
   CREATE INDEX versions_by_document ON versions (document_id, created_at);
   CREATE FUNCTION versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'versions are immutable'; END $$;
   CREATE TRIGGER versions_are_immutable BEFORE UPDATE OR DELETE ON versions
     FOR EACH ROW EXECUTE FUNCTION versions_are_immutable();
   CREATE TRIGGER versions_are_kept BEFORE TRUNCATE ON versions
     FOR EACH STATEMENT EXECUTE FUNCTION versions_are_immutable();`,
  // Accounts: whom an invitation was for, and password reset links made by chairs.
  `ALTER TABLE invites ADD COLUMN note TEXT;
   CREATE TABLE password_resets (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
     workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
     token_hash TEXT NOT NULL UNIQUE,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT
   );
   CREATE INDEX password_resets_by_account ON password_resets (account_id);`,
];

/** The schema version this code brings a database to (the number of migrations). */
export const PG_SCHEMA_VERSION = migrations.length;

/** Two-part advisory lock key: this application's migrations, then the schema (hashed by the server). */
const MIGRATION_LOCK = 0x64776d67;

/**
 * Bring the database (in `schema`, created if missing, or the connection's default
 * schema) to the latest version. Holds a session advisory lock throughout, so server
 * instances starting together run each migration once: the others wait, then find it done.
 */
export async function migrate(pool: pg.Pool, schema: string | null): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [MIGRATION_LOCK, schema ?? ""]);
    try {
      if (schema !== null) {
        // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE right even when it exists.
        const found = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
        if (found.rowCount === 0) await client.query(`CREATE SCHEMA "${schema}"`);
      }
      await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
      const { rows } = await client.query<{ v: number }>("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations");
      const current = rows[0]?.v ?? 0;
      if (current > migrations.length) {
        const where = schema === null ? "The PostgreSQL database" : `The PostgreSQL schema "${schema}"`;
        throw new Error(
          `Refusing to start: ${where} is at schema version ${current}, newer than this server knows (${migrations.length}): ` +
            "it was used by a newer version of the server. Run that version, or restore a backup of the database made with this one.",
        );
      }
      for (const [index, sql] of migrations.entries()) {
        const version = index + 1;
        if (version <= current) continue;
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [version, new Date().toISOString()]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [MIGRATION_LOCK, schema ?? ""]);
    }
  } catch (error) {
    // Whatever failed, a connection that may still hold the lock is closed, not reused.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}
