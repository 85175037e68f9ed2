/**
 * The storage's hot path (appending a statement's updates) without the query builder's
 * per-call cost: each query is built and compiled by the builder once, in the dialect of
 * the database in use, then run with each call's values directly on a connection. The
 * queries stay written once for both databases. `bench/storageHotPath.ts` measures what
 * this saves per append.
 */
import { CompiledQuery, type Compilable } from "kysely";
import type { Db } from "./schema.js";

/** A stand-in compiled into a query where a call's value goes. */
class Slot {
  constructor(readonly index: number) {}
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

  bind(...values: Values): CompiledQuery<Row> {
    return CompiledQuery.raw(
      this.sql,
      this.parameters.map((parameter) => (parameter instanceof Slot ? values[parameter.index] : parameter)),
    ) as CompiledQuery<Row>;
  }
}

/** Runs a bound query inside `preparedTransaction`, resolving with its rows. */
export type RunPrepared = <Row>(query: CompiledQuery<Row>) => Promise<Row[]>;

/**
 * Run `work` in one transaction on one connection (on SQLite it begins IMMEDIATE, see
 * sqlite/SqliteStorage.ts): committed when it resolves, rolled back when it throws.
 */
export async function preparedTransaction<T>(db: Db, work: (run: RunPrepared) => Promise<T>): Promise<T> {
  return db.getExecutor().provideConnection(async (connection) => {
    await connection.executeQuery(CompiledQuery.raw("begin"));
    try {
      const result = await work(async <Row>(query: CompiledQuery<Row>) => (await connection.executeQuery<Row>(query)).rows);
      await connection.executeQuery(CompiledQuery.raw("commit"));
      return result;
    } catch (error) {
      // The error that stopped the work is the one to report (a rollback fails only on a broken connection, which its pool drops).
      await connection.executeQuery(CompiledQuery.raw("rollback")).catch(() => undefined);
      throw error;
    }
  });
}
