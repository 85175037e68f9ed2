/**
 * The one storage implementation: every store written once with the typed query
 * builder, for SQLite (`sqlite/SqliteStorage.ts` opens the file) and PostgreSQL
 * (`postgres/PgStorage.ts` opens the pool). What the databases do differently is in
 * `dialect.ts`; the tables are described in `schema.ts`.
 */
import type { Storage } from "./Storage.js";
import type { Db } from "./schema.js";
import type { SqlDialect } from "./dialect.js";
import { pooledTransactions, type PreparedTransactions } from "./prepared.js";
import { SqlDocuments } from "./stores/SqlDocuments.js";
import { SqlAccounts } from "./stores/SqlAccounts.js";
import { SqlWorkspaces } from "./stores/SqlWorkspaces.js";
import { SqlAudit } from "./stores/SqlAudit.js";
import { SqlComments } from "./stores/SqlComments.js";
import { SqlRounds } from "./stores/SqlRounds.js";
import { SqlSuggestions } from "./stores/SqlSuggestions.js";
import { SqlWriters } from "./stores/SqlWriters.js";
import { SqlSignOn } from "./stores/SqlSignOn.js";
import { SqlNotifications } from "./stores/SqlNotifications.js";
import { SqlFreezeSchedules } from "./stores/SqlFreezeSchedules.js";
import { SqlMailQueue } from "./stores/SqlMailQueue.js";
import { SqlMatrix } from "./stores/SqlMatrix.js";

export class SqlStorage implements Storage {
  readonly documents: SqlDocuments;
  readonly accounts: SqlAccounts;
  readonly workspaces: SqlWorkspaces;
  readonly audit: SqlAudit;
  readonly comments: SqlComments;
  readonly rounds: SqlRounds;
  readonly suggestions: SqlSuggestions;
  readonly writers: SqlWriters;
  readonly signOn: SqlSignOn;
  readonly notifications: SqlNotifications;
  readonly freezeSchedules: SqlFreezeSchedules;
  readonly mail: SqlMailQueue;
  readonly matrix: SqlMatrix;
  private closing: Promise<void> | null = null;

  protected constructor(
    protected readonly db: Db,
    dialect: SqlDialect,
    /** How the hot path's transactions run (see prepared.ts). */
    transactions: PreparedTransactions = pooledTransactions(db),
  ) {
    this.documents = new SqlDocuments(db, dialect, transactions);
    this.accounts = new SqlAccounts(db, dialect);
    this.workspaces = new SqlWorkspaces(db, dialect);
    this.audit = new SqlAudit(db);
    this.comments = new SqlComments(db, dialect);
    this.rounds = new SqlRounds(db, dialect);
    this.suggestions = new SqlSuggestions(db);
    this.writers = new SqlWriters(db);
    this.signOn = new SqlSignOn(db, dialect);
    this.notifications = new SqlNotifications(db);
    this.freezeSchedules = new SqlFreezeSchedules(db, dialect);
    this.mail = new SqlMailQueue(db, dialect);
    this.matrix = new SqlMatrix(db, dialect);
  }

  /** Release the connections (once, however often it is called). */
  close(): Promise<void> {
    this.closing ??= this.release();
    return this.closing;
  }

  /** What closing does: end the connections. */
  protected async release(): Promise<void> {
    await this.db.destroy();
  }
}
