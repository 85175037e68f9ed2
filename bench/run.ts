/**
 * `npm run bench`: our server and the reference y-websocket server under the same load,
 * alternating, on 127.0.0.1, in one run. Writes bench/results/<date>.md and a chart.
 * BENCH_SECONDS (default 20), BENCH_N (default 20,50,100,200) and BENCH_REPEAT (default 2)
 * shorten a run; a shortened run writes to bench/results/partial/ instead.
 * BENCH_BASELINE=<another checkout> compares our server with the one of that checkout
 * instead (the commit before a change, say): edit runs only, alternating, written to
 * bench/results/partial/<date>-baseline.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { tmpdir, cpus } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import * as Y from "yjs";
import type WebSocket from "ws";
import { clusterServices, cpuSeconds, rssBytes, startInstances, startOurs, startReference, type BenchServer } from "./servers.js";
import { editsIn, join, typingPlace, updateFrame } from "./wire.js";
import { prepareOurs } from "./ours.js";
import type { WorkerReport, WorkerTask } from "./loadWorker.js";
import { measureSuggestionCheck } from "./suggestionCheck.js";
import { renderChart } from "./chart.js";

/** Figures left by the client performance spec (bench/client.perf.spec.ts). */
const CLIENT_RESULTS = "bench/results/client.json";

const seconds = Number(process.env["BENCH_SECONDS"] ?? 20);
const sizes = (process.env["BENCH_N"] ?? "20,50,100,200").split(",").map(Number);
const repeats = Number(process.env["BENCH_REPEAT"] ?? 2);
const clusterSizes = (process.env["BENCH_CLUSTER_N"] ?? "100").split(",").map(Number);
const partial = ["BENCH_SECONDS", "BENCH_N", "BENCH_REPEAT", "BENCH_CLUSTER_N"].some((name) => process.env[name] !== undefined);
const EDITS_PER_SECOND = 2;
/** Idle sockets opened before the idle memory is measured (see idleScenario). */
const IDLE_WARM_UP = 500;

interface EditResult {
  server: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  delivered: number;
  converged: boolean;
  cpuPer1000: number;
  generatorCpu: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;

function runWorker(task: WorkerTask): Promise<WorkerReport> {
  const file = new URL("./loadWorker.ts", import.meta.url).href;
  const worker = new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(file)}); });`, { eval: true, workerData: task });
  return new Promise((resolve, reject) => {
    worker.once("message", (report: WorkerReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

async function editScenario(server: BenchServer, room: string, n: number): Promise<EditResult> {
  const workers = Math.min(Math.max(1, cpus().length - 1), Math.ceil(n / 50));
  const clients = Array.from({ length: n }, (_, id) => ({ id, url: server.roomUrl(room, id), room, protocol: server.protocol }));
  const cpuOf = () => server.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const cpuBefore = cpuOf();
  const reports = await Promise.all(
    Array.from({ length: workers }, (_, w) => runWorker({ clients: clients.filter((_, i) => i % workers === w), editsPerSecond: EDITS_PER_SECOND, durationMs: seconds * 1000 })),
  );
  const cpu = cpuOf() - cpuBefore;
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const sent = reports.reduce((sum, r) => sum + r.sent, 0);
  const received = reports.reduce((sum, r) => sum + r.received, 0);
  const check = await join(server, room);
  check.socket.close();
  const converged = new Set(editsIn(check.update).map((e) => `${e.client}:${e.seq}`)).size === sent;
  return {
    server: server.name,
    n,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    delivered: (100 * received) / Math.max(1, sent * (n - 1)),
    converged,
    cpuPer1000: (cpu * 1000) / Math.max(1, sent),
    generatorCpu: reports.reduce((sum, r) => sum + r.cpuMs, 0) / 1000,
  };
}

/**
 * Resident memory per idle socket: a first 500 sockets load every room and warm the
 * process up (a fresh process may also shrink as start-up garbage is collected), then
 * the memory that 1,000 more sockets add, over the same rooms, is divided among them.
 */
async function idleScenario(server: BenchServer, rooms: string[], sockets: number): Promise<number> {
  const open: WebSocket[] = [];
  const openSockets = async (count: number) => {
    const first = open.length;
    for (let i = 0; i < count; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, count - i) }, (_, k) => join(server, rooms[(first + i + k) % rooms.length]!, first + i + k)),
      );
      open.push(...batch.map((joined) => joined.socket));
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  };
  await openSockets(IDLE_WARM_UP);
  const before = rssBytes(server.pid);
  await openSockets(sockets);
  const perSocket = (rssBytes(server.pid) - before) / sockets;
  for (const socket of open) socket.close();
  return perSocket;
}

/** A ~100k-character statement built from 20,000 edits. */
function bigDocumentUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const text = typingPlace(doc);
  for (let i = 0; i < 20_000; i++) text.insert(Math.floor(Math.random() * (text.length + 1)), "word ");
  return Y.encodeStateAsUpdate(doc);
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

/** Mean of each figure over the repeated runs of one server at one N. */
function meanOf(runs: EditResult[]): EditResult {
  const mean = (pick: (r: EditResult) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return {
    server: runs[0]!.server,
    n: runs[0]!.n,
    p50: mean((r) => r.p50),
    p99: mean((r) => r.p99),
    max: Math.max(...runs.map((r) => r.max)),
    delivered: mean((r) => r.delivered),
    converged: runs.every((r) => r.converged),
    cpuPer1000: mean((r) => r.cpuPer1000),
    generatorCpu: mean((r) => r.generatorCpu),
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
        process.stdout.write(`edit: ${servers.name}, ${n} editors, ${seconds} s\n`);
        results.push(await editScenario(servers, prepared.ids.shift()!, n));
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
        process.stdout.write(`edit: ${server.name}, ${n} editors, ${seconds} s, run ${run} of ${repeats}\n`);
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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-bench-"));
  let tokens: string[] = [];
  let ours = await startOurs(dataDir, () => tokens);
  const reference = await startReference();
  const prepared = await prepareOurs(ours.url, sizes.length * repeats + 101);
  tokens = prepared.tokens;
  const docs = [...prepared.ids];
  // Idle memory first, on fresh processes, so garbage from the other scenarios does not blur it.
  const idleRooms = docs.splice(0, 100);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = { reference: await idleScenario(reference, idleRooms, 1_000), ours: await idleScenario(ours, idleRooms, 1_000) };
  const runs: EditResult[] = [];
  for (const n of sizes) {
    for (let run = 1; run <= repeats; run++) {
      // A fresh document per run: a joiner's initial sync must not hold an earlier run's edits.
      const room = docs.shift()!;
      for (const server of [reference, ours]) {
        process.stdout.write(`edit: ${server.name}, ${n} editors, ${seconds} s, run ${run} of ${repeats}\n`);
        runs.push(await editScenario(server, room, n));
      }
    }
  }
  const edit = sizes.flatMap((n) => (["reference", "ours"] as const).map((name) => meanOf(runs.filter((r) => r.n === n && r.server === name))));
  /** Ours/reference of one figure in each repeated run, as "a-b". */
  const spread = (n: number, pick: (r: EditResult) => number) => {
    const of = (name: string) => runs.filter((r) => r.n === n && r.server === name);
    const ratios = of("ours").map((o, i) => pick(o) / pick(of("reference")[i]!)).sort((a, b) => a - b);
    return `${ratios[0]!.toFixed(2)}-${ratios.at(-1)!.toFixed(2)}`;
  };
  const commitMs = await durableCommitMs(dataDir);
  const big = bigDocumentUpdate();
  const yjsLoadMs = yjsAloneLoadMs(big);
  const bigRoom = docs.shift()!;
  const joins = { reference: await bigDocumentScenario(reference, bigRoom, big), ours: await bigDocumentScenario(ours, bigRoom, big) };
  // Load from storage after a restart (the reference keeps nothing).
  await ours.stop();
  ours = await startOurs(dataDir, () => tokens, ours.port);
  const afterRestart = (await join(ours, bigRoom)).ms;
  await ours.stop();
  await reference.stop();
  rmSync(dataDir, { recursive: true, force: true });
  const instances = await instancesScenario();

  const date = new Date().toISOString().slice(0, 10);
  const lines = [
    `# Benchmark ${date}`,
    "",
    `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}. Each scenario ran against the reference (y-websocket 1.5.4 bin/server.js, in memory, no auth) and ours (demo workspace, auth on, SQLite durable writes), alternating, on 127.0.0.1. ${seconds} s per edit run, ${EDITS_PER_SECOND} edits/s per editor, ${repeats} runs of each, alternating; figures are the mean of the runs (max: the highest).`,
    "",
    `One durable commit on this disk (one-row SQLite transaction, WAL, synchronous=FULL, commits 25 ms apart, median of 100): ${fmt(commitMs, 2)} ms. Ours waits for it before broadcasting; the reference keeps nothing.`,
    "",
    "## Edit: propagation latency (ms), delivery, server CPU",
    "",
    "| N | server | p50 | p99 | max | delivered | converged | server CPU s / 1,000 edits | load generator CPU s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...edit.map((r) => `| ${r.n} | ${r.server} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.delivered, 2)}% | ${r.converged ? "yes" : "no"} | ${fmt(r.cpuPer1000, 3)} | ${fmt(r.generatorCpu)} |`),
    "",
    "| N | p50 ours/ref | p99 ours/ref | CPU ours/ref | p50 ours - ref, ms | per-run range p50 / p99 / CPU |",
    "| --- | --- | --- | --- | --- | --- |",
    ...sizes.map((n) => {
      const o = edit.find((r) => r.n === n && r.server === "ours")!;
      const f = edit.find((r) => r.n === n && r.server === "reference")!;
      return `| ${n} | ${ratio(o.p50, f.p50)} | ${ratio(o.p99, f.p99)} | ${ratio(o.cpuPer1000, f.cpuPer1000)} | ${fmt(o.p50 - f.p50, 2)} | ${spread(n, (r) => r.p50)} / ${spread(n, (r) => r.p99)} / ${spread(n, (r) => r.cpuPer1000)} |`;
    }),
    "",
    "## Idle sockets and big document",
    "",
    "| measure | ours | reference | ours/ref |",
    "| --- | --- | --- | --- |",
    `| RSS per idle socket (1,000 sockets added to 500, 100 documents), KB | ${fmt(idle.ours / 1024)} | ${fmt(idle.reference / 1024)} | ${ratio(idle.ours, idle.reference)} |`,
    `| fresh join of a ~100k-character, 20,000-edit document (median of 5), ms | ${fmt(joins.ours)} | ${fmt(joins.reference)} | ${ratio(joins.ours, joins.reference)} |`,
    `| first join after a restart (load from storage), ms | ${fmt(afterRestart)} | (in memory: nothing to load) | |`,
    `| Yjs alone: apply the stored ${fmt(big.byteLength / 1024, 0)} KB to a new document and encode it (warm process), ms | ${fmt(yjsLoadMs)} | | |`,
    "",
  ];
  lines.push("## Several instances (PostgreSQL, Redis)", "");
  if ("skipped" in instances) lines.push(`Not run: ${instances.skipped}.`, "");
  else {
    lines.push(
      `Our server as one instance on PostgreSQL, then as three instances on the same PostgreSQL and one Redis, editors spread round-robin over them (${seconds} s, one run each). Server CPU is the sum over the instances. All of it shares this machine's ${cpus().length} cores with the load generator, PostgreSQL and Redis, so this measures what spreading one statement over instances costs (each update applied by every instance, one more hop through Redis), not the capacity that more machines add.`,
      "",
      "| N | setup | p50 | p99 | max | delivered | converged | server CPU s / 1,000 edits | updates delivered to clients / s |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...instances.results.map(
        (r) => `| ${r.n} | ${r.server} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.delivered, 2)}% | ${r.converged ? "yes" : "no"} | ${fmt(r.cpuPer1000, 3)} | ${fmt((r.delivered / 100) * r.n * (r.n - 1) * EDITS_PER_SECOND, 0)} |`,
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
    );
  }
  const client = existsSync(CLIENT_RESULTS)
    ? (JSON.parse(readFileSync(CLIENT_RESULTS, "utf8")) as { pages: number; samples: number; p95KeystrokeToPaintMs: number; p95SuggestingKeystrokeToPaintMs?: number; editableMs: number; bundleGzipBytes: number })
    : null;
  if (client) {
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
  }
  const suggestions = measureSuggestionCheck();
  lines.push(
    "## Suggestion check (a reviewer's updates on the 30-page statement)",
    "",
    "| per update, ms | p50 | p99 |",
    "| --- | --- | --- |",
    `| check (shared/collab/suggestionCheck.ts), ${suggestions.updates} updates | ${fmt(suggestions.checkP50Ms, 3)} | ${fmt(suggestions.checkP99Ms, 3)} |`,
    `| applying the same update, for scale | ${fmt(suggestions.applyP50Ms, 3)} | ${fmt(suggestions.applyP99Ms, 3)} |`,
    "",
  );
  // Targets, and why a missed one is missed.
  const fsync = `each batch is committed with an fsync before it is broadcast (the reference keeps nothing): ${fmt(commitMs, 2)} ms per commit on this disk, and with few editors a batch holds one edit, so that cost is not shared`;
  const targets: [string, boolean, string][] = [];
  for (const n of sizes) {
    const o = edit.find((r) => r.n === n && r.server === "ours")!;
    const f = edit.find((r) => r.n === n && r.server === "reference")!;
    targets.push([`p50 latency at N=${n} <= 1.0x (${ratio(o.p50, f.p50)})`, o.p50 <= f.p50, fsync]);
    targets.push([`p99 latency at N=${n} <= 1.0x (${ratio(o.p99, f.p99)})`, o.p99 <= f.p99, fsync]);
    targets.push([`server CPU per 1,000 edits at N=${n} <= 1.2x (${ratio(o.cpuPer1000, f.cpuPer1000)})`, o.cpuPer1000 <= 1.2 * f.cpuPer1000, `${fsync}; also auth and role checks per frame`]);
  }
  targets.push([`RSS per idle socket <= 1.0x (${ratio(idle.ours, idle.reference)})`, idle.ours <= idle.reference, "per-socket access state and buffers"]);
  targets.push([`big document join <= 1.0x (${ratio(joins.ours, joins.reference)})`, joins.ours <= joins.reference, ""]);
  targets.push([
    `load after restart < 200 ms (${fmt(afterRestart)} ms)`,
    afterRestart < 200,
    `a fresh process reads the log, builds the document and answers the join; Yjs alone needs ${fmt(yjsLoadMs)} ms of that in a warm process for this document's 20,000 separate items`,
  ]);
  targets.push([`suggestion check p99 <= 3 ms per update (${fmt(suggestions.checkP99Ms, 3)} ms)`, suggestions.checkP99Ms <= 3, ""]);
  if (client) {
    targets.push([`editor p95 keystroke to paint < 16 ms (${fmt(client.p95KeystrokeToPaintMs)} ms)`, client.p95KeystrokeToPaintMs < 16, ""]);
    if (client.p95SuggestingKeystrokeToPaintMs !== undefined) {
      targets.push([`editor p95 keystroke to paint while suggesting < 16 ms (${fmt(client.p95SuggestingKeystrokeToPaintMs)} ms)`, client.p95SuggestingKeystrokeToPaintMs < 16, ""]);
    }
    targets.push([`editable within 1.5 s (${client.editableMs} ms)`, client.editableMs < 1_500, ""]);
  }
  lines.push("## Targets", "", ...targets.map(([what, met, why]) => `- ${met ? "met" : "MISSED"}: ${what}${met || !why ? "" : `. Why: ${why}.`}`), "");
  const out = partial ? "bench/results/partial" : "bench/results";
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}/${date}.md`, lines.join("\n"));
  await renderChart(edit, `${out}/${date}.png`);
  process.stdout.write(`${lines.join("\n")}\nWritten to ${out}/${date}.md and .png\n`);
}

const baseline = process.env["BENCH_BASELINE"];
(baseline ? baselineComparison(path.resolve(baseline)) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
