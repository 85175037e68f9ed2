/**
 * `npx tsx scripts/makeUpgradeFixture.ts`: the upgrade fixture in
 * `server/storage/upgrade-fixture/`, databases as this code makes them, which
 * `server/storage/upgrade.test.ts` starts later code on.
 *
 * The committed fixture was made at commit 2256f87, the last commit before storage
 * moved to a query builder. Rerunning this script on later code makes a fixture of that
 * later schema instead, and the test then no longer shows that databases of 2256f87
 * upgrade.
 *
 * It seeds the demo workspace (`startDemo`: accounts, the statement, comments, rounds,
 * frozen versions) twice, on SQLite in a temporary data folder and on PostgreSQL in the
 * schema `upgrade_fixture_src` of `TEST_DATABASE_URL` (default
 * postgres://postgres@127.0.0.1:5432/test; the schema must not exist, and is dropped
 * afterwards), then writes `workspace.sqlite` (checkpointed and vacuumed into one file),
 * `postgres.sql` (`pg_dump` on the PATH, schema name replaced by `__SCHEMA__`) and
 * `expected.json` (what both hold, read through the Storage interface).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { startDemo } from "../server/demo/startDemo.js";
import { DEMO_PASSWORD, demoAccounts } from "../server/demo/seedDemo.js";
import { demoRounds } from "../server/demo/demoHistory.js";
import { SQLITE_FILE, SqliteStorage } from "../server/storage/sqlite/SqliteStorage.js";
import { PgStorage } from "../server/storage/postgres/PgStorage.js";
import type { Storage } from "../server/storage/Storage.js";
import { statementSchema } from "../shared/schema/statementExtensions.js";
import {
  FIXTURE_EXPECTED,
  FIXTURE_POSTGRES,
  FIXTURE_SCHEMA_TOKEN,
  FIXTURE_SQLITE,
  readWorkspaceSnapshot,
  type FixtureExpected,
  type FixtureStore,
  type WorkspaceSnapshot,
} from "../server/testing/upgradeFixture.js";

const databaseUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
/** The schema the PostgreSQL demo is seeded in: distinctive, so the dump's only use of the name is as the schema. */
const SOURCE_SCHEMA = "upgrade_fixture_src";
/** Above this the SQLite file is worth a second look before committing it. */
const LARGE_BYTES = 3 * 1024 * 1024;

const schema = statementSchema();
const emails = demoAccounts.map((account) => account.email);

/** Seed the demo with this environment (on a free loopback port, data in `dataDir`), then stop it. */
async function seed(dataDir: string, env: Record<string, string> = {}): Promise<void> {
  const { server, reused } = await startDemo({ DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env }, { fresh: false });
  await server.close();
  if (reused) throw new Error(`the demo found data in ${dataDir} and did not seed`);
}

/** What the stopped store holds, read through the Storage interface. */
async function read(storage: Storage): Promise<FixtureStore> {
  try {
    const madeAt = new Date().toISOString();
    const snapshot = await readWorkspaceSnapshot(storage, schema, emails, madeAt);
    const statements = snapshot.workspaces.flatMap((w) => w.statements);
    const seeded = statements.length === 1 && statements[0]!.rounds.length === demoRounds.length && statements[0]!.threads.length === demoRounds.flatMap((r) => r.threads).length;
    if (snapshot.accountCount !== emails.length || snapshot.workspaces.length !== 1 || !seeded) throw new Error("the store does not hold the demo workspace as seeded");
    return { madeAt, snapshot };
  } finally {
    await storage.close();
  }
}

async function makeSqlite(): Promise<FixtureStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "upgrade-fixture-sqlite-"));
  try {
    await seed(dataDir);
    const store = await read(await SqliteStorage.open(dataDir));
    const db = new Database(path.join(dataDir, SQLITE_FILE), { fileMustExist: true });
    try {
      db.pragma("wal_checkpoint(TRUNCATE)");
      rmSync(FIXTURE_SQLITE, { force: true });
      db.prepare("VACUUM INTO ?").run(FIXTURE_SQLITE);
    } finally {
      db.close();
    }
    const bytes = statSync(FIXTURE_SQLITE).size;
    process.stdout.write(`${FIXTURE_SQLITE}: ${bytes} bytes${bytes > LARGE_BYTES ? " (over 3 MB: look at what takes the room before committing)" : ""}\n`);
    return store;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `pg_dump` of the source schema as SQL that loads into any fresh schema through one simple query. */
function dumpSchema(): string {
  const dumped = spawnSync("pg_dump", [`--dbname=${databaseUrl}`, `--schema=${SOURCE_SCHEMA}`, "--inserts", "--no-owner", "--no-privileges"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (dumped.status !== 0) throw new Error(`pg_dump failed: ${dumped.stderr || dumped.error?.message}`);
  const lines = dumped.stdout
    .split("\n")
    // psql meta-commands (`\restrict`, `\unrestrict`) are not SQL; clearing search_path would outlive the load on the loader's connection.
    .filter((line) => !line.startsWith("\\") && line !== "SELECT pg_catalog.set_config('search_path', '', false);");
  return lines.join("\n").replace(new RegExp(`\\b${SOURCE_SCHEMA}\\b`, "g"), FIXTURE_SCHEMA_TOKEN);
}

async function makePostgres(): Promise<FixtureStore> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const dataDir = mkdtempSync(path.join(tmpdir(), "upgrade-fixture-postgres-"));
  try {
    const existing = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [SOURCE_SCHEMA]);
    if (existing.rowCount !== 0) throw new Error(`schema ${SOURCE_SCHEMA} already exists in ${databaseUrl}; drop it (it holds nothing else) and run again`);
    try {
      await seed(dataDir, { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: SOURCE_SCHEMA });
      const store = await read(await PgStorage.open(databaseUrl, { schema: SOURCE_SCHEMA, maxConnections: 2 }));
      const dump = dumpSchema();
      writeFileSync(FIXTURE_POSTGRES, dump);
      process.stdout.write(`${FIXTURE_POSTGRES}: ${Buffer.byteLength(dump)} bytes\n`);
      return store;
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${SOURCE_SCHEMA}" CASCADE`);
    }
  } finally {
    await client.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The snapshot without what differs between two seedings: ids, times, hashes (which
 * cover node ids), audit details (which name ids); lists in an order that does not
 * depend on ids.
 */
function seededContent(value: unknown, key = ""): unknown {
  if (/^(id|at|subject|detail|createdBy|resolvedBy|openedBy)$|(Id|Ids|At|sha256|Sha256)$/.test(key)) return null;
  if (Array.isArray(value)) return value.map((item) => seededContent(item)).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, seededContent(v, k)]));
  return value;
}

async function main(): Promise<void> {
  const commit = execFileSync("git", ["rev-parse", "--short=7", "HEAD"], { encoding: "utf8" }).trim();
  const sqlite = await makeSqlite();
  const postgres = await makePostgres();
  const same = (s: WorkspaceSnapshot) => JSON.stringify(seededContent(s));
  if (same(sqlite.snapshot) !== same(postgres.snapshot)) throw new Error("the SQLite and PostgreSQL demo workspaces differ in more than ids, times and hashes");
  const expected: FixtureExpected = { commit, password: DEMO_PASSWORD, stores: { sqlite, postgres } };
  writeFileSync(FIXTURE_EXPECTED, `${JSON.stringify(expected, null, 2)}\n`);
  process.stdout.write(`${FIXTURE_EXPECTED}: made at ${commit}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
