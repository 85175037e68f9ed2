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
];

/** Bring the database to the latest schema. */
export function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const row = db.prepare<[], { v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations").get();
  const current = row?.v ?? 0;
  migrations.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, new Date().toISOString());
    })();
  });
}
