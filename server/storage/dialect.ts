/**
 * Where SQLite and PostgreSQL really differ, for the one storage code: the clock leases
 * are measured with, text ordering, row locks, how a new row's key is learnt, and how a
 * duplicate is reported. Every
 * query is otherwise written once with the query builder.
 */
import { sql, type RawBuilder, type SelectQueryBuilder } from "kysely";
import pg from "pg";

/** Which database a store talks to. */
export type DialectName = "sqlite" | "postgres";

export interface SqlDialect {
  name: DialectName;
  /**
   * Now, in epoch ms of the database's clock: with several instances on PostgreSQL,
   * every instance measures leases with the same clock.
   */
  nowMs(): RawBuilder<number>;
  /**
   * A text column compared and ordered byte by byte, as SQLite always does: PostgreSQL
   * would otherwise follow the database's locale (ISO times and ids must sort the same
   * on both).
   */
  binary(column: string): RawBuilder<string>;
  /**
   * Lock the rows `query` selects until the transaction ends (PostgreSQL's `FOR NO KEY
   * UPDATE`). SQLite needs none: its write transactions run one at a time (they begin
   * IMMEDIATE, see sqlite/SqliteStorage.ts).
   */
  lockRows<Q extends SelectQueryBuilder<never, never, unknown>>(query: Q): Q;
  /**
   * True when the driver reports a plain insert's new integer key (SQLite's last insert
   * rowid), so the hot path's inserts need no `RETURNING`; PostgreSQL's do.
   */
  reportsInsertId: boolean;
  /** True when `error` is the database refusing a second row with the same `table.column`. */
  isUniqueViolation(error: unknown, table: string, column: string): boolean;
}

export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  nowMs: () => sql<number>`cast(unixepoch('subsec') * 1000 as integer)`,
  binary: (column) => sql.ref(column) as RawBuilder<string>,
  lockRows: (query) => query,
  reportsInsertId: true,
  isUniqueViolation: (error, table, column) =>
    error instanceof Error &&
    (error as Error & { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE" &&
    error.message.includes(`${table}.${column}`),
};

export const postgresDialect: SqlDialect = {
  name: "postgres",
  nowMs: () => sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`,
  binary: (column) => sql<string>`${sql.ref(column)} collate "C"`,
  lockRows: (query) => query.forNoKeyUpdate() as typeof query,
  reportsInsertId: false,
  // PostgreSQL names a column's unique constraint <table>_<column>_key.
  isUniqueViolation: (error, table, column) => error instanceof pg.DatabaseError && error.code === "23505" && error.constraint === `${table}_${column}_key`,
};
