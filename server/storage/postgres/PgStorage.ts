import pg from "pg";
import { Kysely, PostgresDialect, sql } from "kysely";
import { SqlStorage } from "../SqlStorage.js";
import type { Database as Schema } from "../schema.js";
import { postgresDialect } from "../dialect.js";
import { migrateToLatest } from "../migrate.js";

/** A schema name used unquoted in `search_path`: lowercase letters, digits, underscores. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Choices when opening PostgreSQL storage. */
export interface PgStorageOptions {
  /** Keep the tables in this schema (created if missing) instead of the connection's default. */
  schema?: string;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** Drop the schema, tables and all, on `close()`: for tests that made a throwaway schema. */
  dropSchemaOnClose?: boolean;
}

/**
 * BIGINT (seqs, counts, lease times) as JS numbers, for this pool only: the values stay
 * far below 2^53, and both databases then return the same types.
 */
const bigintAsNumber: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Storage in PostgreSQL, shared by several server instances. Commits are durable when a
 * call returns (the server's default `synchronous_commit = on`); a pool keeps a few
 * connections, each with `search_path` set to the schema.
 */
export class PgStorage extends SqlStorage {
  private constructor(
    db: Kysely<Schema>,
    private readonly schemaToDrop: string | null,
  ) {
    super(db, postgresDialect);
  }

  /** Connect to `url` and run pending migrations (once, even with several instances starting together). */
  static async open(url: string, options: PgStorageOptions = {}): Promise<PgStorage> {
    const schema = options.schema ?? null;
    if (schema !== null && !SCHEMA_NAME.test(schema)) throw new Error(`Not a usable PostgreSQL schema name: ${schema}`);
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      options: schema === null ? undefined : `-c search_path=${schema}`,
      types: bigintAsNumber,
    });
    // An idle connection that fails is dropped and replaced on demand; queries in flight still reject.
    pool.on("error", () => {});
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    try {
      const where = schema === null ? "the PostgreSQL database" : `the PostgreSQL schema "${schema}"`;
      await migrateToLatest(db, postgresDialect, { schema, where });
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return new PgStorage(db, options.dropSchemaOnClose && schema !== null ? schema : null);
  }

  protected override async release(): Promise<void> {
    try {
      if (this.schemaToDrop !== null) await sql`DROP SCHEMA IF EXISTS ${sql.id(this.schemaToDrop)} CASCADE`.execute(this.db);
    } finally {
      await this.db.destroy();
    }
  }
}
