import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Storage } from "../Storage.js";
import { migrate } from "./migrations.js";
import { SqliteDocuments } from "./SqliteDocuments.js";
import { SqliteAccounts } from "./SqliteAccounts.js";
import { SqliteWorkspaces } from "./SqliteWorkspaces.js";
import { SqliteAudit } from "./SqliteAudit.js";
import { SqliteComments } from "./SqliteComments.js";
import { SqliteRounds } from "./SqliteRounds.js";

/** File name of the database inside `DATA_DIR`. */
export const SQLITE_FILE = "workspace.sqlite";

/**
 * Embedded storage in one SQLite file. WAL with `synchronous = FULL`: a commit is on
 * disk when the call returns, so "durable before broadcast" holds across power loss,
 * not only process crashes.
 */
export class SqliteStorage implements Storage {
  readonly documents: SqliteDocuments;
  readonly accounts: SqliteAccounts;
  readonly workspaces: SqliteWorkspaces;
  readonly audit: SqliteAudit;
  readonly comments: SqliteComments;
  readonly rounds: SqliteRounds;

  private constructor(private readonly db: Database.Database) {
    this.documents = new SqliteDocuments(db);
    this.accounts = new SqliteAccounts(db);
    this.workspaces = new SqliteWorkspaces(db);
    this.audit = new SqliteAudit(db);
    this.comments = new SqliteComments(db);
    this.rounds = new SqliteRounds(db);
  }

  /** Open (creating if needed) the database in `dataDir` and run pending migrations. */
  static open(dataDir: string): SqliteStorage {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(path.join(dataDir, SQLITE_FILE));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
    return new SqliteStorage(db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
