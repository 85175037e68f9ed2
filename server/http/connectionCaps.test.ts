import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import type { RunningServer } from "../app.js";
import { limits } from "../../shared/limits.js";
import { addMember, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";
import { closeSocket, openEventStream, openSocket, type OpenedStream } from "../testing/rawHttp.js";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let workspaceId: string;
let documentId: string;
const streams: OpenedStream[] = [];
const sockets: WebSocket[] = [];

beforeEach(async () => {
  dataDir = tempDataDir();
  // Behind a (simulated) balancer on loopback: X-Forwarded-For names the client.
  server = await startTestServer(dataDir, undefined, 0, { TRUST_PROXY: "loopback" });
  ({ chair, workspaceId } = await setUpWorkspace(server));
  documentId = (await createTestDocument(server, chair)).id;
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  for (const socket of sockets.splice(0)) socket.terminate();
  await server.close();
  removeDataDir(dataDir);
});

async function stream(user: TestUser, address: string): Promise<OpenedStream> {
  const opened = await openEventStream(server, documentId, { cookie: user.cookie, "x-forwarded-for": address });
  if (opened.status === 200) streams.push(opened);
  return opened;
}

async function socket(user: TestUser, address: string): Promise<number | WebSocket> {
  const opened = await openSocket(server, documentId, { token: user.token, headers: { "x-forwarded-for": address } });
  if (opened.socket) {
    sockets.push(opened.socket);
    return opened.socket;
  }
  return opened.refused;
}

function errorId(body: string): string {
  return (JSON.parse(body) as { error: { id: string } }).error.id;
}

async function members(count: number): Promise<TestUser[]> {
  const made: TestUser[] = [];
  for (let i = 0; i < count; i++) made.push(await addMember(server, chair, workspaceId, "reviewer"));
  return made;
}

describe("comment event streams are capped per account and per address", () => {
  it("refuses the stream past the account's cap with 429, and accepts again once one closes", async () => {
    const opened: OpenedStream[] = [];
    for (let i = 0; i < limits.eventStreamsPerAccount; i++) {
      // From many addresses: the account's cap holds wherever the streams come from.
      const one = await stream(chair, `198.51.100.${i + 1}`);
      expect(one.status).toBe(200);
      opened.push(one);
    }
    const refused = await stream(chair, "198.51.100.250");
    expect(refused.status).toBe(429);
    expect(errorId(refused.body)).toBe("too_many_streams");
    opened[0]!.close();
    await waitFor("a stream slot is free again", async () => (await stream(chair, "198.51.100.250")).status === 200, 5_000);
  });

  it("refuses the stream past the address's cap, from any account, and not from another address", async () => {
    const perAccount = limits.eventStreamsPerAccount;
    const people = await members(Math.ceil(limits.eventStreamsPerAddress / perAccount));
    const opened: OpenedStream[] = [];
    for (let i = 0; i < limits.eventStreamsPerAddress; i++) {
      const one = await stream(people[Math.floor(i / perAccount)]!, "203.0.113.7");
      expect(one.status).toBe(200);
      opened.push(one);
    }
    const refused = await stream(chair, "203.0.113.7");
    expect(refused.status).toBe(429);
    expect(errorId(refused.body)).toBe("too_many_streams");
    expect((await stream(chair, "203.0.113.8")).status).toBe(200);
    opened[0]!.close();
    await waitFor("an address slot is free again", async () => (await stream(chair, "203.0.113.7")).status === 200, 5_000);
  });
});

describe("collaboration sockets are capped per address as well as per account", () => {
  it("refuses the socket past the address's cap with 429, accepts it from another address, and again once one closes", async () => {
    const perAccount = limits.socketsPerAccount;
    const people = await members(Math.ceil(limits.socketsPerAddress / perAccount));
    const opened: WebSocket[] = [];
    for (let i = 0; i < limits.socketsPerAddress; i++) {
      const one = await socket(people[Math.floor(i / perAccount)]!, "203.0.113.9");
      expect(typeof one).toBe("object");
      opened.push(one as WebSocket);
    }
    // The chair has no socket open: only the address is over its cap.
    expect(await socket(chair, "203.0.113.9")).toBe(429);
    expect(typeof (await socket(chair, "203.0.113.10"))).toBe("object");
    await closeSocket(opened[0]!);
    await waitFor("an address slot is free again", async () => typeof (await socket(chair, "203.0.113.9")) === "object", 5_000);
  });

  it("still caps one account across addresses, and frees its slots when sockets close", async () => {
    const opened: WebSocket[] = [];
    for (let i = 0; i < limits.socketsPerAccount; i++) opened.push((await socket(chair, `192.0.2.${i + 1}`)) as WebSocket);
    expect(await socket(chair, "192.0.2.200")).toBe(429);
    await closeSocket(opened[0]!);
    await waitFor("an account slot is free again", async () => typeof (await socket(chair, "192.0.2.200")) === "object", 5_000);
  });
});
