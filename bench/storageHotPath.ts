/**
 * `npx tsx bench/storageHotPath.ts`: what the storage's hot path costs, per call, on
 * SQLite (and on PostgreSQL with BENCH_DATABASE_URL): appending a batch of updates (one
 * edit, and ten); a group commit of one edit in each of 1, 10 and 100 statements, and
 * the same 100 edits committed one statement at a time; loading a statement's
 * 20,000-row log. Prints wall and CPU time per call, the median of five rounds, so two
 * versions of the storage code can be compared on one machine. Also the round trip of a
 * message to a worker thread and back: what moving the commit off the event loop would
 * add to every commit's latency.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Storage } from "../server/storage/Storage.js";
import { SqliteStorage } from "../server/storage/sqlite/SqliteStorage.js";
import { PgStorage } from "../server/storage/postgres/PgStorage.js";

const ROUNDS = 5;
const APPENDS = 2_000;
const LOG_ROWS = 20_000;
/** A typical keystroke's Yjs update is a few dozen bytes. */
const update = () => new Uint8Array(randomBytes(40));

interface Figure {
  wallUs: number;
  cpuUs: number;
}

async function timed(calls: number, work: () => Promise<unknown>): Promise<Figure> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await work();
  const wall = Number(process.hrtime.bigint() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { wallUs: wall / calls, cpuUs: (used.user + used.system) / calls };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(name: string, storage: Storage): Promise<void> {
  const chair = { id: "chair", email: "chair@example.org", displayName: "Chair", passwordHash: "-" };
  await storage.workspaces.createWithChair({ workspace: { id: "ws", name: "Bench" }, chair, groups: [] });
  await storage.documents.create({ id: "hot", workspaceId: "ws", title: "Hot path" }, update());
  const statements = Array.from({ length: 100 }, (_, i) => `statement-${i}`);
  for (const id of statements) await storage.documents.create({ id, workspaceId: "ws", title: id }, update());
  const group = (count: number) => () => storage.documents.appendGrouped(statements.slice(0, count).map((documentId) => ({ documentId, update: update(), writers: [] })));
  const scenarios: [string, number, () => Promise<unknown>][] = [
    ["append 1 update", APPENDS, () => storage.documents.appendUpdates("hot", [update()])],
    ["append 10 updates", APPENDS / 10, () => storage.documents.appendUpdates("hot", Array.from({ length: 10 }, update))],
    ["group commit, 1 statement", APPENDS, group(1)],
    ["group commit, 10 statements", APPENDS / 10, group(10)],
    ["group commit, 100 statements", APPENDS / 100, group(100)],
    ["100 statements committed one by one", APPENDS / 100, async () => {
      for (const documentId of statements) await storage.documents.appendUpdates(documentId, [update()]);
    }],
  ];
  for (const [label, calls, work] of scenarios) {
    const rounds: Figure[] = [];
    for (let r = 0; r < ROUNDS; r++) rounds.push(await timed(calls, work));
    console.log(`${name} | ${label} | wall ${median(rounds.map((f) => f.wallUs)).toFixed(1)} us | CPU ${median(rounds.map((f) => f.cpuUs)).toFixed(1)} us`);
  }
  await storage.documents.create({ id: "long", workspaceId: "ws", title: "Long log" }, update());
  for (let i = 1; i < LOG_ROWS; i += 100) await storage.documents.appendUpdates("long", Array.from({ length: 100 }, update));
  const loads: Figure[] = [];
  for (let r = 0; r < ROUNDS; r++) loads.push(await timed(1, () => storage.documents.loadUpdates("long")));
  console.log(`${name} | load a ${LOG_ROWS}-row log | wall ${(median(loads.map((f) => f.wallUs)) / 1000).toFixed(2)} ms | CPU ${(median(loads.map((f) => f.cpuUs)) / 1000).toFixed(2)} ms`);
}

/** Median round trip, in microseconds, of a small message to a worker thread and back (1,000 of them). */
async function workerRoundTripUs(): Promise<number> {
  const worker = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));", { eval: true });
  const times: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    const start = process.hrtime.bigint();
    await new Promise<void>((resolve) => {
      worker.once("message", () => resolve());
      worker.postMessage(update());
    });
    times.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  await worker.terminate();
  return median(times);
}

console.log(`worker thread | message round trip | ${(await workerRoundTripUs()).toFixed(1)} us`);
const dataDir = mkdtempSync(path.join(tmpdir(), "storage-hot-path-"));
try {
  const sqlite = await SqliteStorage.open(dataDir);
  await measure("SQLite", sqlite);
  await sqlite.close();
  const url = process.env["BENCH_DATABASE_URL"];
  if (url) {
    const postgres = await PgStorage.open(url, { schema: `hot_path_${process.pid}`, dropSchemaOnClose: true });
    try {
      await measure("PostgreSQL", postgres);
    } finally {
      await postgres.close();
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
