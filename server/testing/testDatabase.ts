/**
 * The PostgreSQL the tests may use, named by `TEST_DATABASE_URL` (and Redis, by
 * `TEST_REDIS_URL`). Without them those suites are skipped, and their names say how to
 * run them. Every test store
 * lives in a schema of its own, dropped afterwards, so runs share one database safely.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** `TEST_DATABASE_URL`, or undefined when PostgreSQL tests should be skipped. */
export const testDatabaseUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;

/** `TEST_REDIS_URL`, or undefined when tests needing Redis should be skipped. */
export const testRedisUrl: string | undefined = process.env.TEST_REDIS_URL || undefined;

/**
 * In the name of every suite that skips without those services, e.g. "(set
 * TEST_DATABASE_URL to run)": how the run report tells these skips from others.
 */
export const SCALE_OUT_MARK = "(set TEST_";

/** A schema name no other test store uses. */
export function freshTestSchema(): string {
  return `test_${randomBytes(8).toString("hex")}`;
}

/**
 * The configuration of server processes sharing one fresh schema of the test PostgreSQL
 * and one Redis namespace (scale-out suites): any host, no periodic catch-up (it would
 * hide a lost message).
 */
export function scaleOutEnv(): Record<string, string> {
  const schema = freshTestSchema();
  return { ALLOWED_HOSTS: "", DATABASE_URL: testDatabaseUrl ?? "", DATABASE_SCHEMA: schema, REDIS_URL: testRedisUrl ?? "", REDIS_PREFIX: `test-${schema}:`, CATCH_UP_SECONDS: "3600" };
}

/** File in a test data folder naming the schema that holds that folder's data on PostgreSQL. */
const SCHEMA_FILE = "postgres-schema";

/** The schema of a test data folder, chosen on first use: a server restarted on the folder finds its data again. */
export function testSchemaOf(dataDir: string): string {
  const file = path.join(dataDir, SCHEMA_FILE);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const schema = freshTestSchema();
  writeFileSync(file, schema);
  return schema;
}

function schemaOfFolder(dataDir: string): string | null {
  const file = path.join(dataDir, SCHEMA_FILE);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

// Runs in a child process: connect, run one query, print its rows as JSON.
const queryScript = `
const [pgPath, url, schema, text, values] = process.argv.slice(1);
const pg = require(pgPath);
const client = new pg.Client({ connectionString: url, options: "-c search_path=" + schema });
client.connect()
  .then(() => client.query(text, JSON.parse(values)))
  .then((result) => { process.stdout.write(JSON.stringify(result.rows)); return client.end(); })
  .catch((error) => { process.stderr.write(String(error)); process.exit(1); });
`;

/**
 * One query in `schema` of the test database, answered synchronously by a child process:
 * for helpers that must answer at once, like reading what is stored inside a Yjs event.
 */
function querySync<Row>(schema: string, text: string, values: unknown[] = []): Row[] {
  if (!testDatabaseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const pgPath = createRequire(import.meta.url).resolve("pg");
  const child = spawnSync(process.execPath, ["-e", queryScript, pgPath, testDatabaseUrl, schema, text, JSON.stringify(values)], {
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`query in ${schema} failed: ${child.stderr || child.error?.message}`);
  return JSON.parse(child.stdout) as Row[];
}

/** The update log stored for a test data folder on PostgreSQL (all documents when no id), or null when the folder has none there. */
export function storedUpdatesSync(dataDir: string, documentId?: string): Uint8Array[] | null {
  const schema = schemaOfFolder(dataDir);
  if (schema === null) return null;
  const rows = documentId
    ? querySync<{ data: string }>(schema, "SELECT encode(data, 'base64') AS data FROM document_updates WHERE document_id = $1 ORDER BY seq", [documentId])
    : querySync<{ data: string }>(schema, "SELECT encode(data, 'base64') AS data FROM document_updates ORDER BY seq");
  return rows.map((row) => new Uint8Array(Buffer.from(row.data, "base64")));
}

/** Run `text` in the PostgreSQL schema of a test data folder (synchronously); throws when the folder has none there. */
export function querySyncIn<Row>(dataDir: string, text: string, values: unknown[] = []): Row[] {
  const schema = schemaOfFolder(dataDir);
  if (schema === null) throw new Error(`no PostgreSQL schema for ${dataDir}`);
  return querySync<Row>(schema, text, values);
}

/** Drop the schema of a test data folder, if a PostgreSQL server used it (synchronous, like removing the folder). */
export function dropTestSchemaSync(dataDir: string): void {
  const schema = schemaOfFolder(dataDir);
  if (schema !== null) querySync(schema, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
