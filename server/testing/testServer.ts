/**
 * Test factories: the real server on port 0 with a temporary data folder, real accounts
 * made through the real API, real y-websocket clients, and a poll helper. Used by the
 * integration tests only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import { loadConfig } from "../config.js";
import { startServer, type RunningServer, type ServerOptions } from "../app.js";
import { COLLAB_PATH, CONTENT_FIELD } from "../../shared/protocol.js";
import type { CreateDocumentRequest, DocumentSummary, Health, Me } from "../../shared/api.js";
import type { Role } from "../../shared/roles.js";
import { SqliteStorage } from "../storage/sqlite/SqliteStorage.js";
import { PgStorage } from "../storage/postgres/PgStorage.js";
import { delayedStorage } from "./DelayedStorage.js";
import { dropTestSchemaSync, testDatabaseUrl, testSchemaOf } from "./testDatabase.js";

/** A fresh temporary data folder. */
export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), "drafting-test-"));
}

/** Remove a temporary data folder (and the PostgreSQL schema that held its data, if any). */
export function removeDataDir(dataDir: string): void {
  dropTestSchemaSync(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
}

/** How a test server stores: SQLite directly, SQLite answering after a delay, or PostgreSQL. */
export interface TestStorageSetup {
  name: string;
  kind: "sqlite" | "postgres";
  /** Milliseconds added to every document storage call (0: none). */
  delayMs: number;
}

/** The setups the collaboration suites run against (PostgreSQL only when `TEST_DATABASE_URL` is set). */
export const storageSetups: TestStorageSetup[] = [
  { name: "SQLite", kind: "sqlite", delayMs: 0 },
  { name: "SQLite answering after 25 ms, like a networked database", kind: "sqlite", delayMs: 25 },
  ...(testDatabaseUrl ? [{ name: "PostgreSQL", kind: "postgres" as const, delayMs: 0 }] : []),
];

/**
 * Start the real server over `dataDir` (on a free port unless `port` is given). On
 * PostgreSQL the folder's data lives in a schema of its own, kept across restarts on the
 * same folder and dropped by `removeDataDir`. `env` adds configuration variables
 * (`TRUST_PROXY`, `REQUEST_TIMEOUT_SECONDS`...). A statement is unloaded as soon as its
 * last socket leaves unless `env` sets `ROOM_IDLE_UNLOAD_MS`.
 */
export async function startTestServer(
  dataDir: string,
  setup: TestStorageSetup = storageSetups[0]!,
  port = 0,
  env: Record<string, string> = {},
  options: Omit<ServerOptions, "storage"> = {},
): Promise<RunningServer> {
  const config = loadConfig({ PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", ROOM_IDLE_UNLOAD_MS: "0", ...env });
  const storage =
    setup.kind === "postgres"
      ? await PgStorage.open(testDatabaseUrl!, { schema: testSchemaOf(dataDir), maxConnections: 5 })
      : await SqliteStorage.open(dataDir);
  return startServer(config, { ...options, storage: setup.delayMs > 0 ? delayedStorage(storage, setup.delayMs) : storage });
}

/** Whatever answers HTTP: a server in this process, or a server process. */
export type Served = Pick<RunningServer, "url">;

/** A person with an account, signed in both ways: a session cookie and an API token. */
export interface TestUser {
  accountId: string;
  email: string;
  password: string;
  displayName: string;
  cookie: string;
  token: string;
}

/** JSON request with an optional signed-in user (by cookie). */
export async function api(server: Served, method: string, path: string, body?: unknown, user?: TestUser): Promise<Response> {
  const request = () => fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...(user ? { cookie: user.cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  try {
    return await request();
  } catch {
    // A pooled keep-alive connection to a server restarted on the same port: retry once.
    return request();
  }
}

/** An API error answer's status, id and message. */
export async function errorOf(response: Response): Promise<{ status: number; id: string; message: string }> {
  const body = (await response.json()) as { error: { id: string; message: string } };
  return { status: response.status, id: body.error.id, message: body.error.message };
}

function sessionFrom(response: Response): string {
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("dw_session="));
  if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
  return cookie.split(";")[0]!;
}

async function expectStatus(response: Response, status: number): Promise<Response> {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${await response.text()}`);
  return response;
}

/** A token for scripts and Yjs clients, through `POST /api/auth/token`. */
export async function issueToken(server: Served, email: string, password: string): Promise<string> {
  const response = await expectStatus(await api(server, "POST", "/api/auth/token", { email, password, name: "test" }), 201);
  return ((await response.json()) as { token: string }).token;
}

/** First run through `POST /api/setup`: the chair and the workspace (no template statement). */
export async function setUpWorkspace(server: Served, name = "Amina Chair", options: { tenActs?: boolean } = {}): Promise<{ chair: TestUser; workspaceId: string }> {
  const chair = { email: "chair@example.org", password: "chair-password", displayName: name };
  const response = await expectStatus(
    await api(server, "POST", "/api/setup", { workspaceName: "Test workspace", ...chair, tenActs: options.tenActs ?? false }),
    201,
  );
  const me = (await response.json()) as Me;
  const token = await issueToken(server, chair.email, chair.password);
  return { chair: { ...chair, accountId: me.account.id, cookie: sessionFrom(response), token }, workspaceId: me.memberships[0]!.workspace.id };
}

let memberCount = 0;

/** Invite someone with `role` (as `chair`) and accept as a new account, through the API. */
export async function addMember(
  server: Served,
  chair: TestUser,
  workspaceId: string,
  role: Role,
  displayName = `${role} ${++memberCount}`,
): Promise<TestUser> {
  const invite = await expectStatus(await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role }, chair), 201);
  const { token: inviteToken } = (await invite.json()) as { token: string };
  const person = { email: `${displayName.replace(/\W+/g, ".").toLowerCase()}.${memberCount}@example.org`, password: "member-password", displayName };
  const accepted = await expectStatus(await api(server, "POST", `/api/invites/${inviteToken}/accept`, person), 200);
  const me = (await accepted.json()) as Me;
  const token = await issueToken(server, person.email, person.password);
  return { ...person, accountId: me.account.id, cookie: sessionFrom(accepted), token };
}

/** Create a statement through the HTTP API. */
export async function createTestDocument(
  server: Served,
  user: TestUser,
  request: CreateDocumentRequest = { title: "Test statement", template: "ten-acts" },
): Promise<DocumentSummary> {
  const response = await expectStatus(await api(server, "POST", "/api/documents", request, user), 201);
  return (await response.json()) as DocumentSummary;
}

/** `GET /api/health`. */
export async function health(server: Served): Promise<Health> {
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

/** The websocket base URL of the server. */
export function collabUrl(server: Served): string {
  return `${server.url.replace("http", "ws")}${COLLAB_PATH}`;
}

/** Connect a stock `WebsocketProvider` (token passed as `?token=`) and wait until it has synced. */
export async function connectClient(server: RunningServer, documentId: string, user: TestUser, doc = new Y.Doc()): Promise<TestClient> {
  const provider = new WebsocketProvider(collabUrl(server), documentId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: user.token },
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

/** What happened to a raw websocket: refused at upgrade (HTTP status) or closed (code). */
export type RawOutcome = { refused: number } | { closed: number };

/**
 * Open a raw websocket to `/collab/<pathAfterCollab>`, send `frames` once open, and
 * resolve with how it ended.
 */
export function rawSocket(
  server: Served,
  pathAfterCollab: string,
  options: { token?: string; headers?: Record<string, string>; frames?: Uint8Array[] } = {},
): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const query = options.token ? `?token=${encodeURIComponent(options.token)}` : "";
    const socket = new WebSocket(`${collabUrl(server)}/${pathAfterCollab}${query}`, { headers: options.headers });
    socket.on("open", () => {
      for (const frame of options.frames ?? []) socket.send(frame);
    });
    socket.on("unexpected-response", (_request, response) => {
      resolve({ refused: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.on("close", (code) => resolve({ closed: code }));
    socket.on("error", (error) => {
      if (!String(error).includes("Unexpected server response")) reject(error);
    });
  });
}
