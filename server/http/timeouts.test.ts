import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connect, type Socket } from "node:net";
import type { RunningServer } from "../app.js";
import { connectClient, createTestDocument, health, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, type TestClient } from "../testing/testServer.js";
import { openEventStream } from "../testing/rawHttp.js";

/** Short timeouts so the suite stays quick; the defaults are 30 s and 10 s. */
const TIMEOUT_SECONDS = 2;
/** How long a cut may take: the timeout plus the server's checking interval, with margin. */
const CUT_WITHIN_MS = 4_000;

let dataDir: string;
let server: RunningServer;
const sockets: Socket[] = [];
const clients: TestClient[] = [];

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, undefined, 0, {
    REQUEST_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
    HEADERS_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
  });
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
  removeDataDir(dataDir);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Open a raw connection, send `head` at once, then one byte of `trickle` every
 * `everyMs`. Resolves with what the server answered and when it closed the
 * connection, or "open" if it was still open after `waitMs`.
 */
async function trickle(head: string, trickled: string, everyMs: number, waitMs: number): Promise<{ closedAfterMs: number | "open"; answer: string }> {
  const socket = connect(server.port, "127.0.0.1");
  sockets.push(socket);
  let answer = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (answer += chunk));
  socket.on("error", () => undefined);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  const started = Date.now();
  socket.write(head);
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < trickled.length && !socket.destroyed) socket.write(trickled[sent++]!);
  }, everyMs);
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now() - started)));
  const outcome = await Promise.race([closed, sleep(waitMs).then(() => "open" as const)]);
  clearInterval(timer);
  return { closedAfterMs: outcome, answer };
}

const host = () => `127.0.0.1:${server.port}`;

describe("request timeouts", () => {
  it("cuts a POST whose body trickles in, within the request timeout", async () => {
    const body = JSON.stringify({ email: "someone@example.org", password: "x".repeat(200) });
    const head = `POST /api/auth/login HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const { closedAfterMs, answer } = await trickle(head, body, 200, 5_000);
    expect(closedAfterMs).not.toBe("open");
    expect(closedAfterMs).toBeLessThan(CUT_WITHIN_MS);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("cuts a client whose headers trickle in, within the headers timeout", async () => {
    const { closedAfterMs } = await trickle(`GET /api/health HTTP/1.1\r\nHost: ${host()}\r\n`, "X-Slow: aaaaaaaaaaaaaaaaaaaaaaaa", 200, 5_000);
    expect(closedAfterMs).not.toBe("open");
    expect(closedAfterMs).toBeLessThan(CUT_WITHIN_MS);
  });

  it("answers a slow upload that finishes within the timeout", async () => {
    const body = JSON.stringify({ email: "someone@example.org", password: "wrong-password" });
    const head = `POST /api/auth/login HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    // The whole body over about half the timeout, in pieces.
    const socket = connect(server.port, "127.0.0.1");
    sockets.push(socket);
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (answer += chunk));
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write(head);
    for (let i = 0; i < body.length; i += 10) {
      await sleep(40);
      socket.write(body.slice(i, i + 10));
    }
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toContain("invalid_credentials");
  });

  it("leaves comment event streams and collaboration sockets open well past the timeouts", async () => {
    // Set up on a server with the usual timeouts: signing in hashes a password, which on a
    // busy machine can take longer than the short timeouts under test.
    await server.close();
    const setup = await startTestServer(dataDir);
    const { chair } = await setUpWorkspace(setup);
    const documentId = (await createTestDocument(setup, chair)).id;
    await setup.close();
    server = await startTestServer(dataDir, undefined, 0, { REQUEST_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS), HEADERS_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS) });
    const stream = await openEventStream(server, documentId, { cookie: chair.cookie, host: host() });
    expect(stream.status).toBe(200);
    let streamEnded = false;
    void stream.ended.then(() => (streamEnded = true));
    const client = await connectClient(server, documentId, chair);
    clients.push(client);
    await sleep(TIMEOUT_SECONDS * 1000 * 3.5);
    expect(streamEnded).toBe(false);
    expect(client.provider.wsconnected).toBe(true);
    expect((await health(server)).sockets).toBe(1);
    stream.close();
  });
});
