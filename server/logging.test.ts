/** Logs as the server process writes them: JSON lines for collectors, readable lines when asked (or in a terminal). */
import { afterEach, describe, expect, it } from "vitest";
import { removeDataDir, tempDataDir } from "./testing/testServer.js";
import { startServerProcess, type ServerProcess } from "./testing/serverProcess.js";
import { prettyLogs } from "./logging.js";

let dataDir: string | null = null;
let server: ServerProcess | null = null;

afterEach(async () => {
  if (server) {
    server.process.kill("SIGTERM");
    await server.exited;
    server = null;
  }
  if (dataDir) removeDataDir(dataDir);
  dataDir = null;
});

/** Start the server process, make one request, stop it; returns everything it printed on stdout. */
async function stdoutOf(env: Record<string, string>): Promise<string> {
  if (dataDir) removeDataDir(dataDir);
  dataDir = tempDataDir();
  server = await startServerProcess(dataDir, 0, { LOG_LEVEL: "info", ...env });
  let output = "";
  server.process.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await fetch(`${server.url}/api/health`);
  // Secrets in paths and query strings: a reset link's, an invitation's, a socket token.
  await fetch(`${server.url}/api/password-resets/SECRETreset0123456789abcdefghijklmnopqrstu`);
  await fetch(`${server.url}/api/invites/SECRETinvite0123456789abcdefghijklmnopqrst`);
  await fetch(`${server.url}/collab/abcdefghijklmnop?token=SECRETsocket`);
  server.process.kill("SIGTERM");
  await server.exited;
  server = null;
  return output;
}

describe("log format", () => {
  it("is readable in a terminal and JSON otherwise, unless LOG_FORMAT says", () => {
    expect(prettyLogs({ logFormat: "auto" }, true)).toBe(true);
    expect(prettyLogs({ logFormat: "auto" }, false)).toBe(false);
    expect(prettyLogs({ logFormat: "json" }, true)).toBe(false);
    expect(prettyLogs({ logFormat: "pretty" }, false)).toBe(true);
  });

  it("prints readable lines with LOG_FORMAT=pretty and JSON lines when stdout is not a terminal", async () => {
    const readable = await stdoutOf({ LOG_FORMAT: "pretty" });
    expect(readable, readable).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: req-1 → GET \/api\/health$/m);
    expect(readable, readable).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: req-1 ← 200 in \d+ ms$/m);
    expect(readable.split("\n").some((line) => line.startsWith("{"))).toBe(false);
    expect(readable).toContain("→ GET /api/password-resets/…");
    expect(readable).not.toContain("SECRET");

    const json = await stdoutOf({});
    const lines = json.split("\n").filter((line) => line.startsWith("{"));
    expect(lines.some((line) => (JSON.parse(line) as { msg?: string }).msg === "request completed")).toBe(true);
    expect(json).toContain('"url":"/api/invites/…"');
    expect(json).not.toContain("SECRET");
  }, 60_000);
});
