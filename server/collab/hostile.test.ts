import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Y from "yjs";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { RunningServer } from "../app.js";
import { CloseCode, CONTENT_FIELD, MessageType } from "../../shared/protocol.js";
import { limits } from "../../shared/limits.js";
import {
  api,
  collabUrl,
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

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let documentId: string;
let watcher: TestClient;
const figures = { frames: 0, closed: 0, applied: 0, outsideSchema: 0 };

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair } = await setUpWorkspace(server));
});
// Each test on a statement of its own: a corrupted update that was still valid may have
// removed the title an earlier test wrote into.
beforeEach(async () => {
  watcher?.destroy();
  await waitFor("no socket left", async () => (await health(server)).sockets === 0);
  documentId = (await createTestDocument(server, chair)).id;
  watcher = await connectClient(server, documentId, chair);
});
afterAll(async () => {
  watcher.destroy();
  await server.close();
  removeDataDir(dataDir);
  console.info(`hostile frames: ${figures.frames} sent, ${figures.closed} sockets closed with a documented code, ${figures.applied} valid updates applied, ${figures.outsideSchema} valid but outside the schema refused whole, 0 crashes`);
});

const documented = new Set<number>(Object.values(CloseCode));

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Open a socket, send one frame, then ask for awareness: the answer proves the frame was handled. */
function sendOne(bytes: Uint8Array): Promise<{ closed: number | null }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${collabUrl(server)}/${documentId}?token=${chair.token}`);
    let done = false;
    const finish = (closed: number | null) => {
      if (done) return;
      done = true;
      resolve({ closed });
      socket.terminate();
    };
    socket.on("open", () => {
      socket.send(bytes);
      socket.send(frame((e) => encoding.writeVarUint(e, MessageType.queryAwareness)));
    });
    socket.on("message", (data: Buffer) => {
      if (data[0] === MessageType.awareness) setTimeout(() => finish(null), 5);
    });
    socket.on("close", (code) => finish(code));
    socket.on("error", (error) => (done ? undefined : reject(error)));
  });
}

/**
 * A valid update on the current state, to corrupt: a small title edit, or a new
 * paragraph once an earlier corrupted-but-valid update removed the title.
 */
function validUpdate(): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc));
  const before = Y.encodeStateVector(doc);
  const content = doc.getXmlFragment(CONTENT_FIELD);
  const heading = content.get(0);
  if (heading instanceof Y.XmlElement && heading.get(0) instanceof Y.XmlText) titleText(content).insert(0, "x");
  else {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("x")]);
    content.insert(0, [paragraph]);
  }
  return Y.encodeStateAsUpdate(doc, before);
}

describe("hostile frames on /collab (property test)", () => {
  it("closes the offending socket with a documented code, applies nothing invalid, and keeps serving", async () => {
    const corrupt = fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.array(fc.nat({ max: 255 }), { minLength: 6, maxLength: 6 }), fc.nat());
    const hostile = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 80 }).map((bytes) => ({ kind: "random", bytes })),
      fc.integer({ min: 1, max: 12 }).map((n) => ({ kind: "varint", bytes: new Uint8Array([MessageType.sync, ...Array(n).fill(0xff)]) })),
      fc.integer({ min: 4, max: 100_000 }).chain((type) => fc.uint8Array({ maxLength: 40 }).map((rest) => ({ kind: "type", bytes: new Uint8Array([...frame((e) => encoding.writeVarUint(e, type)), ...rest]) }))),
      fc.uint8Array({ maxLength: 60 }).map((payload) => ({ kind: "awareness", bytes: frame((e) => { encoding.writeVarUint(e, MessageType.awareness); encoding.writeVarUint8Array(e, payload); }) })),
      corrupt.map(([positions, values, cut]) => ({ kind: "update", positions, values, cut, bytes: new Uint8Array() })),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (input) => {
        let bytes = input.bytes;
        let update: Uint8Array | null = null;
        if (input.kind === "update" && "positions" in input) {
          update = validUpdate();
          input.positions.forEach((p, i) => (update![p % update!.length] = input.values[i]!));
          if (input.cut % 3 === 0) update = update.slice(0, input.cut % update.length);
          const payload = update;
          bytes = frame((e) => { encoding.writeVarUint(e, MessageType.sync); syncProtocol.writeUpdate(e, payload); });
        }
        // What the document should become: unchanged, or with the update if it is a valid one.
        const before = watcher.content.toString();
        const expected = new Y.Doc();
        Y.applyUpdate(expected, Y.encodeStateAsUpdate(watcher.doc));
        let valid = false;
        if (update) {
          try {
            Y.decodeUpdate(update);
            Y.applyUpdate(expected, update);
            valid = true;
          } catch {
            valid = false;
          }
        }
        figures.frames += 1;
        const result = await sendOne(bytes);
        if (result.closed !== null) {
          figures.closed += 1;
          expect(documented.has(result.closed), `close code ${result.closed}`).toBe(true);
        }
        // A valid update that puts into the statement what its schema does not know is refused whole.
        if (result.closed === CloseCode.contentRefused) {
          valid = false;
          figures.outsideSchema += 1;
        }
        if (valid) figures.applied += 1;
        const want = valid ? expected.getXmlFragment(CONTENT_FIELD).toString() : before;
        await waitFor("watcher sees the expected document", () => watcher.content.toString() === want, 5_000);
        expect((await health(server)).status).toBe("ok");
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it("refuses an oversize frame (1009) and a flood (4429), and the room keeps working", async () => {
    const oversize = frame((e) => { encoding.writeVarUint(e, MessageType.sync); syncProtocol.writeUpdate(e, new Uint8Array(limits.maxFrameBytes + 10)); });
    expect(await rawSocket(server, documentId, { token: chair.token, frames: [oversize] })).toEqual({ closed: CloseCode.frameTooLarge });
    // Permission frames are ignored by the server: only the message rate can refuse them.
    const ignored = frame((e) => encoding.writeVarUint(e, MessageType.auth));
    const flood = Array.from({ length: limits.messageBurst + 500 }, () => ignored);
    expect(await rawSocket(server, documentId, { token: chair.token, frames: flood })).toEqual({ closed: CloseCode.tooManyMessages });
    const writer = await connectClient(server, documentId, chair);
    titleText(writer.content).insert(0, "still working ");
    await waitFor("watcher still receives", () => watcher.content.toString() === writer.content.toString());
    writer.destroy();
  });

  it("caps sockets per account (429 at the upgrade)", async () => {
    const sockets = await Promise.all(
      Array.from({ length: limits.socketsPerAccount - 1 }, () => new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`${collabUrl(server)}/${documentId}?token=${chair.token}`);
        socket.on("open", () => resolve(socket));
        socket.on("error", reject);
      })),
    );
    expect(await rawSocket(server, documentId, { token: chair.token })).toEqual({ refused: 429 });
    for (const socket of sockets) socket.close();
    await waitFor("sockets closed", async () => (await health(server)).sockets === 1);
  });

  it("disconnects a socket that stops reading before its backlog grows past the limit", async () => {
    const slow = new WebSocket(`${collabUrl(server)}/${documentId}?token=${chair.token}`);
    await new Promise((resolve) => slow.on("open", resolve));
    await waitFor("joined", async () => (await health(server)).sockets === 2);
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = await connectClient(server, documentId, chair);
    for (let i = 0; i < 8; i++) {
      titleText(writer.content).insert(0, "y".repeat(1024 * 1024));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor("slow socket dropped", async () => (await health(server)).sockets === 2, 20_000);
    writer.destroy();
    slow.terminate();
  }, 40_000);

  it("refuses updates that would make a document larger than the limit (4413)", async () => {
    const big = await createTestDocument(server, chair, { title: "Big", template: "blank" });
    const writer = await connectClient(server, big.id, chair);
    const chunk = "z".repeat(3 * 1024 * 1024);
    const closes: number[] = [];
    writer.provider.on("connection-close", (event) => event && closes.push(event.code));
    for (let i = 0; i * chunk.length < limits.maxDocumentBytes + chunk.length && closes.length === 0; i++) {
      titleText(writer.content).insert(0, chunk);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await waitFor("refused as too large", () => closes.includes(CloseCode.documentTooLarge), 20_000);
    const stored = await server.storage.documents.storedBytes(big.id);
    expect(stored).toBeLessThanOrEqual(limits.maxDocumentBytes);
    writer.destroy();
    void api;
  }, 60_000);
});
