import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import type { RunningServer } from "../app.js";
import { CloseCode, CONTENT_FIELD, MessageType } from "../../shared/protocol.js";
import { hashSecret } from "../auth/secrets.js";
import {
  addMember,
  api,
  connectClient,
  createTestDocument,
  health,
  rawSocket,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  titleText,
  waitFor,
  type TestClient,
  type TestUser,
} from "../testing/testServer.js";
import { storedDocument } from "../testing/statementText.js";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let coordinator: TestUser;
let reviewer: TestUser;
let observer: TestUser;
let workspaceId: string;
let documentId: string;
let clients: TestClient[];

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server));
  [coordinator, reviewer, observer] = await Promise.all([
    addMember(server, chair, workspaceId, "coordinator", "Maria Coordinator"),
    addMember(server, chair, workspaceId, "reviewer", "Lena Reviewer"),
    addMember(server, chair, workspaceId, "observer", "Omar Observer"),
  ]);
  documentId = (await createTestDocument(server, chair)).id;
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  removeDataDir(dataDir);
});

async function connect(user: TestUser): Promise<TestClient> {
  const client = await connectClient(server, documentId, user);
  clients.push(client);
  return client;
}

function title(client: TestClient): string {
  return titleText(client.content).toString();
}

/** A sync frame (step 2 or update) that writes `marker` at the start of the title. */
function forgedFrame(base: Y.Doc, marker: string, syncType: "step2" | "update"): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  titleText(doc.getXmlFragment(CONTENT_FIELD)).insert(0, marker);
  const update = Y.encodeStateAsUpdate(doc, before);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, syncType === "step2" ? syncProtocol.messageYjsSyncStep2 : syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The title as stored, read with a separate connection. */
function storedTitle(): string {
  return titleText(storedDocument(dataDir, documentId).getXmlFragment(CONTENT_FIELD)).toString();
}

/**
 * Nothing of `marker` was applied, broadcast or stored: the watching client never saw
 * it, the store does not have it after a restart, and the room still works for others.
 */
async function expectRefusedEverywhere(marker: string, watcher: TestClient): Promise<void> {
  const writer = await connect(chair);
  titleText(writer.content).insert(0, "[still live]");
  await waitFor("room still serves others", () => title(watcher).includes("[still live]"));
  expect(title(watcher)).not.toContain(marker);
  for (const client of clients) client.destroy();
  clients = [];
  const port = server.port;
  await server.close();
  expect(storedTitle()).not.toContain(marker);
  expect(storedTitle()).toContain("[still live]");
  server = await startTestServer(dataDir, undefined, port);
  const reader = await connect(chair);
  expect(title(reader)).not.toContain(marker);
}

/** Open a raw socket, send frames, then wait until the server has handled them (its answer to a query). */
async function sendAndSettle(user: TestUser, frames: Uint8Array[]): Promise<void> {
  const WebSocket = (await import("ws")).default;
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/collab/${documentId}?token=${user.token}`);
  await new Promise<void>((resolve, reject) => {
    socket.on("open", resolve);
    socket.on("error", reject);
  });
  for (const frame of frames) socket.send(frame);
  const query = encoding.createEncoder();
  encoding.writeVarUint(query, MessageType.queryAwareness);
  // Frames are handled in order: the awareness answer comes after every frame above.
  const answered = new Promise<void>((resolve) =>
    socket.on("message", (data: Buffer) => {
      if (data[0] === MessageType.awareness) resolve();
    }),
  );
  socket.send(encoding.toUint8Array(query));
  await answered;
  socket.close();
}

describe("the websocket gate refuses before any Yjs traffic", () => {
  it("refuses anonymous sockets and bad tokens with 401", async () => {
    const watcher = await connect(chair);
    const frames = [forgedFrame(watcher.doc, "[forged anonymous]", "update")];
    expect(await rawSocket(server, documentId, { frames })).toEqual({ refused: 401 });
    expect(await rawSocket(server, documentId, { token: "not-a-real-token", frames })).toEqual({ refused: 401 });
    expect(await rawSocket(server, documentId, { headers: { authorization: "Bearer nope" }, frames })).toEqual({ refused: 401 });
    expect(await rawSocket(server, documentId, { headers: { cookie: "dw_session=forged" }, frames })).toEqual({ refused: 401 });
    await expectRefusedEverywhere("[forged anonymous]", watcher);
  });

  it("refuses a revoked token, and closes the sockets that were using it", async () => {
    const open = rawSocket(server, documentId, { token: coordinator.token });
    await waitFor("socket joined", async () => (await health(server)).sockets === 1);
    const tokens = (await (await api(server, "GET", "/api/auth/tokens", undefined, coordinator)).json()) as { tokens: { id: string }[] };
    for (const token of tokens.tokens) {
      expect((await api(server, "DELETE", `/api/auth/tokens/${token.id}`, undefined, coordinator)).status).toBe(200);
    }
    expect(await open).toEqual({ closed: CloseCode.signedOut });
    const watcher = await connect(chair);
    const frames = [forgedFrame(watcher.doc, "[forged revoked]", "update")];
    expect(await rawSocket(server, documentId, { token: coordinator.token, frames })).toEqual({ refused: 401 });
    await expectRefusedEverywhere("[forged revoked]", watcher);
  });

  it("closes a signed-out session's sockets", async () => {
    const open = rawSocket(server, documentId, { headers: { cookie: coordinator.cookie } });
    await waitFor("socket joined", async () => (await health(server)).sockets === 1);
    expect((await api(server, "POST", "/api/auth/logout", undefined, coordinator)).status).toBe(200);
    expect(await open).toEqual({ closed: CloseCode.signedOut });
    expect(await rawSocket(server, documentId, { headers: { cookie: coordinator.cookie } })).toEqual({ refused: 401 });
  });

  it("refuses a document of another workspace with 403", async () => {
    const other = (await (await api(server, "POST", "/api/workspaces", { name: "Other coalition" }, chair)).json()) as { id: string };
    const theirs = await createTestDocument(server, chair, { title: "Theirs", workspaceId: other.id });
    const watcher = await connect(chair);
    const frames = [forgedFrame(watcher.doc, "[forged elsewhere]", "update")];
    expect(await rawSocket(server, theirs.id, { token: coordinator.token, frames })).toEqual({ refused: 403 });
    expect((await api(server, "GET", `/api/documents/${theirs.id}`, undefined, coordinator)).status).toBe(404);
    await expectRefusedEverywhere("[forged elsewhere]", watcher);
  });

  it("refuses a cross-site Origin with 403, even with valid credentials", async () => {
    const watcher = await connect(chair);
    const frames = [forgedFrame(watcher.doc, "[forged cross-site]", "update")];
    expect(await rawSocket(server, documentId, { token: chair.token, headers: { origin: "https://evil.example" }, frames })).toEqual({ refused: 403 });
    const sameSite = rawSocket(server, documentId, { token: chair.token, headers: { origin: server.url } });
    await waitFor("same-origin socket accepted", async () => (await health(server)).sockets === 2);
    void sameSite;
    await expectRefusedEverywhere("[forged cross-site]", watcher);
  });
});

describe("read-only roles on the collaboration protocol", () => {
  // A reviewer's frames are checked as suggestions: see suggestions.test.ts.
  it.each([["observer", () => observer]] as const)("drops every sync step 2 and update frame a %s sends, and counts it", async (_role, who) => {
    const watcher = await connect(chair);
    const before = (await health(server)).refusedUpdates;
    const frames = [forgedFrame(watcher.doc, "[forged step2]", "step2"), forgedFrame(watcher.doc, "[forged update]", "update")];
    await sendAndSettle(who(), frames);
    expect((await health(server)).refusedUpdates - before).toBe(2);
    const audit = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair)).json()) as { entries: { action: string; actor: string }[] };
    // One audit entry per socket per window, however many frames it sends.
    expect(audit.entries.filter((entry) => entry.action === "update_refused" && entry.actor === who().displayName)).toHaveLength(1);
    await expectRefusedEverywhere("[forged", watcher);
  });

  it("refuses what a stock provider of a reviewer sends when its local document is edited", async () => {
    const watcher = await connect(chair);
    const reader = await connect(reviewer);
    titleText(reader.content).insert(0, "[reviewer typed]");
    await waitFor("refusal counted", async () => (await health(server)).refusedUpdates === 1);
    await expectRefusedEverywhere("[reviewer typed]", watcher);
  });

  it("stops a coordinator demoted mid-session from writing, at once", async () => {
    const watcher = await connect(chair);
    const writer = await connect(coordinator);
    titleText(writer.content).insert(0, "[as coordinator]");
    await waitFor("edit accepted", () => title(watcher).includes("[as coordinator]"));
    const closes: number[] = [];
    writer.provider.on("connection-close", (event) => event && closes.push(event.code));
    const demoted = await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${coordinator.accountId}`, { role: "reviewer" }, chair);
    expect(demoted.status).toBe(200);
    await waitFor("socket closed with 'access changed'", () => closes.includes(CloseCode.accessChanged));
    await waitFor("reconnected as reviewer", () => writer.provider.synced);
    titleText(writer.content).insert(0, "[after demotion]");
    await waitFor("refusal counted", async () => (await health(server)).refusedUpdates >= 1);
    expect(storedTitle()).toContain("[as coordinator]");
    await expectRefusedEverywhere("[after demotion]", watcher);
  });

  it("disconnects a removed member and refuses them afterwards", async () => {
    const open = rawSocket(server, documentId, { token: coordinator.token });
    await waitFor("socket joined", async () => (await health(server)).sockets === 1);
    expect((await api(server, "DELETE", `/api/workspaces/${workspaceId}/members/${coordinator.accountId}`, undefined, chair)).status).toBe(200);
    expect(await open).toEqual({ closed: CloseCode.accessRevoked });
    const watcher = await connect(chair);
    const frames = [forgedFrame(watcher.doc, "[forged removed]", "update")];
    expect(await rawSocket(server, documentId, { token: coordinator.token, frames })).toEqual({ refused: 403 });
    await expectRefusedEverywhere("[forged removed]", watcher);
  });
});

describe("presence is stamped by the server", () => {
  it("shows the account's name and colour whatever the client claims", async () => {
    const watcher = await connect(chair);
    const impostor = await connect(coordinator);
    impostor.provider.awareness.setLocalStateField("user", { name: chair.displayName, color: "#000000", accountId: chair.accountId });
    await waitFor("presence arrived", () => watcher.provider.awareness.getStates().has(impostor.doc.clientID));
    await waitFor("stamped", () => {
      const user = watcher.provider.awareness.getStates().get(impostor.doc.clientID)?.["user"] as { name?: string } | undefined;
      return user?.name === "Maria Coordinator";
    });
    const user = watcher.provider.awareness.getStates().get(impostor.doc.clientID)?.["user"] as { name: string; accountId: string; color: string };
    expect(user).toMatchObject({ name: "Maria Coordinator", accountId: coordinator.accountId });
    expect(user.color).not.toBe("#000000");
  });

  it("drops presence a socket sends for another socket's client id", async () => {
    const watcher = await connect(chair);
    const victim = await connect(observer);
    // A first state at clock 0 is ignored by y-protocols receivers; real editors set fields at once.
    victim.provider.awareness.setLocalStateField("where", { act: 1, clause: "1.1" });
    await waitFor("victim present", () => watcher.provider.awareness.getStates().has(victim.doc.clientID));
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.clientID = victim.doc.clientID;
    fake.setLocalState({ user: { name: "Hijacked" } });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    const update = awarenessProtocol.encodeAwarenessUpdate(fake, [victim.doc.clientID], new Map([[victim.doc.clientID, { clock: 9999, lastUpdated: 0 }]]));
    encoding.writeVarUint8Array(encoder, update);
    await sendAndSettle(coordinator, [encoding.toUint8Array(encoder)]);
    const state = watcher.provider.awareness.getStates().get(victim.doc.clientID)?.["user"] as { name: string };
    expect(state.name).toBe("Omar Observer");
  });
});

describe("invitations", () => {
  it("can be used once, and not after they expire", async () => {
    const created = (await (await api(server, "POST", `/api/workspaces/${workspaceId}/invites`, { role: "coordinator" }, chair)).json()) as { token: string };
    const person = { email: "new@example.org", displayName: "New Person", password: "a-long-password" };
    expect((await api(server, "POST", `/api/invites/${created.token}/accept`, person)).status).toBe(200);
    const reused = await api(server, "POST", `/api/invites/${created.token}/accept`, { ...person, email: "other@example.org" });
    expect(reused.status).toBe(410);
    expect(((await reused.json()) as { error: { id: string } }).error.id).toBe("invite_used");
    expect((await api(server, "GET", `/api/invites/${created.token}`)).status).toBe(410);

    const expiredToken = "expired-invitation-token-0000000000";
    await server.storage.workspaces.createInvite({
      id: "expired-invite-1",
      workspaceId,
      role: "chair",
      groupIds: [],
      createdBy: chair.accountId,
      createdAt: new Date(Date.now() - 9 * 86400_000).toISOString(),
      expiresAt: new Date(Date.now() - 86400_000).toISOString(),
      tokenHash: hashSecret(expiredToken),
    });
    const expired = await api(server, "POST", `/api/invites/${expiredToken}/accept`, { ...person, email: "late@example.org" });
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: { id: string } }).error.id).toBe("invite_expired");
    expect((await api(server, "POST", "/api/auth/login", { email: "late@example.org", password: person.password })).status).toBe(401);
  });
});
