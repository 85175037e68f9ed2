/**
 * Three server processes on one PostgreSQL and one Redis, behind a round-robin
 * balancer: live editing across instances, presence everywhere, an instance killed and
 * restarted mid-edit, and a freeze issued on one instance that reaches all of them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import pg from "pg";
import { Redis } from "ioredis";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { CONTENT_FIELD, CloseCode, COLLAB_PATH, MessageType } from "../../shared/protocol.js";
import { versionDetailSchema, versionSummarySchema, roundSchema } from "../../shared/api.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { NodeName } from "../../shared/schema/names.js";
import { startServerProcess, type ServerProcess } from "../testing/serverProcess.js";
import { freeBalancerPort, startBalancer, type Balancer } from "../testing/balancer.js";
import { addMember, api, createTestDocument, health, rawSocket, removeDataDir, setUpWorkspace, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";
import { clauseText, findClauseText } from "../testing/statementText.js";
import { testDatabaseUrl, testRedisUrl } from "../testing/testDatabase.js";

const INSTANCES = 3;
const schema = statementSchema();

interface Client {
  user: TestUser;
  doc: Y.Doc;
  provider: WebsocketProvider;
  closeCodes: number[];
  typed: string[];
}

describe.skipIf(!testDatabaseUrl || !testRedisUrl)("three instances on PostgreSQL and Redis (set TEST_DATABASE_URL and TEST_REDIS_URL to run)", () => {
  const databaseSchema = `scale_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const env = {
    // The clients reach the instances through the balancer, under its address.
    ALLOWED_HOSTS: "",
    DATABASE_URL: testDatabaseUrl ?? "",
    DATABASE_SCHEMA: databaseSchema,
    REDIS_URL: testRedisUrl ?? "",
    REDIS_PREFIX: `test-${databaseSchema}:`,
    // Only a reconnect makes instances read back from storage here: the periodic
    // catch-up would hide a lost message.
    CATCH_UP_SECONDS: "3600",
    // A statement is unloaded as soon as its last socket leaves (one test reloads it while Redis reconnects).
    ROOM_IDLE_UNLOAD_MS: "0",
  };
  const dataDirs: string[] = [];
  const instances: ServerProcess[] = [];
  let balancer: Balancer;
  let chair: TestUser;
  let workspaceId: string;
  let documentId: string;
  const clients: Client[] = [];

  async function startInstance(index: number, port = 0): Promise<ServerProcess> {
    dataDirs[index] ??= tempDataDir();
    const started = await startServerProcess(dataDirs[index]!, port, env);
    instances[index] = started;
    return started;
  }

  const at = (index: number) => ({ url: instances[index]!.url });

  /** A client through the balancer (or straight to one instance's `port`). */
  function connect(user: TestUser, options: { port?: number; documentId?: string } = {}): Client {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`ws://127.0.0.1:${options.port ?? balancer.port}${COLLAB_PATH}`, options.documentId ?? documentId, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: user.token },
      maxBackoffTime: 300,
    });
    const client: Client = { user, doc, provider, closeCodes: [], typed: [] };
    provider.on("connection-close", (event) => {
      if (event) client.closeCodes.push(event.code);
    });
    provider.awareness.setLocalStateField("cursor", null);
    return client;
  }

  /** Cut every instance's Redis subscription (they reconnect by themselves); what is published meanwhile is lost to them. */
  async function cutSubscriptions(): Promise<number> {
    const redis = new Redis(testRedisUrl!);
    try {
      return Number(await redis.call("CLIENT", "KILL", "TYPE", "pubsub"));
    } finally {
      redis.disconnect();
    }
  }

  /** Every client types a numbered mark into its clause every `everyMs` until the returned stop is awaited. */
  function keepTyping(open: string, close: string, everyMs: number): () => Promise<void> {
    let typing = true;
    const typists = (async () => {
      for (let n = 0; typing; n++) {
        clients.forEach((client, k) => type(client, k, `${open}${k}.${n}${close}`));
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
    return async () => {
      typing = false;
      await typists;
    };
  }

  const converged = (group: Client[]) => group.every((client, k) => group.every((other) => textOf(other, k + 1) === client.typed.join("")));

  const content = (client: Client) => client.doc.getXmlFragment(CONTENT_FIELD);
  const textOf = (client: Client, act: number) => findClauseText(content(client), act)?.toString() ?? "";

  /** Client k types `mark` at the end of the clause of Act k+1 (each client its own clause). */
  function type(client: Client, k: number, mark: string): void {
    const text = clauseText(content(client), k + 1)!;
    text.insert(text.length, mark);
    client.typed.push(mark);
  }

  async function liveClauses(): Promise<string[]> {
    const detail = versionDetailSchema.parse(await (await api(at(0), "GET", `/api/documents/${documentId}/versions/live`, undefined, chair)).json());
    return clausesOf(detail.content);
  }

  function clausesOf(json: Record<string, unknown>): string[] {
    const texts: string[] = [];
    schema.nodeFromJSON(json).descendants((child) => {
      if (child.type.name === NodeName.clause) texts.push(child.textContent);
      return child.type.name !== NodeName.clause;
    });
    return texts;
  }

  beforeAll(async () => {
    // All three start at once: migrations must run once, under their lock.
    const balancerPort = await freeBalancerPort();
    env.ALLOWED_HOSTS = `127.0.0.1:${balancerPort}`;
    await Promise.all(Array.from({ length: INSTANCES }, (_, i) => startInstance(i)));
    balancer = await startBalancer(instances.map((instance) => instance.port), balancerPort);
    ({ chair } = await setUpWorkspace(at(0)));
    workspaceId = ((await (await api(at(1), "GET", "/api/me", undefined, chair)).json()) as { memberships: { workspace: { id: string } }[] }).memberships[0]!.workspace.id;
    documentId = (await createTestDocument(at(2), chair)).id;
    const people = [chair];
    for (let i = 1; i < 6; i++) people.push(await addMember(at(i % INSTANCES), chair, workspaceId, "coordinator", `Coordinator ${i}`));
    for (const person of people) clients.push(connect(person));
    await waitFor("every client synced", () => clients.every((client) => client.provider.synced), 30_000);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) {
      client.provider.destroy();
      client.doc.destroy();
    }
    await balancer?.close();
    for (const instance of instances) instance?.process.kill("SIGKILL");
    for (const dir of dataDirs) removeDataDir(dir);
    const db = new pg.Client({ connectionString: testDatabaseUrl });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${databaseSchema} CASCADE`);
    await db.end();
  });

  it("spreads clients over the instances, shows everyone's presence everywhere and converges", async () => {
    expect(Array.from(balancer.connections.values()).every((count) => count >= 2), `connections per instance: ${[...balancer.connections.values()]}`).toBe(true);
    await waitFor("every client sees all six people", () => clients.every((client) => client.provider.awareness.getStates().size === clients.length));
    for (const client of clients) {
      // The others' presence, as stamped by the instance each of them is connected to.
      const others = Array.from(client.provider.awareness.getStates())
        .filter(([id]) => id !== client.doc.clientID)
        .map(([, state]) => (state as { user?: { name?: string } }).user?.name);
      expect(others.sort()).toEqual(clients.filter((c) => c !== client).map((c) => c.user.displayName).sort());
    }
    for (let round = 0; round < 20; round++) {
      clients.forEach((client, k) => type(client, k, `[${k}.${round}]`));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await waitFor("all clients converged", () => converged(clients));
    const stored = await liveClauses();
    clients.forEach((client, k) => expect(stored[k]).toBe(client.typed.join("")));
  }, 60_000);

  it("loses nothing when an instance is killed mid-edit: its clients reconnect to another", async () => {
    const stopTyping = keepTyping("<", ">", 15);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const victim = instances[1]!;
    victim.process.kill("SIGKILL");
    await victim.exited;
    await new Promise((resolve) => setTimeout(resolve, 800));
    await startInstance(1, victim.port);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await stopTyping();
    expect(clients.filter((client) => client.closeCodes.length > 0).length, "clients of the killed instance were cut off").toBeGreaterThanOrEqual(1);
    await waitFor("all clients converged after the restart", () => converged(clients), 30_000);
    const stored = await liveClauses();
    clients.forEach((client, k) => expect(stored[k], `clause ${k + 1}: every character its writer typed`).toBe(client.typed.join("")));
  }, 90_000);

  it("catches up from storage what Redis lost while instances reconnected", async () => {
    const stopTyping = keepTyping("(", ")", 5);
    let cut = 0;
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      cut += await cutSubscriptions();
    }
    await stopTyping();
    expect(cut, "subscriptions cut").toBeGreaterThanOrEqual(INSTANCES);
    await waitFor("all clients converged after the reconnects", () => converged(clients), 30_000);
    const stored = await liveClauses();
    clients.forEach((client, k) => expect(stored[k]).toBe(client.typed.join("")));
  }, 60_000);

  it("loses nothing when a statement is unloaded and loaded again while Redis reconnects", async () => {
    const other = (await createTestDocument(at(0), chair)).id;
    const writer = connect(chair, { port: instances[0]!.port, documentId: other });
    let reader = connect(clients[1]!.user, { port: instances[1]!.port, documentId: other });
    try {
      await waitFor("both synced", () => writer.provider.synced && reader.provider.synced);
      await cutSubscriptions();
      // The reader leaves: instance 1 unloads the statement while its subscription is down.
      reader.provider.destroy();
      for (let i = 0; i < 30; i++) type(writer, 0, `|${i}|`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      reader = connect(clients[1]!.user, { port: instances[1]!.port, documentId: other });
      for (let i = 30; i < 60; i++) {
        type(writer, 0, `|${i}|`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await waitFor("the reader has every edit", () => reader.provider.synced && textOf(reader, 1) === writer.typed.join(""), 20_000);
    } finally {
      for (const client of [writer, reader]) {
        client.provider.destroy();
        client.doc.destroy();
      }
    }
  }, 60_000);

  it("stores a client's update that waited on one instance for the update it builds on, sent through another", async () => {
    const statement = (await createTestDocument(at(0), chair)).id;
    const reader = connect(chair, { port: instances[2]!.port, documentId: statement });
    await waitFor("synced", () => reader.provider.synced);
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(reader.doc));
    reader.provider.destroy();
    reader.doc.destroy();
    const before = Y.encodeStateVector(local);
    clauseText(local.getXmlFragment(CONTENT_FIELD), 1).insert(0, "first ");
    const first = Y.encodeStateAsUpdate(local, before);
    const middle = Y.encodeStateVector(local);
    clauseText(local.getXmlFragment(CONTENT_FIELD), 1).insert(6, "second ");
    const second = Y.encodeStateAsUpdate(local, middle);
    const frame = (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      return encoding.toUint8Array(encoder);
    };
    // The second edit reaches instance 0 first and waits there for the first, which goes through instance 1.
    const sockets = async () => (await health(at(0))).sockets;
    const open = await sockets();
    void rawSocket(at(0), statement, { token: chair.token, frames: [frame(second)] });
    await waitFor("instance 0 holds the second edit", async () => (await sockets()) > open);
    await new Promise((resolve) => setTimeout(resolve, 200));
    void rawSocket(at(1), statement, { token: chair.token, frames: [frame(first)] });
    const stored = async () => clausesOf(versionDetailSchema.parse(await (await api(at(2), "GET", `/api/documents/${statement}/versions/live`, undefined, chair)).json()).content)[0] ?? "";
    await waitFor("both edits stored", async () => (await stored()).startsWith("first second "), 5_000);
  }, 60_000);

  it("a freeze reaches idle editors on every instance at once, through Redis", async () => {
    const quiet = (await createTestDocument(at(0), chair)).id;
    const round = roundSchema.parse(await (await api(at(0), "POST", `/api/documents/${quiet}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json());
    const idle = instances.map((instance) => connect(chair, { port: instance.port, documentId: quiet }));
    try {
      await waitFor("idle editors synced", () => idle.every((client) => client.provider.synced));
      const response = await api(at(1), "POST", `/api/documents/${quiet}/rounds/${round.id}/freeze`, undefined, chair);
      expect(response.status).toBe(201);
      await waitFor("every idle editor told to reconnect", () => idle.every((client) => client.closeCodes.includes(CloseCode.accessChanged)), 5_000);
      for (let i = 0; i < INSTANCES; i++) {
        const rounds = (await (await api(at(i), "GET", `/api/documents/${quiet}/rounds`, undefined, chair)).json()) as { frozen: boolean };
        expect(rounds.frozen, `instance ${i} knows the round is frozen`).toBe(true);
      }
    } finally {
      for (const client of idle) {
        client.provider.destroy();
        client.doc.destroy();
      }
    }
  }, 60_000);

  it("a freeze issued on one instance turns editors on every instance read-only", async () => {
    const round = roundSchema.parse(await (await api(at(0), "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json());
    for (const client of clients) client.closeCodes.length = 0;
    const stopTyping = keepTyping("{", "}", 5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const acknowledged = clients.map((_, k) => clients.filter((_, j) => j !== k).map((other) => textOf(other, k + 1)));
    const response = await api(at(2), "POST", `/api/documents/${documentId}/rounds/${round.id}/freeze`, undefined, chair);
    expect(response.status).toBe(201);
    const version = versionSummarySchema.parse(await response.json());
    await new Promise((resolve) => setTimeout(resolve, 500)); // they keep typing after the freeze
    await stopTyping();

    await waitFor("every editor reconnected after the freeze", () => clients.every((client) => client.closeCodes.includes(CloseCode.accessChanged)));
    const detail = versionDetailSchema.parse(await (await api(at(1), "GET", `/api/documents/${documentId}/versions/${version.id}`, undefined, chair)).json());
    const frozen = clausesOf(detail.content);
    clients.forEach((client, k) => {
      for (const seen of acknowledged[k]!) expect(frozen[k]!.startsWith(seen), `clause ${k + 1} has what the others had received`).toBe(true);
      expect(client.typed.join("").startsWith(frozen[k]!), `clause ${k + 1} is what its writer typed`).toBe(true);
      expect(client.typed.join("").length).toBeGreaterThan(frozen[k]!.length);
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await liveClauses(), "nothing typed after the freeze was stored, on any instance").toEqual(frozen);
    for (let i = 0; i < INSTANCES; i++) {
      const rounds = (await (await api(at(i), "GET", `/api/documents/${documentId}/rounds`, undefined, chair)).json()) as { frozen: boolean };
      expect(rounds.frozen, `instance ${i} knows the round is frozen`).toBe(true);
    }
  }, 90_000);

  it("role changes and removals reach the member's sockets on every instance", async () => {
    const traveller = await addMember(at(0), chair, workspaceId, "coordinator", "Traveller");
    const sockets = instances.map((instance) => connect(traveller, { port: instance.port }));
    try {
      await waitFor("the member's sockets synced", () => sockets.every((client) => client.provider.synced));
      const demoted = await api(at(2), "PATCH", `/api/workspaces/${workspaceId}/members/${traveller.accountId}`, { role: "observer" }, chair);
      expect(demoted.status).toBe(200);
      await waitFor("every socket reconnects as an observer", () => sockets.every((client) => client.closeCodes.includes(CloseCode.accessChanged)), 5_000);
      await waitFor("resynced", () => sockets.every((client) => client.provider.synced));
      const removed = await api(at(0), "DELETE", `/api/workspaces/${workspaceId}/members/${traveller.accountId}`, undefined, chair);
      expect(removed.status).toBe(200);
      await waitFor("every socket closed as revoked", () => sockets.every((client) => client.closeCodes.includes(CloseCode.accessRevoked)), 5_000);
    } finally {
      for (const client of sockets) {
        client.provider.destroy();
        client.doc.destroy();
      }
    }
  }, 60_000);
});
