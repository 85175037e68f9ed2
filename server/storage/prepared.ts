/**
 * The storage's hot path (appending a statement's updates) without the query builder's
 * per-call cost: each query is built and compiled by the builder once, in the dialect of
 * the database in use, then run with each call's values directly on a connection. The
 * queries and the transaction's steps stay written once for both databases: the steps
 * are a generator that yields each query and receives its result, which PostgreSQL runs
 * awaiting each query and SQLite runs synchronously on its prepared statements. A call
 * makes no query builder objects: a bound query is the SQL text and its values.
 * `bench/storageHotPath.ts` measures what this saves per append.
 */
import { CompiledQuery, type Compilable } from "kysely";
import type { Db } from "./schema.js";

/** A stand-in compiled into a query where a call's value goes. */
class Slot {
  constructor(readonly index: number) {}
}

/** One call's query: the SQL compiled once and this call's values (`Row` is the rows it returns). */
export interface BoundQuery<Row> {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** Never set: carries the row type. */
  readonly row?: Row;
}

/** A query compiled once; `bind` fills in one call's values. */
export class PreparedQuery<Values extends unknown[], Row> {
  private readonly sql: string;
  private readonly parameters: readonly unknown[];

  /** `build` receives stand-ins for its parameters: use each where its value goes, as a value (never in a raw SQL string). */
  constructor(build: (...values: Values) => Compilable<Row>) {
    const slots = Array.from({ length: build.length }, (_, index) => new Slot(index));
    const compiled = build(...(slots as unknown as Values)).compile();
    const used = new Set(compiled.parameters.filter((parameter) => parameter instanceof Slot));
    if (used.size !== slots.length) throw new Error(`A prepared query must use each of its ${slots.length} values: ${compiled.sql}`);
    this.sql = compiled.sql;
    this.parameters = compiled.parameters;
  }

  bind(...values: Values): BoundQuery<Row> {
    return { sql: this.sql, parameters: this.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.index] : parameter)) };
  }
}

/** A query built for one call only (its shape varies with the call, e.g. a set of rows): compiled now, run as a step. */
export function compiledOnce<Row>(query: Compilable<Row>): BoundQuery<Row> {
  const compiled = query.compile();
  return { sql: compiled.sql, parameters: compiled.parameters };
}

/**
 * What a step receives for its query: the rows it returned and, after an insert on a
 * database that reports it without `RETURNING` (SQLite's last insert rowid), the new
 * row's integer key.
 */
export interface StepResult<Row> {
  rows: Row[];
  insertId?: number;
}

/** A transaction's steps: yields each bound query, receives its result, returns the transaction's result. */
export type TransactionSteps<T> = Generator<BoundQuery<unknown>, T, StepResult<unknown>>;

/** Inside `TransactionSteps`: `const { rows } = yield* resultOf(query)`. */
export function* resultOf<Row>(query: BoundQuery<Row>): Generator<BoundQuery<unknown>, StepResult<Row>, StepResult<unknown>> {
  return (yield query) as StepResult<Row>;
}

/**
 * Runs `TransactionSteps` in one transaction (on SQLite it begins IMMEDIATE, see
 * sqlite/SqliteStorage.ts): committed when the steps return, rolled back when a query
 * or a step throws.
 */
export interface PreparedTransactions {
  run<T>(steps: () => TransactionSteps<T>): Promise<T>;
}

/** The statements that begin and end a transaction. */
export const BEGIN: BoundQuery<never> = { sql: "begin", parameters: [] };
export const COMMIT: BoundQuery<never> = { sql: "commit", parameters: [] };
export const ROLLBACK: BoundQuery<never> = { sql: "rollback", parameters: [] };

/** Transactions on a pool of connections: one connection held, each query awaited. */
export function pooledTransactions(db: Db): PreparedTransactions {
  return {
    run: (steps) =>
      db.getExecutor().provideConnection(async (connection) => {
        const execute = async (query: BoundQuery<unknown>): Promise<StepResult<unknown>> => ({
          rows: (await connection.executeQuery(CompiledQuery.raw(query.sql, [...query.parameters]))).rows,
        });
        await execute(BEGIN);
        try {
          const work = steps();
          let step = work.next();
          while (!step.done) step = work.next(await execute(step.value));
          await execute(COMMIT);
          return step.value;
        } catch (error) {
          // The error that stopped the work is the one to report (a rollback fails only on a broken connection, which its pool drops).
          await execute(ROLLBACK).catch(() => undefined);
          throw error;
        }
      }),
  };
}
