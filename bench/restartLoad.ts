/**
 * Load after a restart: our server (the demo workspace, SQLite) stores the 20,000-edit
 * statement (~100k characters), then is restarted several times; each time a fresh
 * process answers one socket, timed from opening it to the sync step 2 arriving (what
 * loading the statement from storage costs a member who is first after a restart).
 *
 *   npx tsx bench/restartLoad.ts [restarts] [checkout]
 *
 * With a checkout (another worktree: the commit before a change, say), its server is measured.
 * BENCH_PROFILE=<folder> writes a CPU profile of each server process there (--cpu-prof).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as Y from "yjs";
import { startOurs } from "./servers.js";
import { CONTENT_FIELD } from "../shared/protocol.js";
import { join, readFrame, typingPlace, updateFrame } from "./wire.js";

/** The demo workspace's chair (server/demo seeds it). */
const DEMO_CHAIR = { email: "chair@example.org", password: "demo-password" };

/** A ~100k-character statement built from 20,000 edits at random places, as one update. */
export function bigStatementUpdate(edits = 20_000): Uint8Array {
  const doc = new Y.Doc();
  const text = typingPlace(doc);
  for (let i = 0; i < edits; i++) text.insert(Math.floor(Math.random() * (text.length + 1)), "word ");
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** What the restarts measured: each first join (ms), their median, and the statement's size. */
export interface RestartLoadResult {
  joinsMs: number[];
  medianMs: number;
  characters: number;
  updateBytes: number;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A token of the demo chair and a new blank statement of their workspace. */
async function prepare(base: string): Promise<{ token: string; documentId: string }> {
  const post = (route: string, body: unknown, cookie?: string) =>
    fetch(`${base}${route}`, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const login = await post("/api/auth/login", DEMO_CHAIR);
  const cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
  const me = await json<{ memberships: { workspace: { id: string } }[] }>(login);
  const { token } = await json<{ token: string }>(await post("/api/auth/token", { ...DEMO_CHAIR, name: "restart load" }));
  const created = await json<{ id: string }>(await post("/api/documents", { title: "Restart load", template: "blank", workspaceId: me.memberships[0]!.workspace.id }, cookie));
  return { token, documentId: created.id };
}

/**
 * Store the big statement through a socket (done once a second socket receives it: the
 * server broadcasts only what is durable), then restart the server `restarts` times and
 * time the first join of each fresh process.
 */
export async function measureRestartLoad(restarts = 5, update = bigStatementUpdate(), checkout?: string): Promise<RestartLoadResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-restart-"));
  let token = "";
  let server = await startOurs(dataDir, () => [token], 0, checkout);
  try {
    const prepared = await prepare(server.url);
    token = prepared.token;
    const writer = await join(server, prepared.documentId, 0);
    const listener = await join(server, prepared.documentId, 1);
    const stored = new Promise<void>((resolve) => listener.socket.on("message", (data: Buffer) => readFrame(new Uint8Array(data)).kind === "update" && resolve()));
    writer.socket.send(updateFrame(update));
    await stored;
    writer.socket.close();
    listener.socket.close();
    const joinsMs: number[] = [];
    let characters = 0;
    for (let i = 0; i < restarts; i++) {
      await server.stop();
      server = await startOurs(dataDir, () => [token], server.port, checkout);
      const joined = await join(server, prepared.documentId, i + 2);
      joinsMs.push(joined.ms);
      joined.socket.close();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, joined.update);
      characters = doc.getXmlFragment(CONTENT_FIELD).toString().length;
      doc.destroy();
    }
    const sorted = [...joinsMs].sort((a, b) => a - b);
    return { joinsMs, medianMs: sorted[Math.floor(sorted.length / 2)]!, characters, updateBytes: update.byteLength };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const restarts = Number(process.argv[2] ?? 5);
  measureRestartLoad(restarts, bigStatementUpdate(), process.argv[3]).then(
    (result) => {
      process.stdout.write(
        `first join after a restart: median ${result.medianMs.toFixed(1)} ms of ${restarts} (${result.joinsMs.map((ms) => ms.toFixed(1)).join(", ")}); ` +
          `statement ${result.characters} characters of XML, update ${(result.updateBytes / 1024).toFixed(0)} KB\n`,
      );
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
