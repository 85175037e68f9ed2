/**
 * The servers the benchmark compares, as processes, and what the kernel says of them
 * (CPU time, resident memory) and the event-loop probe loaded into each (loopProbe.mjs).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startServerProcess } from "../server/testing/serverProcess.js";

/** How a simulated client speaks to a server: y-websocket's protocol (a socket per document), or Hocuspocus's (each message names its document, after an auth message). */
export type BenchProtocol = "y-websocket" | "hocuspocus";

/** A server under load (for several instances, the first; `pids` has them all). */
export interface BenchServer {
  name: string;
  protocol: BenchProtocol;
  pid: number;
  pids: number[];
  port: number;
  /** The websocket URL of a room, for simulated client `client`. */
  roomUrl(room: string, client: number): string;
  /** p99 of the server's event-loop delay, ms, since the last call (read by a probe loaded into every server's process). */
  loopDelayP99Ms(): Promise<number>;
  /**
   * Durable writes of documents since start, as the server counts them (ours: commits, one
   * fsync each; Hocuspocus: its database extension's stores), with the updates they held
   * when known; null for a server that keeps nothing.
   */
  durableWrites(): Promise<{ writes: number; updates: number | null; turnsWithUpdates: number | null; commitMs: number | null } | null>;
  stop(): Promise<void>;
}

/**
 * Hocuspocus 4 with @hocuspocus/extension-sqlite (its own SQLite file in `dataDir`), as
 * a process: the self-hosted stack people pick instead of ours.
 */
export async function startHocuspocus(dataDir: string): Promise<BenchServer> {
  const probe = loopProbe();
  const script = fileURLToPath(new URL("./hocuspocusServer.ts", import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [...probe.nodeArgs, "--import", "tsx", script], {
    env: { ...process.env, ...probe.env, DATA_DIR: dataDir, PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /hocuspocus listening on (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`Hocuspocus exited (${String(code)}):\n${output}`)));
  });
  return {
    name: "hocuspocus",
    protocol: "hocuspocus",
    loopDelayP99Ms: () => probe.p99Ms(child.pid!),
    durableWrites: async () => {
      const counts = (await (await fetch(`http://127.0.0.1:${port}/bench/stores`)).json()) as { stores: number; storedUpdates: number };
      return { writes: counts.stores, updates: counts.storedUpdates, turnsWithUpdates: null, commitMs: null };
    },
    pid: child.pid!,
    pids: [child.pid!],
    port,
    // One socket per simulated client and document, as the y-websocket clients: the document is named in each message.
    roomUrl: () => `ws://127.0.0.1:${port}`,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * The event-loop probe (loopProbe.mjs) for a new server process: the Node arguments and
 * environment that load it, and its reader: the p99 of the process's event-loop delay
 * since the previous reading, ms (it writes a file when signalled).
 */
function loopProbe(): { nodeArgs: string[]; env: Record<string, string>; p99Ms(pid: number): Promise<number> } {
  const file = path.join(tmpdir(), `drafting-bench-loop-${randomUUID()}.json`);
  return {
    nodeArgs: ["--import", new URL("./loopProbe.mjs", import.meta.url).href],
    env: { BENCH_LOOP_PROBE_FILE: file },
    p99Ms: async (pid) => {
      rmSync(file, { force: true });
      process.kill(pid, "SIGUSR2");
      const deadline = Date.now() + 10_000;
      while (!existsSync(file)) {
        if (Date.now() > deadline) throw new Error(`the event-loop probe of process ${pid} did not answer`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const { p99Ms } = JSON.parse(readFileSync(file, "utf8")) as { p99Ms: number };
      rmSync(file, { force: true });
      return p99Ms;
    },
  };
}

const clockTicks = 100;

/** CPU seconds (user + system) the process has used. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

/** Resident memory of the process, in bytes. */
export function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"))!;
  return Number(line.replace(/\D+/g, "")) * 1024;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The reference: `bin/server.js` of y-websocket 1.5.4, in memory, no auth. */
export async function startReference(): Promise<BenchServer> {
  const port = await freePort();
  const probe = loopProbe();
  const child: ChildProcess = spawn(process.execPath, [...probe.nodeArgs, "node_modules/y-websocket-reference/bin/server.js"], {
    env: { ...process.env, ...probe.env, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("running at") && resolve()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    name: "reference",
    protocol: "y-websocket",
    loopDelayP99Ms: () => probe.p99Ms(child.pid!),
    durableWrites: async () => null,
    pid: child.pid!,
    pids: [child.pid!],
    port,
    roomUrl: (room) => `ws://127.0.0.1:${port}/${room}`,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Our server with the demo workspace, auth on and durable SQLite writes (from the
 * checkout in `checkout`, when given: the baseline a change is compared with). With
 * BENCH_PROFILE=<folder> it writes a V8 CPU profile there when it stops.
 */
export async function startOurs(dataDir: string, tokens: () => string[], port = 0, checkout?: string): Promise<BenchServer & { url: string }> {
  const profile = process.env["BENCH_PROFILE"];
  const probe = loopProbe();
  const nodeArgs = [...probe.nodeArgs, ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [])];
  const server = await startServerProcess(dataDir, port, probe.env, "server/demo/main.ts", nodeArgs, checkout);
  return {
    name: checkout ? "baseline" : "ours",
    protocol: "y-websocket",
    loopDelayP99Ms: () => probe.p99Ms(server.process.pid!),
    durableWrites: () => commitsOf(server.url),
    pid: server.process.pid!,
    pids: [server.process.pid!],
    port: server.port,
    url: server.url,
    roomUrl: (room, client) => {
      const list = tokens();
      return `ws://127.0.0.1:${server.port}/collab/${room}?token=${list[client % list.length]}`;
    },
    stop: async () => {
      server.process.kill("SIGTERM");
      await server.exited;
    },
  };
}

/** Our server's group commits since start, the updates they stored and the turns that had updates (from /api/health). */
async function commitsOf(url: string): Promise<{ writes: number; updates: number; turnsWithUpdates: number; commitMs: number }> {
  const health = (await (await fetch(`${url}/api/health`)).json()) as { commits: number; committedUpdates: number; turnsWithUpdates: number; commitMs: number };
  return { writes: health.commits, updates: health.committedUpdates, turnsWithUpdates: health.turnsWithUpdates, commitMs: health.commitMs };
}

/** Where the several-instance runs keep their data and fan out (this machine's services). */
export const clusterServices = {
  databaseUrl: process.env["BENCH_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test",
  redisUrl: process.env["BENCH_REDIS_URL"] ?? "redis://127.0.0.1:6379",
};

/**
 * `count` instances of our server on one PostgreSQL schema of its own and, with more
 * than one, one Redis. The first seeds the demo workspace; simulated client k connects
 * to instance k mod count, as a round-robin balancer would spread them.
 */
export async function startInstances(count: number, tokens: () => string[]): Promise<BenchServer & { url: string; dropData(): Promise<void> }> {
  const tag = `bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const env: Record<string, string> = { DATABASE_URL: clusterServices.databaseUrl, DATABASE_SCHEMA: tag };
  if (count > 1) Object.assign(env, { REDIS_URL: clusterServices.redisUrl, REDIS_PREFIX: `${tag}:` });
  const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-bench-instance-"));
  const probes = Array.from({ length: count }, () => loopProbe());
  const first = await startServerProcess(dataDir, 0, { ...env, ...probes[0]!.env }, "server/demo/main.ts", probes[0]!.nodeArgs);
  const rest = await Promise.all(probes.slice(1).map((probe) => startServerProcess(dataDir, 0, { ...env, ...probe.env }, "server/main.ts", probe.nodeArgs)));
  const all = [first, ...rest];
  return {
    name: count === 1 ? "ours, 1 instance" : `ours, ${count} instances`,
    protocol: "y-websocket",
    // The worst instance's.
    loopDelayP99Ms: async () => Math.max(...(await Promise.all(all.map((server, i) => probes[i]!.p99Ms(server.process.pid!))))),
    durableWrites: () => commitsOf(first.url),
    pid: first.process.pid!,
    pids: all.map((server) => server.process.pid!),
    port: first.port,
    url: first.url,
    roomUrl: (room, client) => {
      const list = tokens();
      return `ws://127.0.0.1:${all[client % all.length]!.port}/collab/${room}?token=${list[client % list.length]}`;
    },
    stop: async () => {
      for (const server of all) server.process.kill("SIGTERM");
      await Promise.all(all.map((server) => server.exited));
      rmSync(dataDir, { recursive: true, force: true });
    },
    dropData: async () => {
      const db = new pg.Client({ connectionString: clusterServices.databaseUrl });
      await db.connect();
      await db.query(`DROP SCHEMA IF EXISTS ${tag} CASCADE`);
      await db.end();
    },
  };
}
