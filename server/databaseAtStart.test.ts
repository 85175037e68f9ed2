/**
 * What the server does at start with the database file it finds, through the real
 * startup (`server/main.ts` as its own process, as `npm start` runs it).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { SQLITE_FILE } from "./storage/sqlite/SqliteStorage.js";
import { backupDatabase, restoreDatabase } from "./storage/sqlite/backup.js";
import { startServerProcess, type ServerProcess } from "./testing/serverProcess.js";
import { removeDataDir, tempDataDir } from "./testing/testServer.js";

let root: string;
let dataDir: string;
let file: string;
let running: ServerProcess | null = null;

beforeEach(() => {
  root = tempDataDir();
  dataDir = path.join(root, "data");
  file = path.join(dataDir, SQLITE_FILE);
});
afterEach(async () => {
  if (running) {
    running.process.kill("SIGKILL");
    await running.exited;
    running = null;
  }
  removeDataDir(root);
});

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  running = await startServerProcess(dataDir, 0, env);
  return running;
}

async function stop(): Promise<void> {
  running!.process.kill("SIGTERM");
  expect(await running!.exited).toBe(0);
  running = null;
}

/** What a start prints when it refuses ("started" when it did not refuse). */
async function refusal(env: Record<string, string> = {}): Promise<string> {
  try {
    await start(env);
    return "started";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function setupNeeded(server: ServerProcess): Promise<boolean> {
  const response = await fetch(`${server.url}/api/setup`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { needed: boolean }).needed;
}

async function post(server: ServerProcess, route: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${server.url}${route}`, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
}

/** A real workspace database: first run, a chair, a few statements; then a clean stop. */
async function makeRealDatabase(): Promise<void> {
  const server = await start();
  const setup = await post(server, "/api/setup", { workspaceName: "Coalition", email: "chair@example.org", password: "chair-password", displayName: "Chair", tenActs: false });
  expect(setup.status).toBe(201);
  const cookie = setup.headers.getSetCookie()[0]!.split(";")[0]!;
  for (let i = 0; i < 6; i++) {
    expect((await post(server, "/api/documents", { title: `Statement ${i}`, template: "ten-acts" }, cookie)).status).toBe(201);
  }
  await stop();
}

/** Pages of the database file that hold `table`'s rows (SQLite's dbstat). */
function pagesOf(table: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[string], { pageno: number }>("SELECT pageno FROM dbstat WHERE name = ?").all(table).map((row) => row.pageno);
  } finally {
    db.close();
  }
}

const mode = (target: string) => statSync(target).mode & 0o777;

/** The refusal says which file, what is wrong, and both ways out. */
function expectClearRefusal(message: string, problem: RegExp): void {
  expect(message).toMatch(/exited \(1\)/);
  expect(message).toContain(file);
  expect(message).toMatch(problem);
  expect(message).toMatch(/npm run restore/);
  expect(message).toMatch(/FRESH_START=true/);
}

describe("the database found at start", () => {
  it("none: a first start, with the setup page", async () => {
    const server = await start();
    expect(await setupNeeded(server)).toBe(true);
  });

  it("an empty file is refused, and left as it is", async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, "");
    expectClearRefusal(await refusal(), /is empty/);
    expect(statSync(file).size).toBe(0);
    expect(readdirSync(dataDir).filter((name) => name.startsWith(SQLITE_FILE))).toEqual([SQLITE_FILE]);
  });

  it("a file that is not a SQLite database is refused", async () => {
    mkdirSync(dataDir, { recursive: true });
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);
    expectClearRefusal(await refusal(), /not a SQLite database/);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it("a truncated real database is refused", async () => {
    await makeRealDatabase();
    truncateSync(file, Math.floor(statSync(file).size * 0.6));
    expectClearRefusal(await refusal(), /damaged/);
  });

  it("a real database with damaged pages is refused", async () => {
    await makeRealDatabase();
    const pages = pagesOf("document_updates");
    expect(pages.length).toBeGreaterThan(2);
    const db = readFileSync(file);
    const pageSize = db.readUInt16BE(16);
    for (const page of pages.slice(1, 3)) randomBytes(pageSize).copy(db, (page - 1) * pageSize);
    writeFileSync(file, db);
    expectClearRefusal(await refusal(), /damaged/);
  });

  it("a SQLite database without our schema version is refused", async () => {
    mkdirSync(dataDir, { recursive: true });
    const other = new Database(file);
    other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
    other.close();
    expectClearRefusal(await refusal(), /no schema version/);
  });

  it("a database from a newer server is refused", async () => {
    await makeRealDatabase();
    const db = new Database(file);
    db.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('999-from-a-newer-server', ?)").run(new Date().toISOString());
    db.close();
    const message = await refusal();
    expectClearRefusal(message, /migrations this server does not know \(999-from-a-newer-server\)/);
    expect(message).toMatch(/newer/);
  });

  it("a database made before the migrator, by a newer server of that time, is refused", async () => {
    await makeRealDatabase();
    const db = new Database(file);
    db.exec("DROP TABLE kysely_migration; DELETE FROM schema_migrations");
    db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (7, ?)").run(new Date().toISOString());
    db.close();
    const message = await refusal();
    expectClearRefusal(message, /schema version 7, newer than this server knows \(6\)/);
  });

  it("FRESH_START=true moves a refused database aside, never deletes it, and starts fresh", async () => {
    mkdirSync(dataDir, { recursive: true });
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);
    const server = await start({ FRESH_START: "true" });
    expect(await setupNeeded(server)).toBe(true);
    const aside = readdirSync(dataDir).filter((name) => /^workspace\.sqlite\.refused-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/.test(name));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, aside[0]!)).equals(garbage)).toBe(true);
    expect(mode(path.join(dataDir, aside[0]!))).toBe(0o600);
  });

  it("FRESH_START=true leaves a healthy database alone", async () => {
    await makeRealDatabase();
    const server = await start({ FRESH_START: "true" });
    expect(await setupNeeded(server)).toBe(false);
    expect(readdirSync(dataDir).filter((name) => name.includes("refused"))).toEqual([]);
  });

  it("a refused database can be restored over, as the refusal advises, and is kept", async () => {
    await makeRealDatabase();
    const backup = path.join(root, "backup.sqlite");
    await backupDatabase(dataDir, backup);
    const garbage = randomBytes(8192);
    writeFileSync(file, garbage);
    const kept = restoreDatabase(dataDir, backup);
    expect(readFileSync(kept!).equals(garbage)).toBe(true);
    expect(await setupNeeded(await start())).toBe(false);
  });
});

describe("data files", () => {
  it("are owner-only: the folder 0700, the database and its -wal and -shm 0600", async () => {
    const server = await start();
    expect((await post(server, "/api/setup", { workspaceName: "W", email: "c@example.org", password: "chair-password", displayName: "C", tenActs: false })).status).toBe(201);
    expect(mode(dataDir)).toBe(0o700);
    for (const name of [SQLITE_FILE, `${SQLITE_FILE}-wal`, `${SQLITE_FILE}-shm`, "server.pid"]) {
      expect(mode(path.join(dataDir, name)), name).toBe(0o600);
    }
  });

  it("made readable by an older version are made owner-only at start", async () => {
    await makeRealDatabase();
    chmodSync(dataDir, 0o755);
    chmodSync(file, 0o644);
    await start();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
  });

  it("backups and restored databases are owner-only", async () => {
    await makeRealDatabase();
    const backup = path.join(root, "backup.sqlite");
    await backupDatabase(dataDir, backup);
    expect(mode(backup)).toBe(0o600);
    chmodSync(backup, 0o644);
    const kept = restoreDatabase(dataDir, backup);
    expect(kept).not.toBeNull();
    expect(mode(file)).toBe(0o600);
    expect(mode(kept!)).toBe(0o600);
    expect(existsSync(kept!)).toBe(true);
  });
});
