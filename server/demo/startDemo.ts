/**
 * The demo workspace's start: its data folder (a new temporary one, or DATA_DIR, wiped
 * first with `fresh`), its seeding, and the server, which only listens on its port once
 * every account, round and thread exists: signing in the moment it answers works.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../config.js";
import { startServer, type RunningServer } from "../app.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { DEMO_PASSWORD, seedDemo } from "./seedDemo.js";
import { seedHistory } from "./seedHistory.js";

/** Written into a data folder the demo seeded: `--fresh` wipes only folders holding it (or empty ones). */
export const DEMO_MARKER = "demo-workspace.txt";

/** A started demo: the server, its configuration, and whether it reused earlier data. */
export interface StartedDemo {
  server: RunningServer;
  config: Config;
  reused: boolean;
}

/** Empty `dataDir` for a fresh start; refuses a folder the demo did not make (it may hold real data). */
function wipe(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const entries = readdirSync(dataDir);
  if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
    throw new Error(`--fresh: ${dataDir} holds files the demo did not make (no ${DEMO_MARKER}); not deleting it. Point DATA_DIR at a demo folder or an empty one.`);
  }
  for (const entry of entries) rmSync(path.join(dataDir, entry), { recursive: true, force: true });
}

/**
 * Start the demo from `env` (PORT, HOST, DATA_DIR...). Without DATA_DIR a new temporary
 * folder is used; with it, its data is reused unless `fresh`. A workspace with no
 * accounts is seeded first on a server listening only on a loopback port of its own,
 * then served on the configured port.
 */
export async function startDemo(env: Record<string, string | undefined>, options: { fresh: boolean }): Promise<StartedDemo> {
  const given = env["DATA_DIR"];
  if (options.fresh && env["DATABASE_URL"]) throw new Error("--fresh clears the data folder only; with DATABASE_URL, name a new DATABASE_SCHEMA instead.");
  const dataDir = given ?? mkdtempSync(path.join(tmpdir(), "drafting-demo-"));
  if (given && options.fresh) wipe(path.resolve(given));
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ ...env, DATA_DIR: dataDir });

  const seeding = await startServer({ ...config, port: 0, host: "127.0.0.1", logLevel: "warn" });
  let reused = true;
  try {
    if ((await seeding.storage.accounts.count()) === 0) {
      reused = false;
      // Marked before seeding: a seed that fails halfway leaves a folder --fresh may empty.
      writeFileSync(path.join(config.dataDir, DEMO_MARKER), "Seeded by `npm run demo`; `npm run demo -- --fresh` may delete this folder's contents.\n");
      const schema = statementSchema();
      const ids = await seedDemo(seeding.storage, schema);
      await seedHistory(seeding, schema, ids, DEMO_PASSWORD);
    }
  } finally {
    await seeding.close();
  }
  return { server: await startServer(config), config, reused };
}
