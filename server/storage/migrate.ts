/**
 * Bringing a database to the latest schema with the query builder's migrator: all
 * pending migrations in one transaction (a database is at one known state or another,
 * never half-way), under an advisory lock on PostgreSQL so instances starting together
 * run each migration once.
 *
 * Databases made before the migrator recorded their version as a number in
 * `schema_migrations` (SQLite 1 to 6, PostgreSQL 1 to 2, one PostgreSQL step holding
 * what SQLite did in five). They are adopted in place: the migrations they already
 * hold are recorded as done, then the rest run as for any database.
 */
import { Migrator, sql, type Kysely, type MigrationProvider, type Transaction } from "kysely";
import type { DialectName, SqlDialect } from "./dialect.js";
import type { Database as Schema } from "./schema.js";
import { migrationNames, migrationsFor } from "./migrations.js";

/** The migrator's own table (its default name). */
export const MIGRATION_TABLE = "kysely_migration";

/** For each dialect, by legacy `schema_migrations` version (0: none yet): how many of `migrationNames` it stands for. */
const legacySteps: Record<DialectName, readonly number[]> = {
  sqlite: [0, 1, 2, 3, 4, 5, 6],
  postgres: [0, 5, 6],
};

/** The highest legacy version a server before the migrator could leave (anything above is newer than this code). */
export function lastLegacyVersion(dialect: DialectName): number {
  return legacySteps[dialect].length - 1;
}

/** Why the recorded migrations are not ones this code can run on, or null when they are. */
export function newerThanThisServer(applied: readonly string[]): string | null {
  const unknown = applied.filter((name) => !migrationNames.includes(name));
  return unknown.length === 0 ? null : `it has migrations this server does not know (${unknown.join(", ")})`;
}

/** Two-part advisory lock key on PostgreSQL: this application's migrations, then the schema (hashed by the server). */
const MIGRATION_LOCK = 0x64776d67;

/** Thrown when the database was migrated by a newer server: nothing is changed. */
export class NewerDatabase extends Error {
  constructor(where: string, why: string) {
    super(
      `Refusing to start: ${where} ${why}: it was used by a newer version of the server. ` +
        "Run that version, or restore a backup of the database made with this one.",
    );
    this.name = "NewerDatabase";
  }
}

async function tableExists(trx: Transaction<Schema>, dialect: DialectName, table: string): Promise<boolean> {
  const found =
    dialect === "postgres"
      ? await sql`SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ${table}`.execute(trx)
      : await sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(trx);
  return found.rows.length > 0;
}

/**
 * Record the migrations a database made before the migrator already holds, once, and
 * refuse one that a newer server migrated. Runs in one transaction.
 */
async function adoptAndCheck(trx: Transaction<Schema>, dialect: DialectName, where: string): Promise<void> {
  if (await tableExists(trx, dialect, MIGRATION_TABLE)) {
    const applied = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)}`.execute(trx);
    const newer = newerThanThisServer(applied.rows.map((row) => row.name));
    if (newer) throw new NewerDatabase(where, newer);
    return;
  }
  if (!(await tableExists(trx, dialect, "schema_migrations"))) return;
  const found = await sql<{ v: number | null }>`SELECT MAX(version) AS v FROM schema_migrations`.execute(trx);
  const version = Number(found.rows[0]?.v ?? 0);
  const steps = legacySteps[dialect][version];
  if (steps === undefined) throw new NewerDatabase(where, `is at schema version ${version}, newer than this server knows (${lastLegacyVersion(dialect)})`);
  // The same table the migrator would make, filled with what is already done.
  await sql`CREATE TABLE ${sql.table(MIGRATION_TABLE)} (name varchar(255) NOT NULL PRIMARY KEY, timestamp varchar(255) NOT NULL)`.execute(trx);
  const now = new Date().toISOString();
  for (const name of migrationNames.slice(0, steps)) await sql`INSERT INTO ${sql.table(MIGRATION_TABLE)} (name, timestamp) VALUES (${name}, ${now})`.execute(trx);
}

/**
 * Bring the database to the latest schema. On PostgreSQL `schema` names the schema the
 * connections' `search_path` points at (created if missing). `where` names the database
 * in a refusal ("the database /data/workspace.sqlite").
 */
export async function migrateToLatest(db: Kysely<Schema>, dialect: SqlDialect, options: { schema: string | null; where: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialect.name === "postgres") {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK}, hashtext(${options.schema ?? ""}))`.execute(trx);
      if (options.schema !== null) {
        // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE right even when it exists.
        const found = await sql`SELECT 1 FROM pg_namespace WHERE nspname = ${options.schema}`.execute(trx);
        if (found.rows.length === 0) await sql`CREATE SCHEMA ${sql.id(options.schema)}`.execute(trx);
      }
    }
    await adoptAndCheck(trx, dialect.name, options.where);
  });
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect.name) };
  const schema = dialect.name === "postgres" ? (options.schema ?? (await currentSchema(db))) : undefined;
  const { error } = await new Migrator({ db, provider, migrationTableSchema: schema }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** The schema unqualified names resolve to on PostgreSQL. */
async function currentSchema(db: Kysely<Schema>): Promise<string> {
  const { rows } = await sql<{ name: string }>`SELECT current_schema() AS name`.execute(db);
  return rows[0]!.name;
}

