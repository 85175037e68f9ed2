import Database from "better-sqlite3";
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import type { Storage } from "../Storage.js";
import { migrate } from "./migrations.js";
import { checkDatabase, DatabaseRefused } from "./checkDatabase.js";
import { ownerOnlyDataDir, ownerOnlyFiles } from "./ownerOnly.js";
import { SqliteDocuments } from "./SqliteDocuments.js";
import { SqliteAccounts } from "./SqliteAccounts.js";
import { SqliteWorkspaces } from "./SqliteWorkspaces.js";
import { SqliteAudit } from "./SqliteAudit.js";
import { SqliteComments } from "./SqliteComments.js";
import { SqliteRounds } from "./SqliteRounds.js";

/** File name of the database inside `DATA_DIR`. */
export const SQLITE_FILE = "workspace.sqlite";

/** How the database is opened. */
export interface SqliteOpenOptions {
  /**
   * A database that would be refused (empty, not SQLite, damaged, unknown schema) is
   * moved aside as `workspace.sqlite.refused-<time>` and a new workspace starts. A
   * healthy database is opened as always.
   */
  freshStart?: boolean;
}

/** The name a refused database is kept under (sorts by time, valid on every file system). */
function refusedName(file: string): string {
  return `${file}.refused-${new Date().toISOString().replace(/[:.]/g, "-")}`;
}

/** Move `file` and its write-ahead log files to `target` (keeping SQLite's naming, so it opens as it was). */
function moveDatabase(file: string, target: string): void {
  renameSync(file, target);
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(`${file}${suffix}`)) renameSync(`${file}${suffix}`, `${target}${suffix}`);
  }
  ownerOnlyFiles(target);
}

/**
 * A new database at the latest schema. Made under a temporary name and renamed into
 * place once complete, so a crash during a first start leaves no half-made database
 * that the next start would have to refuse.
 */
function createDatabase(file: string): void {
  const making = `${file}.creating`;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${making}${suffix}`, { force: true });
  const db = new Database(making);
  try {
    ownerOnlyFiles(making);
    db.pragma("synchronous = FULL");
    migrate(db);
  } finally {
    db.close();
  }
  renameSync(making, file);
}

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

  private constructor(
    private readonly db: Database.Database,
    /** Where a refused database was moved by a fresh start (null: nothing was moved). */
    readonly setAside: string | null,
  ) {
    this.documents = new SqliteDocuments(db);
    this.accounts = new SqliteAccounts(db);
    this.workspaces = new SqliteWorkspaces(db);
    this.audit = new SqliteAudit(db);
    this.comments = new SqliteComments(db);
    this.rounds = new SqliteRounds(db);
  }

  /**
   * Open the database in `dataDir`, creating it when the file is missing (a first start),
   * and run pending migrations. An existing file is checked first (`checkDatabase`):
   * one with a problem is refused with `DatabaseRefused`, or set aside when
   * `freshStart` says so. The folder is made owner-only (0700), the files 0600.
   */
  static open(dataDir: string, options: SqliteOpenOptions = {}): SqliteStorage {
    ownerOnlyDataDir(dataDir);
    const file = path.join(dataDir, SQLITE_FILE);
    let setAside: string | null = null;
    if (existsSync(file)) {
      const problem = checkDatabase(file);
      if (problem && !options.freshStart) throw new DatabaseRefused(file, problem);
      if (problem) {
        setAside = refusedName(file);
        moveDatabase(file, setAside);
      }
    }
    if (!existsSync(file)) createDatabase(file);
    const db = new Database(file, { fileMustExist: true });
    // Before WAL mode: SQLite gives the -wal and -shm files the database file's mode.
    ownerOnlyFiles(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
    ownerOnlyFiles(file);
    return new SqliteStorage(db, setAside);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
