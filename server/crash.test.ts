import { afterEach, beforeEach, describe, expect, it } from "vitest";
import path from "node:path";
import * as Y from "yjs";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { CloseCode, COLLAB_PATH, CONTENT_FIELD } from "../shared/protocol.js";
import { backupDatabase, restoreDatabase } from "./storage/sqlite/backup.js";
import { startServerProcess, type ServerProcess } from "./testing/serverProcess.js";
import { removeDataDir, tempDataDir, waitFor } from "./testing/testServer.js";
import { clauseText as createClauseText, storedDocument } from "./testing/statementText.js";

let dataDir: string;
let server: ServerProcess;

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startServerProcess(dataDir);
});
afterEach(async () => {
  server.process.kill("SIGKILL");
  await server.exited;
  removeDataDir(dataDir);
});

async function post(path: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
}

/** First run, a token and a Ten Acts statement, through the API. */
async function prepare(): Promise<{ token: string; documentId: string }> {
  const chair = { email: "chair@example.org", password: "chair-password", displayName: "Chair" };
  const setup = await post("/api/setup", { workspaceName: "Crash test", ...chair, tenActs: false });
  const cookie = setup.headers.getSetCookie()[0]!.split(";")[0]!;
  const { token } = (await (await post("/api/auth/token", { email: chair.email, password: chair.password })).json()) as { token: string };
  const { id } = (await (await post("/api/documents", { title: "Statement", template: "ten-acts" }, cookie)).json()) as { id: string };
  return { token, documentId: id };
}

const clauseText = (doc: Y.Doc, act: number) => createClauseText(doc.getXmlFragment(CONTENT_FIELD), act);
const storedDoc = (dir = dataDir) => storedDocument(dir);

/** Structs of `witness` that `doc` lacks (0 when `doc` has everything the witness saw). */
function missingIn(doc: Y.Doc, witness: Y.Doc): number {
  return Y.decodeUpdate(Y.encodeStateAsUpdate(witness, Y.encodeStateVector(doc))).structs.length;
}

describe("crash safety", () => {
  it("loses nothing any client had received, through 10 SIGKILLs and a SIGTERM, and everyone converges", async () => {
    const { token, documentId } = await prepare();
    const port = server.port;
    const writers = [0, 1, 2].map(() => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}${COLLAB_PATH}`, documentId, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token },
        maxBackoffTime: 250,
      });
      // Everything the server sent this client: what it had "received from the server".
      const witness = new Y.Doc();
      doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === provider) Y.applyUpdate(witness, update);
      });
      return { doc, provider, witness };
    });
    await waitFor("clients synced", () => writers.every((w) => w.provider.synced));
    let typing = true;
    const typists = writers.map(async (writer, k) => {
      let n = 0;
      while (typing) {
        const text = clauseText(writer.doc, k + 1);
        text.insert(text.length, `${n++} `);
        await new Promise((resolve) => setTimeout(resolve, 8));
      }
    });

    const snapshots: Y.Doc[] = [];
    let kills = 0;
    for (let i = 0; i < 10; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 350));
      server.process.kill("SIGKILL");
      await server.exited;
      kills += 1;
      // What each client had received when the server died.
      for (const writer of writers) {
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(writer.witness));
        snapshots.push(copy);
      }
      server = await startServerProcess(dataDir, port);
      await waitFor("a client reconnected", () => writers.some((w) => w.provider.synced), 15_000);
    }
    typing = false;
    await Promise.all(typists);
    await waitFor(
      "everyone converged",
      () => writers.every((w) => w.provider.synced) && writers.every((w) => w.doc.getXmlFragment(CONTENT_FIELD).toString() === writers[0]!.doc.getXmlFragment(CONTENT_FIELD).toString()),
      30_000,
    );

    // Graceful stop: pending writes finished, sockets told "going away", exit code 0.
    const closes: number[] = [];
    writers[0]!.provider.on("connection-close", (event) => event && closes.push(event.code));
    server.process.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    await waitFor("going away received", () => closes.includes(CloseCode.goingAway));

    const stored = storedDoc();
    const lost = snapshots.reduce((sum, snapshot) => sum + missingIn(stored, snapshot), 0);
    expect(lost).toBe(0);
    for (const writer of writers) expect(stored.getXmlFragment(CONTENT_FIELD).toString()).toBe(writer.doc.getXmlFragment(CONTENT_FIELD).toString());
    const checked = snapshots.reduce((sum, snapshot) => sum + Y.decodeUpdate(Y.encodeStateAsUpdate(snapshot)).structs.length, 0);
    console.info(`crash safety: ${kills} SIGKILLs and 1 SIGTERM survived, ${checked} received structs checked across ${snapshots.length} snapshots, 0 lost, clients converged`);

    server = await startServerProcess(dataDir, port);
    await waitFor("clients back after the graceful restart", () => writers.every((w) => w.provider.synced), 15_000);
    for (const writer of writers) writer.provider.destroy();
  }, 180_000);
});

describe("backup and restore", () => {
  it("copies a busy workspace consistently while the server runs, and brings it back", async () => {
    const { token, documentId } = await prepare();
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}${COLLAB_PATH}`, documentId, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token },
    });
    await waitFor("synced", () => provider.synced);
    let typing = true;
    const typist = (async () => {
      let n = 0;
      while (typing) {
        const text = clauseText(doc, 1);
        text.insert(text.length, `${n++} `);
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const target = path.join(tempDataDir(), "backup.sqlite");
    const before = storedDoc();
    const bytes = await backupDatabase(dataDir, target);
    await new Promise((resolve) => setTimeout(resolve, 200));
    typing = false;
    await typist;
    provider.destroy();
    expect(bytes).toBeGreaterThan(0);

    expect(() => restoreDatabase(dataDir, target)).toThrow(/stop it/);
    server.process.kill("SIGTERM");
    await server.exited;
    const original = dataDir;
    const fresh = tempDataDir();
    expect(restoreDatabase(fresh, target)).toBeNull();
    const restored = storedDoc(fresh);
    // Consistent: everything stored before the backup began, and a prefix of what came after.
    expect(missingIn(restored, before)).toBe(0);
    expect(clauseText(storedDoc(original), 1).toString().startsWith(clauseText(restored, 1).toString())).toBe(true);
    // The restored workspace serves: sign in and read the statement.
    dataDir = fresh;
    removeDataDir(original);
    server = await startServerProcess(fresh);
    const login = await post("/api/auth/login", { email: "chair@example.org", password: "chair-password" });
    expect(login.status).toBe(200);
  }, 60_000);
});
