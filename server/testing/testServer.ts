/**
 * Test factories: the real server on port 0 with a temporary data folder, real
 * y-websocket clients, and a poll helper. Used by the integration tests only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import { loadConfig } from "../config.js";
import { startServer, type RunningServer } from "../app.js";
import { COLLAB_PATH, CONTENT_FIELD } from "../../shared/protocol.js";
import { SqliteStorage } from "../storage/sqlite/SqliteStorage.js";
import { DelayedStorage } from "./DelayedStorage.js";
import type { CreateDocumentRequest, DocumentSummary, Health } from "../../shared/api.js";

/** A fresh temporary data folder. */
export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), "drafting-test-"));
}

/** Remove a temporary data folder. */
export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/** How a test server stores: SQLite directly, or SQLite answering after a delay. */
export interface TestStorageSetup {
  name: string;
  /** Milliseconds added to every storage call (0: none). */
  delayMs: number;
}

/** Both setups the collaboration suites run against. */
export const storageSetups: TestStorageSetup[] = [
  { name: "SQLite", delayMs: 0 },
  { name: "SQLite answering after 25 ms, like a networked database", delayMs: 25 },
];

/** Start the real server on port 0 over `dataDir`. */
export function startTestServer(dataDir: string, setup: TestStorageSetup = storageSetups[0]!, port = 0): Promise<RunningServer> {
  const config = loadConfig({ PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  const storage = setup.delayMs > 0 ? new DelayedStorage(SqliteStorage.open(dataDir), setup.delayMs) : undefined;
  return startServer(config, storage ? { storage } : {});
}

/** Create a statement through the HTTP API. */
export async function createTestDocument(
  server: RunningServer,
  request: CreateDocumentRequest = { title: "Test statement", template: "ten-acts" },
): Promise<DocumentSummary> {
  const response = await fetch(`${server.url}/api/documents`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(request),
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as DocumentSummary;
}

/** `GET /api/health`. */
export async function health(server: RunningServer): Promise<Health> {
  return (await (await fetch(`${server.url}/api/health`)).json()) as Health;
}

/** Poll `check` until it returns true, or fail with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A stock y-websocket client on its own Y.Doc. */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The editor content (the `default` XmlFragment). */
  content: Y.XmlFragment;
  destroy(): void;
}

/** Connect a stock `WebsocketProvider` to a document and wait until it has synced. */
export async function connectClient(server: RunningServer, documentId: string, doc = new Y.Doc()): Promise<TestClient> {
  const provider = new WebsocketProvider(`${server.url.replace("http", "ws")}${COLLAB_PATH}`, documentId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await waitFor("client synced", () => provider.synced);
  return {
    doc,
    provider,
    content: doc.getXmlFragment(CONTENT_FIELD),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The title heading's text node (first block of every seeded statement). */
export function titleText(content: Y.XmlFragment): Y.XmlText {
  const heading = content.get(0);
  if (!(heading instanceof Y.XmlElement)) throw new Error("no title heading");
  const text = heading.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error("title has no text");
  return text;
}

/** Open a raw websocket to `/collab/<path>` and resolve with its close code. */
export function closeCodeOf(server: RunningServer, pathAfterCollab: string, send?: Uint8Array[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace("http", "ws")}${COLLAB_PATH}/${pathAfterCollab}`);
    socket.on("open", () => {
      for (const frame of send ?? []) socket.send(frame);
    });
    socket.on("close", (code) => resolve(code));
    socket.on("error", reject);
  });
}
