/**
 * CI: the scale-out suites need the PostgreSQL and Redis named by TEST_DATABASE_URL and
 * TEST_REDIS_URL. Fails, saying which and why, when either is unset or unreachable.
 */
import pg from "pg";
import { Redis } from "ioredis";

const TIMEOUT_MS = 5_000;
const problems: string[] = [];
const databaseUrl = process.env["TEST_DATABASE_URL"];
const redisUrl = process.env["TEST_REDIS_URL"];

if (!databaseUrl) problems.push("TEST_DATABASE_URL is not set");
else {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    problems.push(`PostgreSQL at ${databaseUrl} is unreachable: ${String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

if (!redisUrl) problems.push("TEST_REDIS_URL is not set");
else {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    if ((await redis.ping()) !== "PONG") problems.push(`Redis at ${redisUrl} did not answer PING`);
  } catch (error) {
    problems.push(`Redis at ${redisUrl} is unreachable: ${String(error)}`);
  } finally {
    redis.disconnect();
  }
}

if (problems.length > 0) {
  process.stderr.write(`The scale-out suites cannot run:\n  ${problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(`PostgreSQL (${databaseUrl}) and Redis (${redisUrl}) reachable: the scale-out suites will run.\n`);
