/**
 * `npm run bench`: our server, the in-memory y-websocket reference and Hocuspocus (with
 * its SQLite extension) under the same load, alternating, on 127.0.0.1, in one run. Builds
 * the client and runs the client performance spec first, then the scenarios; writes
 * bench/results/<date>.md and a chart, and prints how long it all took.
 *
 * Scenarios, by name (`BENCH_SCENARIOS=many,idle npm run bench`, or as arguments:
 * `npm run bench -- many idle`); all by default:
 * - `one`: one statement, N editors (BENCH_N, default 20,100) typing 2 edits/s
 *   (BENCH_SECONDS, default 8 s; BENCH_REPEAT runs, default 2);
 * - `many`: many statements at once, statements x editors (BENCH_MANY, default
 *   100x5,300x3) typing 1 edit/s each (BENCH_MANY_SECONDS, default 12 s);
 * - `idle`: 10,000 idle sockets over 1,000 statements (BENCH_IDLE, default 10000x1000):
 *   resident memory per loaded statement and per socket;
 * - `big`: joining a 20,000-edit statement, and the first join after a restart;
 * - `durability`: what each server keeps of acknowledged edits after a SIGKILL (bench/durability.ts);
 * - `instances`: ours as one and three instances on PostgreSQL and Redis (BENCH_CLUSTER_N,
 *   default 100; BENCH_CLUSTER_SECONDS, default 8 s);
 * - `client`: the client build and bench/client.perf.spec.ts in Chromium;
 * - `suggestion`: the suggestion check on the 30-page statement.
 * A selection, or any of these variables set, writes to bench/results/partial/ instead.
 * BENCH_BASELINE=<another checkout> compares our server with the one of that checkout
 * instead (the commit before a change, say): edit runs only, alternating, written to
 * bench/results/partial/<date>-baseline.md. BENCH_PROFILE=<folder> writes a CPU profile
 * of our server there.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir, cpus } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import * as Y from "yjs";
import type WebSocket from "ws";
import { clusterServices, cpuSeconds, rssBytes, startHocuspocus, startInstances, startOurs, startReference, type BenchServer } from "./servers.js";
import { editsIn, join, updateFrame } from "./wire.js";
import { prepareOurs } from "./ours.js";
import type { WorkerReport, WorkerTask } from "./loadWorker.js";
import { measureSuggestionCheck } from "./suggestionCheck.js";
import { renderChart } from "./chart.js";
import { watchGeneratorCpu } from "./generatorCpu.js";
import { seedCoordinators } from "./benchAccounts.js";
import { limits } from "../shared/limits.js";
import { durabilityScenario, durabilityTable } from "./durability.js";
import { bigStatementUpdate, measureRestartLoad } from "./restartLoad.js";

/** Figures left by the client performance spec (bench/client.perf.spec.ts). */
const CLIENT_RESULTS = "bench/results/client.json";

/** The scenarios, by name, in the order a run takes them. */
const SCENARIOS = ["client", "idle", "one", "many", "big", "durability", "instances", "suggestion"] as const;
type Scenario = (typeof SCENARIOS)[number];
const asked = (process.env["BENCH_SCENARIOS"] ?? process.argv.slice(2).join(",")).split(",").map((name) => name.trim()).filter(Boolean);
for (const name of asked) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario ${name}; known: ${SCENARIOS.join(", ")}`);
const scenarios = new Set<Scenario>(asked.length ? (asked as Scenario[]) : SCENARIOS);

const seconds = Number(process.env["BENCH_SECONDS"] ?? 8);
const sizes = (process.env["BENCH_N"] ?? "20,100").split(",").map(Number);
const repeats = Number(process.env["BENCH_REPEAT"] ?? 2);
/** Many statements at once: statements x editors per statement. */
const manyShapes = (process.env["BENCH_MANY"] ?? "100x5,300x3").split(",").map((shape) => {
  const [statements, editors] = shape.split("x").map(Number);
  return { statements: statements!, editors: editors! };
});
const manySeconds = Number(process.env["BENCH_MANY_SECONDS"] ?? 12);
const [idleSockets, idleStatements] = (process.env["BENCH_IDLE"] ?? "10000x1000").split("x").map(Number) as [number, number];
const clusterSizes = (process.env["BENCH_CLUSTER_N"] ?? "100").split(",").map(Number);
const clusterSeconds = Number(process.env["BENCH_CLUSTER_SECONDS"] ?? 8);
const partial =
  asked.length > 0 ||
  ["BENCH_SECONDS", "BENCH_N", "BENCH_REPEAT", "BENCH_MANY", "BENCH_MANY_SECONDS", "BENCH_IDLE", "BENCH_CLUSTER_N", "BENCH_CLUSTER_SECONDS"].some((name) => process.env[name] !== undefined);
const EDITS_PER_SECOND = 2;
/** Edits per second of each editor when many statements are edited at once. */
const MANY_EDITS_PER_SECOND = 1;
/** Restarts of our server after which the first join of the big statement is timed. */
const RESTARTS = 3;
/** Simulated clients one worker thread of the load generator runs, at most (and at most 4 threads). */
const CLIENTS_PER_WORKER = 150;

interface EditResult {
  server: string;
  /** What was run: editors in one statement ("20") or statements x editors ("100x5"). */
  shape: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  converged: boolean;
  cpuPer1000: number;
  /** The load generator's CPU, in cores: the whole process, and its busiest worker thread. */
  generatorCpu: number;
  generatorThreadCpu: number;
  generatorBound: boolean;
  /** p99 of the server's event-loop delay during the run, ms (NaN when not measured). */
  loopP99: number;
  /** Durable writes per second, and ours's commits per update stored and per turn with updates (null when the server keeps nothing or does not tell). */
  writesPerSecond: number | null;
  commitsPerUpdate: number | null;
  commitsPerTurn: number | null;
  /** Mean time of one of the server's own commits in this run, ms (ours: from /api/health). */
  meanCommitMs: number | null;
}

/** A line on the console, with the seconds since the start. */
const progress = (line: string) => process.stdout.write(`[${process.uptime().toFixed(0)} s] ${line}\n`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;

/**
 * Start a worker thread for some of a scenario's clients: `ready` resolves once they are
 * all connected and synced, `go()` starts their typing, `report` is what they measured.
 */
function runWorker(task: WorkerTask): { ready: Promise<void>; go(): void; report: Promise<WorkerReport> } {
  const file = new URL("./loadWorker.ts", import.meta.url).href;
  const worker = new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(file)}); });`, { eval: true, workerData: task });
  const failed = new Promise<never>((_, reject) => worker.once("error", reject));
  const ready = Promise.race([new Promise<void>((resolve) => worker.once("message", () => resolve())), failed]);
  const report = ready.then(() =>
    Promise.race([
      new Promise<WorkerReport>((resolve) =>
        worker.once("message", (message: WorkerReport) => {
          resolve(message);
          void worker.terminate();
        }),
      ),
      failed,
    ]),
  );
  return { ready, go: () => worker.postMessage("go"), report };
}

/**
 * `editors` simulated clients in each of `rooms`, each typing `editsPerSecond` for
 * `durationSeconds`, spread over worker threads; then every room is read back to check
 * that it holds every edit sent to it.
 */
async function editLoad(server: BenchServer, rooms: string[], editors: number, editsPerSecond: number, durationSeconds: number, shape: string): Promise<EditResult> {
  const clients = rooms.flatMap((room, r) => Array.from({ length: editors }, (_, k) => ({ id: r * editors + k, url: server.roomUrl(room, r * editors + k), room, protocol: server.protocol })));
  const workers = Math.min(4, Math.ceil(clients.length / CLIENTS_PER_WORKER));
  const cpuOf = () => server.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const generator = watchGeneratorCpu();
  const running = Array.from({ length: workers }, (_, w) => runWorker({ clients: clients.filter((_, i) => i % workers === w), editsPerSecond, durationMs: durationSeconds * 1000 }));
  // Every client connected first: the measured window holds the typing only.
  await Promise.all(running.map((worker) => worker.ready));
  await server.loopDelayP99Ms();
  const writesBefore = await server.durableWrites();
  const cpuBefore = cpuOf();
  for (const worker of running) worker.go();
  const reports = await Promise.all(running.map((worker) => worker.report));
  const generatorCpu = generator.stop();
  const cpu = cpuOf() - cpuBefore;
  const loopP99 = await server.loopDelayP99Ms();
  const writesAfter = await server.durableWrites();
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const sent = reports.reduce((sum, r) => sum + r.sent, 0);
  const received = reports.reduce((sum, r) => sum + r.received, 0);
  // Every edit must be in its statement: the distinct edits read back from all rooms, against those sent.
  let stored = 0;
  for (let i = 0; i < rooms.length; i += 50) {
    const checks = await Promise.all(rooms.slice(i, i + 50).map((room, k) => join(server, room, i + k)));
    for (const check of checks) {
      check.socket.close();
      stored += new Set(editsIn(check.update).map((e) => `${e.client}:${e.seq}`)).size;
    }
  }
  const writes = writesBefore && writesAfter ? writesAfter.writes - writesBefore.writes : null;
  const per = (later: number | null | undefined, earlier: number | null | undefined) => (writes !== null && typeof later === "number" && typeof earlier === "number" && later > earlier ? writes / (later - earlier) : null);
  return {
    server: server.name,
    shape,
    n: editors,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    delivered: (100 * received) / Math.max(1, sent * (editors - 1)),
    converged: stored === sent,
    cpuPer1000: (cpu * 1000) / Math.max(1, sent),
    generatorCpu: generatorCpu.cores,
    generatorThreadCpu: generatorCpu.busiestThreadCores,
    generatorBound: generatorCpu.bound,
    loopP99,
    writesPerSecond: writes === null ? null : writes / durationSeconds,
    commitsPerUpdate: per(writesAfter?.updates, writesBefore?.updates),
    commitsPerTurn: per(writesAfter?.turnsWithUpdates, writesBefore?.turnsWithUpdates),
    meanCommitMs: writes && typeof writesAfter?.commitMs === "number" && typeof writesBefore?.commitMs === "number" ? (writesAfter.commitMs - writesBefore.commitMs) / writes : null,
  };
}

/** N editors in one statement, 2 edits/s each. */
function editScenario(server: BenchServer, room: string, n: number, durationSeconds = seconds): Promise<EditResult> {
  return editLoad(server, [room], n, EDITS_PER_SECOND, durationSeconds, String(n));
}

/** Resident memory an idle server needs per loaded statement and per socket, bytes. */
interface IdleResult {
  server: string;
  perStatement: number;
  perSocket: number;
}

/**
 * Idle sockets: after a settling pause, one socket on each of `rooms` (each statement
 * loaded) and the memory they add per statement; then `sockets` minus those more, spread
 * over the same rooms, and the memory they add per socket. Sockets are opened 100 at a
 * time from this process (their CPU is the server's handshake and sync, not ours).
 */
async function idleScenario(server: BenchServer, rooms: string[], sockets: number): Promise<IdleResult> {
  const open: WebSocket[] = [];
  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));
  const openSockets = async (count: number) => {
    const first = open.length;
    for (let i = 0; i < count; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(100, count - i) }, (_, k) => join(server, rooms[(first + i + k) % rooms.length]!, first + i + k)),
      );
      open.push(...batch.map((joined) => joined.socket));
    }
    await settle();
  };
  await settle();
  const before = rssBytes(server.pid);
  await openSockets(rooms.length);
  const loaded = rssBytes(server.pid);
  await openSockets(sockets - rooms.length);
  const result = { server: server.name, perStatement: (loaded - before) / rooms.length, perSocket: (rssBytes(server.pid) - loaded) / (sockets - rooms.length) };
  for (const socket of open) socket.close();
  return result;
}

/**
 * What Yjs alone needs to turn the big document's stored bytes into a document and
 * encode it for a joiner (in this warm process): the floor under any server's load time.
 */
function yjsAloneLoadMs(update: Uint8Array): number {
  const started = performance.now();
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  Y.encodeStateAsUpdate(doc);
  const ms = performance.now() - started;
  doc.destroy();
  return ms;
}

async function bigDocumentScenario(server: BenchServer, room: string, update: Uint8Array): Promise<number> {
  const writer = await join(server, room);
  writer.send(updateFrame(update));
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  writer.socket.close();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const reader = await join(server, room, i + 1);
    times.push(reader.ms);
    reader.socket.close();
  }
  return times.sort((a, b) => a - b)[2]!;
}

/**
 * What one durable commit costs on this disk: a one-row transaction in WAL mode with
 * synchronous=FULL (as the server writes), commits 25 ms apart as under light load.
 * Median in ms.
 */
async function durableCommitMs(dataDir: string): Promise<number> {
  const db = new Database(path.join(dataDir, "fsync-probe.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec("CREATE TABLE rows (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  const insert = db.prepare<[Uint8Array]>("INSERT INTO rows (data) VALUES (?)");
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const started = performance.now();
    insert.run(new Uint8Array(40));
    times.push(performance.now() - started);
  }
  db.close();
  return percentile(times.sort((a, b) => a - b), 0.5);
}

/** Mean of each figure over the repeated runs of one server at one shape. */
function meanOf(runs: EditResult[]): EditResult {
  const mean = (pick: (r: EditResult) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  const meanOrNull = (pick: (r: EditResult) => number | null) => (runs.every((r) => pick(r) !== null) ? mean((r) => pick(r)!) : null);
  return {
    server: runs[0]!.server,
    shape: runs[0]!.shape,
    n: runs[0]!.n,
    p50: mean((r) => r.p50),
    p99: mean((r) => r.p99),
    max: Math.max(...runs.map((r) => r.max)),
    delivered: mean((r) => r.delivered),
    converged: runs.every((r) => r.converged),
    cpuPer1000: mean((r) => r.cpuPer1000),
    generatorCpu: Math.max(...runs.map((r) => r.generatorCpu)),
    generatorThreadCpu: Math.max(...runs.map((r) => r.generatorThreadCpu)),
    generatorBound: runs.some((r) => r.generatorBound),
    loopP99: mean((r) => r.loopP99),
    writesPerSecond: meanOrNull((r) => r.writesPerSecond),
    commitsPerUpdate: meanOrNull((r) => r.commitsPerUpdate),
    commitsPerTurn: meanOrNull((r) => r.commitsPerTurn),
    meanCommitMs: meanOrNull((r) => r.meanCommitMs),
  };
}

/**
 * Our server as one instance and as three behind Redis, both on PostgreSQL, under the
 * same edit load (clients spread round-robin); null with the reason when PostgreSQL or
 * Redis cannot be used here.
 */
async function instancesScenario(): Promise<{ results: EditResult[] } | { skipped: string }> {
  const results: EditResult[] = [];
  for (const count of [1, 3]) {
    let tokens: string[] = [];
    let servers;
    try {
      servers = await startInstances(count, () => tokens);
    } catch (error) {
      return { skipped: `PostgreSQL (${clusterServices.databaseUrl}) or Redis (${clusterServices.redisUrl}) unavailable: ${String(error).split("\n")[0]}` };
    }
    try {
      const prepared = await prepareOurs(servers.url, clusterSizes.length);
      tokens = prepared.tokens;
      for (const n of clusterSizes) {
        progress(`edit: ${servers.name}, ${n} editors, ${clusterSeconds} s`);
        results.push(await editScenario(servers, prepared.ids.shift()!, n, clusterSeconds));
      }
    } finally {
      await servers.stop();
      await servers.dropData();
    }
  }
  return { results };
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const ratio = (ours: number, reference: number) => (reference > 0 && Number.isFinite(ours) ? `${(ours / reference).toFixed(2)}x` : "n/a");

/** Our server against the one in `checkout`, under the same edit load, alternating: ratios ours/baseline. */
async function baselineComparison(checkout: string): Promise<void> {
  const dataDirs = [mkdtempSync(path.join(tmpdir(), "drafting-bench-")), mkdtempSync(path.join(tmpdir(), "drafting-bench-baseline-"))];
  const tokens: Record<string, string[]> = { ours: [], baseline: [] };
  const servers = [await startOurs(dataDirs[0]!, () => tokens["ours"]!), await startOurs(dataDirs[1]!, () => tokens["baseline"]!, 0, checkout)];
  const rooms: Record<string, string[]> = {};
  for (const server of servers) {
    const prepared = await prepareOurs(server.url, sizes.length * repeats);
    tokens[server.name] = prepared.tokens;
    rooms[server.name] = prepared.ids;
  }
  const runs: EditResult[] = [];
  for (const n of sizes) {
    for (let run = 1; run <= repeats; run++) {
      // Who goes first swaps every run, so neither gains from its place.
      for (const server of run % 2 === 1 ? [servers[1]!, servers[0]!] : servers) {
        progress(`edit: ${server.name}, ${n} editors, ${seconds} s, run ${run} of ${repeats}`);
        runs.push(await editScenario(server, rooms[server.name]!.shift()!, n));
      }
    }
  }
  for (const server of servers) await server.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  const of = (n: number, name: string) => runs.filter((r) => r.n === n && r.server === name);
  const range = (n: number, pick: (r: EditResult) => number) => {
    const ratios = of(n, "ours").map((o, i) => pick(o) / pick(of(n, "baseline")[i]!)).sort((a, b) => a - b);
    return `${ratios[0]!.toFixed(2)}-${ratios.at(-1)!.toFixed(2)}`;
  };
  const lines = [
    `# Benchmark ${new Date().toISOString().slice(0, 10)}: this checkout against ${checkout}`,
    "",
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}. Both servers with the demo workspace, auth on, SQLite durable writes, on 127.0.0.1; ${seconds} s per edit run, ${EDITS_PER_SECOND} edits/s per editor, ${repeats} runs of each, alternating (the baseline first in odd runs, ours in even ones); figures are the mean of the runs.`,
    "",
    "| N | server | p50 | p99 | delivered | converged | server CPU s / 1,000 edits |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...sizes.flatMap((n) => ["baseline", "ours"].map((name) => meanOf(of(n, name)))).map((r) => `| ${r.n} | ${r.server} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.delivered, 2)}% | ${r.converged ? "yes" : "no"} | ${fmt(r.cpuPer1000, 3)} |`),
    "",
    "| N | p50 ours/baseline | p99 ours/baseline | CPU ours/baseline | per-run range p50 / p99 / CPU |",
    "| --- | --- | --- | --- | --- |",
    ...sizes.map((n) => {
      const [b, o] = [meanOf(of(n, "baseline")), meanOf(of(n, "ours"))];
      return `| ${n} | ${ratio(o.p50, b.p50)} | ${ratio(o.p99, b.p99)} | ${ratio(o.cpuPer1000, b.cpuPer1000)} | ${range(n, (r) => r.p50)} / ${range(n, (r) => r.p99)} / ${range(n, (r) => r.cpuPer1000)} |`;
    }),
    "",
  ];
  const folder = "bench/results/partial";
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${new Date().toISOString().slice(0, 10)}-baseline.md`);
  writeFileSync(file, lines.join("\n"));
  process.stdout.write(`${lines.join("\n")}\nWritten to ${file}\n`);
}

/** A target: what, whether met, and why when missed. */
type Target = [string, boolean, string];

/** The servers of one comparison, in the order of run `run`: rotated every run so none gains from its place. */
const rotated = <T>(list: T[], run: number): T[] => list.map((_, i) => list[(i + run) % list.length]!);

/** Start a server that may not be available here (Hocuspocus): the server, or why not. */
async function optional(start: () => Promise<BenchServer>): Promise<BenchServer | string> {
  try {
    return await start();
  } catch (error) {
    return String(error instanceof Error ? error.message : error).split("\n")[0]!;
  }
}

/** Side-by-side table of edit runs (one row per server and shape) and ours's ratios to each other server. */
function editTables(results: EditResult[], shapes: string[], label: string): string[] {
  const order = ["reference", "hocuspocus", "ours"];
  const names = [...new Set(results.map((r) => r.server))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const of = (shape: string, name: string) => results.find((r) => r.shape === shape && r.server === name);
  const others = names.filter((name) => name !== "ours");
  const opt = (value: number | null, digits = 2) => (value === null ? "" : fmt(value, digits));
  return [
    `| ${label} | server | p50 | p99 | max | delivered | converged | server CPU s / 1,000 edits | event-loop delay p99, ms | durable writes / s | commits / updates stored | commits / turns with updates | mean commit, ms (share of the run) | load generator, cores (busiest thread) |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...shapes.flatMap((shape) => names.map((name) => of(shape, name)).filter((r) => r !== undefined)).map(
      (r) =>
        `| ${r.shape} | ${r.server} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.delivered, 2)}% | ${r.converged ? "yes" : "NO"} | ${fmt(r.cpuPer1000, 3)} | ${fmt(r.loopP99)} | ${opt(r.writesPerSecond, 0)} | ${opt(r.commitsPerUpdate, 3)} | ${opt(r.commitsPerTurn, 3)} | ${r.meanCommitMs === null ? "" : `${fmt(r.meanCommitMs, 2)} (${fmt(100 * (r.meanCommitMs * (r.writesPerSecond ?? 0)) / 1000, 0)}%)`} | ${fmt(r.generatorCpu, 2)} (${fmt(r.generatorThreadCpu, 2)})${r.generatorBound ? " bound" : ""} |`,
    ),
    "",
    `| ${label} | ${others.map((name) => `p50 / p99 / CPU ours/${name}`).join(" | ")} | p50 ours - reference, ms |`,
    `| --- | ${others.map(() => "---").join(" | ")} | --- |`,
    ...shapes.map((shape) => {
      const o = of(shape, "ours");
      const cells = others.map((name) => {
        const other = of(shape, name);
        return o && other ? `${ratio(o.p50, other.p50)} / ${ratio(o.p99, other.p99)} / ${ratio(o.cpuPer1000, other.cpuPer1000)}` : "n/a";
      });
      const reference = of(shape, "reference");
      return `| ${shape} | ${cells.join(" | ")} | ${o && reference ? fmt(o.p50 - reference.p50, 2) : "n/a"} |`;
    }),
    "",
  ];
}

/** When a figure may have been bound by the load generator, say so next to it. */
const boundNote = (results: EditResult[]) =>
  results.some((r) => r.generatorBound)
    ? `Bound by the load generator (a worker thread above 0.9 of a core, or the generator above one core): ${results
        .filter((r) => r.generatorBound)
        .map((r) => `${r.shape} ${r.server}`)
        .join(", ")}.`
    : "No figure was bound by the load generator (every worker thread under 0.9 of a core, the generator under one core in total).";

async function main(): Promise<void> {
  const timings: [string, number][] = [];
  const timed = async <T>(name: string, step: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await step();
    } finally {
      timings.push([name, (performance.now() - started) / 1000]);
    }
  };
  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    `# Benchmark ${date}`,
    "",
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}. Scenarios: ${[...scenarios].join(", ")}. Each edit scenario ran against the reference (y-websocket 1.5.4 bin/server.js, in memory, no auth), Hocuspocus 4 with @hocuspocus/extension-sqlite, and ours (demo workspace, auth on, SQLite durable writes, one group commit per event-loop turn), in one run, the order rotated every run, on 127.0.0.1.`,
    "",
  ];
  const targets: Target[] = [];
  if (scenarios.has("client")) {
    await timed("client build", () => execFileSync("npm", ["run", "build"], { stdio: "inherit" }));
    await timed("client performance spec", () => execFileSync("npx", ["playwright", "test", "-c", "bench/playwright.perf.config.ts"], { stdio: "inherit" }));
  }

  if (scenarios.has("idle")) {
    const idle = await timed("idle", idleSection);
    lines.push(...idle.lines);
    targets.push(...idle.targets);
  }
  let oneResults: EditResult[] = [];
  if (scenarios.has("one") || scenarios.has("many") || scenarios.has("big")) {
    const edit = await timed("one, many, big", editSections);
    lines.push(...edit.lines);
    targets.push(...edit.targets);
    oneResults = edit.one;
  }
  if (scenarios.has("durability")) {
    const rows = await timed("durability", () => durabilityScenario());
    lines.push(
      "## Durability under SIGKILL",
      "",
      "A writer sends 50 edits over about a second while a second client watches; right after the last acknowledgement the server is killed (SIGKILL), started again on the same data, and a new client counts the acknowledged edits still there.",
      "",
      ...durabilityTable(rows),
      "",
    );
    const o = rows.find((r) => r.server === "ours");
    if (o) targets.push([`durability: every acknowledged edit kept after SIGKILL (${o.kept} of ${o.acknowledged})`, o.lost === 0, "an acknowledged edit was not in the database after the restart"]);
  }
  if (scenarios.has("instances")) lines.push(...(await timed("instances", instancesSection)));
  if (scenarios.has("client") && existsSync(CLIENT_RESULTS)) {
    const client = JSON.parse(readFileSync(CLIENT_RESULTS, "utf8")) as { pages: number; samples: number; p95KeystrokeToPaintMs: number; p95SuggestingKeystrokeToPaintMs?: number; editableMs: number; bundleGzipBytes: number };
    lines.push(
      "## Editor (Chromium, 10 remote editors typing)",
      "",
      "| measure | figure | budget |",
      "| --- | --- | --- |",
      `| p95 keystroke to paint (${client.samples} keystrokes, ${client.pages}-page statement), ms | ${fmt(client.p95KeystrokeToPaintMs)} | 16 |`,
      ...(client.p95SuggestingKeystrokeToPaintMs === undefined ? [] : [`| the same while suggesting (typed words become suggested insertions), ms | ${fmt(client.p95SuggestingKeystrokeToPaintMs)} | 16 |`]),
      `| navigation to editable, ms | ${client.editableMs} | 1,500 |`,
      `| client JavaScript, gzip, KB | ${fmt(client.bundleGzipBytes / 1024, 0)} | 350 |`,
      "",
    );
    targets.push([`editor p95 keystroke to paint < 16 ms (${fmt(client.p95KeystrokeToPaintMs)} ms)`, client.p95KeystrokeToPaintMs < 16, ""]);
    if (client.p95SuggestingKeystrokeToPaintMs !== undefined) {
      targets.push([`editor p95 keystroke to paint while suggesting < 16 ms (${fmt(client.p95SuggestingKeystrokeToPaintMs)} ms)`, client.p95SuggestingKeystrokeToPaintMs < 16, ""]);
    }
    targets.push([`editable within 1.5 s (${client.editableMs} ms)`, client.editableMs < 1_500, ""]);
  }
  if (scenarios.has("suggestion")) {
    const suggestions = await timed("suggestion", measureSuggestionCheck);
    lines.push(
      "## Suggestion check (a reviewer's updates on the 30-page statement)",
      "",
      "| per update, ms | p50 | p99 |",
      "| --- | --- | --- |",
      `| check (shared/collab/suggestionCheck.ts), ${suggestions.updates} updates | ${fmt(suggestions.checkP50Ms, 3)} | ${fmt(suggestions.checkP99Ms, 3)} |`,
      `| applying the same update, for scale | ${fmt(suggestions.applyP50Ms, 3)} | ${fmt(suggestions.applyP99Ms, 3)} |`,
      "",
    );
    targets.push([`suggestion check p99 <= 3 ms per update (${fmt(suggestions.checkP99Ms, 3)} ms)`, suggestions.checkP99Ms <= 3, ""]);
  }
  // `npm run bench` is this process (tsx's start-up included) plus npm's own start.
  const total = process.uptime();
  lines.push("## Time", "", "| step | s |", "| --- | --- |", ...timings.map(([name, s]) => `| ${name} | ${fmt(s, 0)} |`), `| total (this process, from its start) | ${fmt(total, 0)} |`, "");
  if (!partial) targets.push([`the whole \`npm run bench\` within 10 minutes (${fmt(total / 60, 1)} min)`, total <= 600, "see the time per step above"]);
  lines.push("## Targets", "", ...targets.map(([what, met, why]) => `- ${met ? "met" : "MISSED"}: ${what}${met || !why ? "" : `. Why: ${why}.`}`), "");
  const out = partial ? "bench/results/partial" : "bench/results";
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/${date}.md`, lines.join("\n"));
  if (oneResults.length) await renderChart(oneResults, `${out}/${date}.png`);
  process.stdout.write(`${lines.join("\n")}\nWritten to ${out}/${date}.md${oneResults.length ? " and .png" : ""}\nTotal: ${fmt(total, 0)} s\n`);
}

/** 10,000 idle sockets over 1,000 statements, on fresh server processes. */
async function idleSection(): Promise<{ lines: string[]; targets: Target[] }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-bench-"));
  const hocuspocusDir = mkdtempSync(path.join(tmpdir(), "drafting-bench-hocuspocus-"));
  let tokens: string[] = [];
  let ours = await startOurs(dataDir, () => tokens);
  progress(`idle: preparing ${idleStatements} statements`);
  const prepared = await prepareOurs(ours.url, idleStatements);
  await ours.stop();
  // Enough accounts for every socket under the per-account cap; a fresh process measures.
  tokens = [...prepared.tokens, ...(await seedCoordinators(dataDir, Math.max(0, Math.ceil(idleSockets / limits.socketsPerAccount) - prepared.tokens.length)))];
  ours = await startOurs(dataDir, () => tokens);
  progress(`idle: prepared, ${tokens.length} accounts`);
  const servers = [await startReference(), await optional(() => startHocuspocus(hocuspocusDir)), ours];
  const results: IdleResult[] = [];
  for (const server of servers) {
    if (typeof server === "string") continue;
    progress(`idle: ${server.name}, ${idleSockets} sockets over ${idleStatements} statements`);
    results.push(await idleScenario(server, prepared.ids, idleSockets));
    await server.stop();
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(hocuspocusDir, { recursive: true, force: true });
  const of = (name: string) => results.find((r) => r.server === name);
  const skipped = servers.filter((s): s is string => typeof s === "string");
  const o = of("ours")!;
  const f = of("reference")!;
  const h = of("hocuspocus");
  return {
    lines: [
      `## Idle sockets (${idleSockets.toLocaleString("en")} over ${idleStatements.toLocaleString("en")} statements)`,
      "",
      `Each server a fresh process. Resident memory after one socket on each of the ${idleStatements.toLocaleString("en")} statements (each loaded) minus before, per statement; then after ${(idleSockets - idleStatements).toLocaleString("en")} more sockets on the same statements, per socket.${skipped.length ? ` Hocuspocus not run: ${skipped.join("; ")}.` : ""}`,
      "",
      `| measure | ${results.map((r) => r.server).join(" | ")} | ours/reference${h ? " | ours/hocuspocus" : ""} |`,
      `| --- | ${results.map(() => "---").join(" | ")} | ---${h ? " | ---" : ""} |`,
      `| RSS per loaded statement (with its first socket), KB | ${results.map((r) => fmt(r.perStatement / 1024)).join(" | ")} | ${ratio(o.perStatement, f.perStatement)}${h ? ` | ${ratio(o.perStatement, h.perStatement)}` : ""} |`,
      `| RSS per further idle socket, KB | ${results.map((r) => fmt(r.perSocket / 1024)).join(" | ")} | ${ratio(o.perSocket, f.perSocket)}${h ? ` | ${ratio(o.perSocket, h.perSocket)}` : ""} |`,
      "",
    ],
    targets: [[`10,000 idle sockets: RSS per socket <= 1.0x the reference (${ratio(o.perSocket, f.perSocket)})`, o.perSocket <= f.perSocket, "per-socket access state and buffers"]],
  };
}

/** One statement with N editors, many statements at once, and the big statement: on the same three server processes. */
async function editSections(): Promise<{ lines: string[]; targets: Target[]; one: EditResult[] }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-bench-"));
  const hocuspocusDir = mkdtempSync(path.join(tmpdir(), "drafting-bench-hocuspocus-"));
  let tokens: string[] = [];
  const ours = await startOurs(dataDir, () => tokens);
  const reference = await startReference();
  const hocuspocus = await optional(() => startHocuspocus(hocuspocusDir));
  const servers = [reference, ...(typeof hocuspocus === "string" ? [] : [hocuspocus]), ours];
  const documents = (scenarios.has("one") ? sizes.length * repeats : 0) + (scenarios.has("many") ? manyShapes.reduce((sum, shape) => sum + shape.statements, 0) : 0) + 1;
  progress(`preparing ${documents} statements`);
  const prepared = await prepareOurs(ours.url, documents);
  progress("prepared");
  tokens = prepared.tokens;
  const docs = [...prepared.ids];
  const lines: string[] = typeof hocuspocus === "string" ? [`Hocuspocus not run: ${hocuspocus}.`, ""] : [];
  const targets: Target[] = [];
  const commitMs = await durableCommitMs(dataDir);
  lines.push(`One durable commit on this disk (one-row SQLite transaction, WAL, synchronous=FULL, commits 25 ms apart, median of 100): ${fmt(commitMs, 2)} ms. Ours waits for it before broadcasting; the reference keeps nothing.`, "");
  let order = 0;
  let one: EditResult[] = [];
  if (scenarios.has("one")) {
    const runs: EditResult[] = [];
    for (const n of sizes) {
      for (let run = 1; run <= repeats; run++) {
        // A fresh document per run: a joiner's initial sync must not hold an earlier run's edits.
        const room = docs.shift()!;
        for (const server of rotated(servers, order++)) {
          progress(`one: ${server.name}, ${n} editors, ${seconds} s, run ${run} of ${repeats}`);
          runs.push(await editScenario(server, room, n));
        }
      }
    }
    one = sizes.flatMap((n) => servers.map((server) => meanOf(runs.filter((r) => r.n === n && r.server === server.name))));
    /** Ours/reference of one figure in each repeated run, as "a-b". */
    const spread = (n: number, pick: (r: EditResult) => number) => {
      const of = (name: string) => runs.filter((r) => r.n === n && r.server === name);
      const ratios = of("ours").map((o, i) => pick(o) / pick(of("reference")[i]!)).sort((a, b) => a - b);
      return `${ratios[0]!.toFixed(2)}-${ratios.at(-1)!.toFixed(2)}`;
    };
    lines.push(
      "## One statement: N editors, propagation latency (ms), delivery, server CPU",
      "",
      `${seconds} s per run, ${EDITS_PER_SECOND} edits/s per editor, ${repeats} runs of each, the order rotated every run; figures are the mean of the runs (max: the highest; load generator: the highest).`,
      "",
      ...editTables(one, sizes.map(String), "N"),
      `Per-run range of ours/reference, p50 / p99 / CPU: ${sizes.map((n) => `N=${n} ${spread(n, (r) => r.p50)} / ${spread(n, (r) => r.p99)} / ${spread(n, (r) => r.cpuPer1000)}`).join("; ")}. ${boundNote(one)}`,
      "",
    );
    const o = one.find((r) => r.n === sizes[0] && r.server === "ours")!;
    const f = one.find((r) => r.n === sizes[0] && r.server === "reference")!;
    // Our own commit, timed by the server in this run (the statement's freeze check, its row and the fsync), is the commit durability costs.
    const ourCommitMs = o.meanCommitMs ?? commitMs;
    targets.push([
      `one statement, ${sizes[0]} editors: our p50 minus the reference's <= one durable commit + 0.2 ms (${fmt(o.p50 - f.p50, 2)} ms against ${fmt(ourCommitMs + 0.2, 2)} ms: our commits took ${fmt(ourCommitMs, 2)} ms on average in this run; the bare one-row probe above ${fmt(commitMs, 2)} ms)`,
      o.p50 - f.p50 <= ourCommitMs + 0.2,
      "each update is checked against the statement schema and the sender's role before its commit, which the reference does not do",
    ]);
  }
  if (scenarios.has("many")) {
    const results: EditResult[] = [];
    for (const shape of manyShapes) {
      const label = `${shape.statements}x${shape.editors}`;
      const rooms = docs.splice(0, shape.statements);
      for (const server of rotated(servers, order++)) {
        progress(`many: ${server.name}, ${shape.statements} statements x ${shape.editors} editors, ${manySeconds} s`);
        results.push(await editLoad(server, rooms, shape.editors, MANY_EDITS_PER_SECOND, manySeconds, label));
      }
    }
    const shapes = manyShapes.map((shape) => `${shape.statements}x${shape.editors}`);
    lines.push(
      "## Many statements at once: statements x editors, propagation latency (ms), durable writes, event-loop delay",
      "",
      `${manySeconds} s per run, ${MANY_EDITS_PER_SECOND} edit/s per editor, one run each, the order rotated; converged: every statement read back holds every edit sent to it. Durable writes: ours's group commits (one fsync each) from /api/health, with the updates they stored and the event-loop turns that had updates.`,
      "",
      ...editTables(results, shapes, "shape"),
      boundNote(results),
      "",
    );
    const shape = shapes.includes("100x5") ? "100x5" : shapes[0]!;
    const o = results.find((r) => r.shape === shape && r.server === "ours")!;
    const f = results.find((r) => r.shape === shape && r.server === "reference")!;
    const h = results.find((r) => r.shape === shape && r.server === "hocuspocus");
    const bound = o.generatorBound || f.generatorBound ? " (bound by the load generator)" : "";
    const share = o.meanCommitMs !== null && o.writesPerSecond !== null ? `${fmt((100 * o.meanCommitMs * o.writesPerSecond) / 1000, 0)}%` : "part";
    targets.push([
      `many statements ${shape}: p99 <= 1.0x the reference (${ratio(o.p99, f.p99)})${bound}`,
      o.p99 <= f.p99,
      `each edit waits for its group commit (one fsync) before it is broadcast, and on SQLite the commit holds the event loop (${share} of this run), while other statements' frames wait; the reference keeps nothing; one ${manySeconds} s run`,
    ]);
    targets.push(
      h
        ? [
            `many statements ${shape}: p99 <= 0.8x Hocuspocus (${ratio(o.p99, h.p99)})`,
            o.p99 <= 0.8 * h.p99,
            "each edit is stored before it is broadcast; Hocuspocus broadcasts first and stores seconds later (debounced: it kept none of the edits it had acknowledged after a SIGKILL, see Durability)",
          ]
        : [`many statements ${shape}: p99 <= 0.8x Hocuspocus (not run)`, false, "Hocuspocus is not wired into the benchmark in this checkout"],
    );
    targets.push([
      `many statements ${shape}: CPU per 1,000 edits <= 1.2x the reference (${ratio(o.cpuPer1000, f.cpuPer1000)})`,
      o.cpuPer1000 <= 1.2 * f.cpuPer1000,
      `at this load edits arrive about one per event-loop turn, so there are ${fmt(o.commitsPerUpdate ?? NaN, 2)} commits per edit, each with its freeze check, its row and its WAL write; and auth, schema and role checks per update; the reference keeps and checks nothing`,
    ]);
    targets.push([
      `many statements ${shape}: fsyncs <= one per event-loop turn with updates (commits/turns ${fmt(o.commitsPerTurn ?? NaN, 3)}, commits/updates ${fmt(o.commitsPerUpdate ?? NaN, 3)})`,
      o.commitsPerTurn !== null && o.commitsPerTurn <= 1,
      "more than one commit in a turn",
    ]);
  }
  if (scenarios.has("big")) {
    const big = bigStatementUpdate();
    const yjsLoadMs = yjsAloneLoadMs(big);
    const bigRoom = docs.shift()!;
    const joins: Record<string, number> = {};
    for (const server of servers) joins[server.name] = await bigDocumentScenario(server, bigRoom, big);
    // Load from storage after a restart (the reference keeps nothing): bench/restartLoad.ts, on a server of its own.
    const restarts = await measureRestartLoad(RESTARTS, big);
    const afterRestart = restarts.medianMs;
    lines.push(
      "## Big statement",
      "",
      `| measure | ${Object.keys(joins).join(" | ")} |`,
      `| --- | ${Object.keys(joins).map(() => "---").join(" | ")} |`,
      `| fresh join of a ~100k-character, 20,000-edit statement (median of 5), ms | ${Object.values(joins).map((ms) => fmt(ms)).join(" | ")} |`,
      "",
      `First join after a restart of ours (load from storage, bench/restartLoad.ts), median of ${RESTARTS} restarts: ${fmt(afterRestart)} ms (${restarts.joinsMs.map((ms) => fmt(ms)).join(", ")}). Yjs alone, applying the stored ${fmt(big.byteLength / 1024, 0)} KB to a new document and encoding it in a warm process: ${fmt(yjsLoadMs)} ms.`,
      "",
    );
    targets.push([`big statement join <= 1.0x the reference (${ratio(joins["ours"]!, joins["reference"]!)})`, joins["ours"]! <= joins["reference"]!, ""]);
    targets.push([
      `load after restart of the 20,000-edit statement < 200 ms (${fmt(afterRestart)} ms)`,
      afterRestart < 200,
      `the first socket of a fresh process (its first auth, the statement read from storage, its first sync) took ${restarts.joinsMs.map((ms) => fmt(ms)).join(", ")} ms over the restarts on this shared machine; Yjs alone needs ${fmt(yjsLoadMs)} ms to apply and encode this statement's 20,000 separate items in a warm process`,
    ]);
  }
  for (const server of servers) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(hocuspocusDir, { recursive: true, force: true });
  return { lines, targets, one };
}

/** Ours as one instance and as three, on PostgreSQL and Redis. */
async function instancesSection(): Promise<string[]> {
  const instances = await instancesScenario();
  const lines = ["## Several instances (PostgreSQL, Redis)", ""];
  if ("skipped" in instances) return [...lines, `Not run: ${instances.skipped}.`, ""];
  return [
    ...lines,
    `Our server as one instance on PostgreSQL, then as three instances on the same PostgreSQL and one Redis, editors spread round-robin over them (${clusterSeconds} s, one run each). Server CPU is the sum over the instances. All of it shares this machine's ${cpus().length} cores with the load generator, PostgreSQL and Redis, so this measures what spreading one statement over instances costs (each update applied by every instance, one more hop through Redis), not the capacity that more machines add.`,
    "",
    "| N | setup | p50 | p99 | max | delivered | converged | server CPU s / 1,000 edits | updates delivered to clients / s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...instances.results.map(
      (r) => `| ${r.n} | ${r.server} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.delivered, 2)}% | ${r.converged ? "yes" : "NO"} | ${fmt(r.cpuPer1000, 3)} | ${fmt((r.delivered / 100) * r.n * (r.n - 1) * EDITS_PER_SECOND, 0)} |`,
    ),
    "",
    "| N | p50 3/1 | p99 3/1 | CPU 3/1 |",
    "| --- | --- | --- | --- |",
    ...clusterSizes.map((n) => {
      const one = instances.results.find((r) => r.n === n && r.server === "ours, 1 instance")!;
      const three = instances.results.find((r) => r.n === n && r.server === "ours, 3 instances")!;
      return `| ${n} | ${ratio(three.p50, one.p50)} | ${ratio(three.p99, one.p99)} | ${ratio(three.cpuPer1000, one.cpuPer1000)} |`;
    }),
    "",
  ];
}

const baseline = process.env["BENCH_BASELINE"];
(baseline ? baselineComparison(path.resolve(baseline)) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
