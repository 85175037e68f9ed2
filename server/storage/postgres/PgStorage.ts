import pg from "pg";
import type { Storage } from "../Storage.js";
import { migrate } from "./migrations.js";
import { PgDocuments } from "./PgDocuments.js";
import { PgAccounts } from "./PgAccounts.js";
import { PgWorkspaces } from "./PgWorkspaces.js";
import { PgAudit } from "./PgAudit.js";
import { PgComments } from "./PgComments.js";
import { PgRounds } from "./PgRounds.js";

/** A schema name used unquoted in `search_path` and DDL: lowercase letters, digits, underscores. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

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
 * far below 2^53, and both stores then return the same types.
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
export class PgStorage implements Storage {
  readonly documents: PgDocuments;
  readonly accounts: PgAccounts;
  readonly workspaces: PgWorkspaces;
  readonly audit: PgAudit;
  readonly comments: PgComments;
  readonly rounds: PgRounds;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schemaToDrop: string | null,
  ) {
    this.documents = new PgDocuments(pool);
    this.accounts = new PgAccounts(pool);
    this.workspaces = new PgWorkspaces(pool);
    this.audit = new PgAudit(pool);
    this.comments = new PgComments(pool);
    this.rounds = new PgRounds(pool);
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
    try {
      await migrate(pool, schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgStorage(pool, options.dropSchemaOnClose && schema !== null ? schema : null);
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (this.schemaToDrop !== null) await this.pool.query(`DROP SCHEMA IF EXISTS "${this.schemaToDrop}" CASCADE`);
      } finally {
        await this.pool.end();
      }
    })();
    return this.closing;
  }
}
