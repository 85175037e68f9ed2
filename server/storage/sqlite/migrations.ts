import type Database from "better-sqlite3";

/** Schema changes in order; each runs once, in a transaction, recorded in `schema_migrations`. */
const migrations: string[] = [
  `CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE document_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     data BLOB NOT NULL
   );
   CREATE INDEX document_updates_by_document ON document_updates (document_id, seq);`,
  `CREATE TABLE accounts (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at TEXT NOT NULL
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
   CREATE TABLE workspaces (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
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
     id INTEGER PRIMARY KEY AUTOINCREMENT,
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
   ALTER TABLE documents ADD COLUMN workspace_id TEXT REFERENCES workspaces(id);
   CREATE INDEX documents_by_workspace ON documents (workspace_id);`,
  `CREATE TABLE comment_threads (
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
   CREATE INDEX comments_by_thread ON comments (thread_id, created_at);`,
  `CREATE TABLE rounds (
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
   CREATE TRIGGER rounds_stay_frozen BEFORE UPDATE ON rounds WHEN OLD.frozen_at IS NOT NULL
   BEGIN SELECT RAISE(ABORT, 'a frozen round cannot change'); END;
   CREATE TABLE versions (
     id TEXT PRIMARY KEY,
     document_id TEXT NOT NULL REFERENCES documents(id),
     round_id TEXT NOT NULL UNIQUE REFERENCES rounds(id),
     created_at TEXT NOT NULL,
     created_by TEXT NOT NULL REFERENCES accounts(id),
     sha256 TEXT NOT NULL,
     state BLOB NOT NULL,
     content TEXT NOT NULL,
     html TEXT NOT NULL,
     threads TEXT NOT NULL
   );
   CREATE INDEX versions_by_document ON versions (document_id, created_at);
   CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
   BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
   CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
   BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;`,
  // Several instances: a freeze closes writes for a while (epoch ms), and one instance at a time compacts a document.
  `ALTER TABLE documents ADD COLUMN writes_closed_until INTEGER;
   CREATE TABLE compaction_leases (
     document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
     holder TEXT NOT NULL,
     until INTEGER NOT NULL
   );`,
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
export const SCHEMA_VERSION = migrations.length;

/**
 * Bring the database to the latest schema, all pending migrations in one transaction:
 * a database is at one known version or another, never half-way.
 */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    const row = db.prepare<[], { v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations").get();
    const current = row?.v ?? 0;
    // Checked at open already (checkDatabase.ts); kept here so no path migrates a newer database.
    if (current > SCHEMA_VERSION) throw new Error(`The database is at schema version ${current}, newer than this server knows (${SCHEMA_VERSION}).`);
    migrations.forEach((sql, index) => {
      const version = index + 1;
      if (version <= current) return;
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, new Date().toISOString());
    });
  })();
}
