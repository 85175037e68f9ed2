import Database from "better-sqlite3";
import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase, type SqliteStatement } from "kysely";
import { existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { SqlStorage } from "../SqlStorage.js";
import type { Database as Schema } from "../schema.js";
import { sqliteDialect } from "../dialect.js";
import { migrateToLatest } from "../migrate.js";
import { BEGIN, COMMIT, ROLLBACK, type BoundQuery, type PreparedTransactions, type StepResult } from "../prepared.js";
import { checkDatabase, DatabaseRefused } from "./checkDatabase.js";
import { ownerOnlyDataDir, ownerOnlyFiles } from "./ownerOnly.js";
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
async function createDatabase(file: string): Promise<void> {
  const making = `${file}.creating`;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${making}${suffix}`, { force: true });
  const db = new Database(making);
  ownerOnlyFiles(making);
  db.pragma("synchronous = FULL");
  const { kysely } = queryBuilderOver(db, making);
  try {
    await migrateToLatest(kysely, sqliteDialect, { schema: null, where: `the database ${making}` });
  } finally {
    await kysely.destroy();
  }
  renameSync(making, file);
}

/** The most statements kept prepared at once. */
const MAX_PREPARED = 500;

/**
 * better-sqlite3 as the query builder's driver sees it, with two changes: statements
 * are prepared once per SQL text and reused (the builder would prepare on every call),
 * and transactions begin IMMEDIATE, taking the write lock at once: a check and the write
 * it guards (an append and the freeze it must not slip past) are never split by another
 * writer, even another process, and a read never has to be upgraded midway.
 */
function preparedOnce(db: Database.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(text) {
      let statement = statements.get(text);
      if (!statement) {
        // Queries are few and fixed; lists of varying length make a new text each, so the cache is bounded.
        if (statements.size >= MAX_PREPARED) statements.clear();
        statement = db.prepare(text === "begin" ? "begin immediate" : text) as unknown as SqliteStatement;
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * Turns on one database file, shared by every connection this process opens to it (the
 * server opens one; tests open a second as another instance would). A transaction spans
 * awaits, and a second connection asking SQLite for the write lock meanwhile would wait
 * in SQLite's busy handler, which blocks the whole thread, the first transaction
 * included, until it times out. Taking turns here waits without blocking. Other
 * processes (a backup) still meet SQLite's busy timeout.
 */
class FileTurns {
  private last: Promise<void> = Promise.resolve();
  /** Connections open on the file. */
  users = 0;

  /** Wait for the turn; resolves with the function that ends it. */
  async take(): Promise<() => void> {
    const previous = this.last;
    let end!: () => void;
    this.last = new Promise<void>((resolve) => (end = resolve));
    await previous;
    return end;
  }
}

const turnsByFile = new Map<string, FileTurns>();

/** The query builder's SQLite driver, holding the file's turn while it holds the connection (a query, or a whole transaction). */
class TurnTakingDriver extends SqliteDriver {
  private endTurn: (() => void) | null = null;

  constructor(
    database: SqliteDatabase,
    private readonly file: string,
    private readonly turns: FileTurns,
  ) {
    super({ database });
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const end = await this.turns.take();
    try {
      const connection = await super.acquireConnection();
      this.endTurn = end;
      return connection;
    } catch (error) {
      end();
      throw error;
    }
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const end = this.endTurn;
    this.endTurn = null;
    end?.();
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    if (--this.turns.users === 0) turnsByFile.delete(this.file);
  }
}

/** SQLite as the query builder speaks it, with the driver above. */
class TurnTakingDialect extends SqliteDialect {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly file: string,
    private readonly turns: FileTurns,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    return new TurnTakingDriver(this.database, this.file, this.turns);
  }
}

/** The typed query builder over one better-sqlite3 connection to `file`, and the statements it prepares. */
function queryBuilderOver(db: Database.Database, file: string): { kysely: Kysely<Schema>; statements: SqliteDatabase } {
  const key = path.resolve(file);
  const turns = turnsByFile.get(key) ?? new FileTurns();
  turnsByFile.set(key, turns);
  turns.users++;
  const statements = preparedOnce(db);
  return { kysely: new Kysely<Schema>({ dialect: new TurnTakingDialect(statements, key, turns) }), statements };
}

/**
 * The hot path's transactions, run synchronously: the connection (and the file's turn)
 * is held as for any query, then every statement runs in one go on its prepared
 * statement, with no await between them.
 */
function synchronousTransactions(kysely: Kysely<Schema>, statements: SqliteDatabase): PreparedTransactions {
  const execute = (query: BoundQuery<unknown>): StepResult<unknown> => {
    const statement = statements.prepare(query.sql);
    if (statement.reader) return { rows: statement.all(query.parameters) };
    return { rows: [], insertId: Number(statement.run(query.parameters).lastInsertRowid) };
  };
  return {
    run: (steps) =>
      kysely.getExecutor().provideConnection(async () => {
        execute(BEGIN);
        try {
          const work = steps();
          let step = work.next();
          while (!step.done) step = work.next(execute(step.value));
          execute(COMMIT);
          return step.value;
        } catch (error) {
          // As in pooledTransactions: the error that stopped the work is the one to report.
          try {
            execute(ROLLBACK);
          } catch {
            // The transaction is already gone (SQLite rolls back on some errors itself).
          }
          throw error;
        }
      }),
  };
}

/**
 * Embedded storage in one SQLite file. WAL with `synchronous = FULL`: a commit is on
 * disk when the call returns, so "durable before broadcast" holds across power loss,
 * not only process crashes.
 */
export class SqliteStorage extends SqlStorage {
  private constructor(
    db: Kysely<Schema>,
    statements: SqliteDatabase,
    /** Where a refused database was moved by a fresh start (null: nothing was moved). */
    readonly setAside: string | null,
  ) {
    super(db, sqliteDialect, synchronousTransactions(db, statements));
  }

  /**
   * Open the database in `dataDir`, creating it when the file is missing (a first start),
   * and run pending migrations. An existing file is checked first (`checkDatabase`):
   * one with a problem is refused with `DatabaseRefused`, or set aside when
   * `freshStart` says so. The folder is made owner-only (0700), the files 0600.
   */
  static async open(dataDir: string, options: SqliteOpenOptions = {}): Promise<SqliteStorage> {
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
    if (!existsSync(file)) await createDatabase(file);
    const db = new Database(file, { fileMustExist: true });
    // Before WAL mode: SQLite gives the -wal and -shm files the database file's mode.
    ownerOnlyFiles(file);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    const { kysely, statements } = queryBuilderOver(db, file);
    try {
      await migrateToLatest(kysely, sqliteDialect, { schema: null, where: `the database ${file}` });
    } catch (error) {
      await kysely.destroy();
      throw error;
    }
    ownerOnlyFiles(file);
    return new SqliteStorage(kysely, statements, setAside);
  }
}
