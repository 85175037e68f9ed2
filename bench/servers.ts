/**
 * The two servers the benchmark compares, as processes, and what the kernel says of
 * them (CPU time, resident memory).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { startServerProcess } from "../server/testing/serverProcess.js";

/** A server under load. */
export interface BenchServer {
  name: "ours" | "reference";
  pid: number;
  port: number;
  /** The websocket URL of a room, for simulated client `client`. */
  roomUrl(room: string, client: number): string;
  stop(): Promise<void>;
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
  const child: ChildProcess = spawn(process.execPath, ["node_modules/y-websocket-reference/bin/server.js"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("running at") && resolve()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    name: "reference",
    pid: child.pid!,
    port,
    roomUrl: (room) => `ws://127.0.0.1:${port}/${room}`,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * Our server with the demo workspace, auth on and durable SQLite writes. With
 * BENCH_PROFILE=<folder> it writes a V8 CPU profile there when it stops.
 */
export async function startOurs(dataDir: string, tokens: () => string[], port = 0): Promise<BenchServer & { url: string }> {
  const profile = process.env["BENCH_PROFILE"];
  const server = await startServerProcess(dataDir, port, {}, "server/demo/main.ts", profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : []);
  return {
    name: "ours",
    pid: server.process.pid!,
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
