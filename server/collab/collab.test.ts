import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import type { RunningServer } from "../app.js";
import { CloseCode, CONTENT_FIELD, MessageType } from "../../shared/protocol.js";
import {
  rawSocket,
  setUpWorkspace,
  type TestUser,
  connectClient,
  createTestDocument,
  health,
  removeDataDir,
  startTestServer,
  storageSetups,
  tempDataDir,
  titleText,
  waitFor,
  type TestClient,
} from "../testing/testServer.js";
import { storedContent } from "../testing/statementText.js";

describe.each(storageSetups)("collaboration on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let clients: TestClient[];
  let chair: TestUser;

  beforeEach(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, setup);
    ({ chair } = await setUpWorkspace(server));
    clients = [];
  });

  afterEach(async () => {
    for (const client of clients) client.destroy();
    await server.close();
    removeDataDir(dataDir);
  });

  async function connect(documentId: string): Promise<TestClient> {
    const client = await connectClient(server, documentId, chair);
    clients.push(client);
    return client;
  }

  function contentOf(client: TestClient): string {
    return client.content.toString();
  }

  const stored = (documentId: string) => storedContent(dataDir, documentId);

  /** A sync step 1 from an empty document: the server answers with its whole state. */
  function syncRequestFrame(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc());
    return encoding.toUint8Array(encoder);
  }

  function updateFrame(update: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, update);
    return encoding.toUint8Array(encoder);
  }

  describe("live co-editing over the y-websocket protocol", () => {
    it("seeds a new statement on the server, once, with the Ten Acts", async () => {
      const created = await createTestDocument(server, chair);
      const [a, b] = await Promise.all([connect(created.id), connect(created.id)]);
      expect(contentOf(a)).toBe(contentOf(b));
      const acts = a.content.toArray().filter((node) => node instanceof Y.XmlElement && node.nodeName === "act");
      expect(acts).toHaveLength(10);
      expect(contentOf(a)).toContain("Drivers of human mobility");
    });

    it("converges when three clients insert at the same spot at once", async () => {
      const created = await createTestDocument(server, chair);
      const trio = await Promise.all([connect(created.id), connect(created.id), connect(created.id)]);
      trio.forEach((client, index) => titleText(client.content).insert(0, `[writer ${index}]`));
      await waitFor("all three converge", () => {
        const texts = trio.map((client) => titleText(client.content).toString());
        return texts.every((text) => text === texts[0]) && [0, 1, 2].every((i) => texts[0]!.includes(`[writer ${i}]`));
      });
      expect(new Set(trio.map(contentOf)).size).toBe(1);
    });

    it("gives a late joiner everything written before it came", async () => {
      const created = await createTestDocument(server, chair);
      const early = await connect(created.id);
      for (let i = 0; i < 50; i++) titleText(early.content).insert(0, `${i};`);
      const expected = contentOf(early);
      await waitFor("edits stored", () => stored(created.id) === expected);
      const late = await connect(created.id);
      expect(contentOf(late)).toBe(expected);
    });

    it("keeps the whole document across a server restart", async () => {
      const created = await createTestDocument(server, chair);
      const writer = await connect(created.id);
      titleText(writer.content).insert(0, "Before the restart: ");
      const expected = contentOf(writer);
      await waitFor("edit stored", () => stored(created.id) === expected);
      writer.destroy();
      clients = [];
      await server.close();
      server = await startTestServer(dataDir, setup);
      const reader = await connect(created.id);
      expect(contentOf(reader)).toBe(expected);
    });

    it("on shutdown stores pending edits, says 'going away', and clients resume on the restarted server", async () => {
      const created = await createTestDocument(server, chair);
      const [a, b] = await Promise.all([connect(created.id), connect(created.id)]);
      const codes: number[] = [];
      a.provider.on("connection-close", (event) => event && codes.push(event.code));
      titleText(a.content).insert(0, "just before shutdown ");
      // The server has applied the edit; its write may still be in flight.
      await waitFor("edit applied on the server", () => {
        const room = server.registry.loaded(created.id);
        return room !== undefined && room.doc.getXmlFragment(CONTENT_FIELD).toString().includes("just before shutdown");
      });
      const port = server.port;
      await server.close();
      expect(stored(created.id)).toContain("just before shutdown");
      await waitFor("both disconnected", () => !a.provider.wsconnected && !b.provider.wsconnected);
      expect(codes).toContain(CloseCode.goingAway);
      // Written while the server is down: kept by the client, sent after reconnecting.
      titleText(b.content).insert(0, "while the server was down ");
      server = await startTestServer(dataDir, setup, port);
      await waitFor("both reconnected and converged", () => {
        const text = titleText(a.content).toString();
        return a.provider.synced && b.provider.synced && text === titleText(b.content).toString() && text.includes("while the server was down");
      });
      expect(stored(created.id)).toContain("while the server was down");
    });

    it("stores every update before any other client receives it", async () => {
      const created = await createTestDocument(server, chair);
      const [writer, reader] = await Promise.all([connect(created.id), connect(created.id)]);
      const seenOnDisk: boolean[] = [];
      reader.doc.on("update", () => {
        // Runs synchronously as the broadcast arrives: the row must already be committed.
        seenOnDisk.push(stored(created.id).includes(titleText(reader.content).toString()));
      });
      for (let i = 0; i < 20; i++) {
        titleText(writer.content).insert(0, `edit ${i} `);
        await waitFor(`edit ${i} received`, () => titleText(reader.content).toString().startsWith(`edit ${i} `));
      }
      expect(seenOnDisk.length).toBeGreaterThanOrEqual(20);
      expect(seenOnDisk.every(Boolean)).toBe(true);
    });

    it("unloads a room when its last client leaves, and reloads it intact", async () => {
      const created = await createTestDocument(server, chair);
      const a = await connect(created.id);
      const b = await connect(created.id);
      titleText(a.content).insert(0, "kept ");
      const expected = contentOf(a);
      await waitFor("b has the edit", () => contentOf(b) === expected);
      expect(await health(server)).toMatchObject({ rooms: 1, sockets: 2 });
      a.destroy();
      b.destroy();
      clients = [];
      await waitFor("room unloaded", async () => (await health(server)).rooms === 0);
      const c = await connect(created.id);
      expect(contentOf(c)).toBe(expected);
    });

    it("bounds what a socket may queue before its room has loaded", async () => {
      const created = await createTestDocument(server, chair);
      const query = new Uint8Array([MessageType.queryAwareness]);
      const outcome = await rawSocket(server, created.id, { token: chair.token, frames: Array.from({ length: 1_500 }, () => query) });
      expect([CloseCode.malformedMessage, CloseCode.tooManyMessages, CloseCode.presenceRefused]).toContain((outcome as { closed: number }).closed);
      const client = await connect(created.id);
      expect(titleText(client.content).toString()).toContain("Now and How");
    });

    it("queues frames that arrive while the room loads (nothing dropped)", async () => {
      const created = await createTestDocument(server, chair);
      const seed = await connect(created.id);
      const base = Y.encodeStateAsUpdate(seed.doc);
      seed.destroy();
      clients = [];
      await waitFor("room unloaded", async () => (await health(server)).rooms === 0);
      // Twenty raw sockets hit the cold room at once, each sending an edit on open.
      const frames = Array.from({ length: 20 }, (_, i) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, base);
        const before = Y.encodeStateVector(doc);
        titleText(doc.getXmlFragment(CONTENT_FIELD)).insert(0, `<raw ${i}>`);
        return updateFrame(Y.encodeStateAsUpdate(doc, before));
      });
      const WebSocket = (await import("ws")).default;
      await Promise.all(
        frames.map(
          (frame) =>
            new Promise<void>((resolve, reject) => {
              const socket = new WebSocket(`${server.url.replace("http", "ws")}/collab/${created.id}?token=${chair.token}`);
              // The edit, then a sync request: the server answers it (sync step 2) only once the
              // batch holding the edit is stored, so the socket closes after its edit was taken
              // (an edit still waiting when its socket closes is dropped: the client sends it again).
              socket.on("open", () => {
                socket.send(frame);
                socket.send(syncRequestFrame());
              });
              socket.on("message", (data: Buffer) => {
                const reading = decoding.createDecoder(new Uint8Array(data));
                if (decoding.readVarUint(reading) === MessageType.sync && decoding.readVarUint(reading) === syncProtocol.messageYjsSyncStep2) socket.close();
              });
              socket.on("close", () => resolve());
              socket.on("error", reject);
            }),
        ),
      );
      const reader = await connect(created.id);
      await waitFor("all twenty edits present", () => frames.every((_, i) => contentOf(reader).includes(`&lt;raw ${i}&gt;`) || contentOf(reader).includes(`<raw ${i}>`)));
    });
  });

  describe("bad input on /collab", () => {
    it("refuses malformed and unknown document ids with a clear close code and keeps serving others", async () => {
      const created = await createTestDocument(server, chair);
      const [a, b] = await Promise.all([connect(created.id), connect(created.id)]);
      expect(await rawSocket(server, "not%20an%20id!", { token: chair.token })).toEqual({ closed: CloseCode.badDocumentId });
      expect(await rawSocket(server, "%E0%A4%A", { token: chair.token })).toEqual({ closed: CloseCode.badDocumentId });
      expect(await rawSocket(server, "", { token: chair.token })).toEqual({ closed: CloseCode.badDocumentId });
      expect(await rawSocket(server, "abcdefghijklmnop", { token: chair.token })).toEqual({ closed: CloseCode.documentNotFound });
      titleText(a.content).insert(0, "still live ");
      await waitFor("b still receives edits", () => contentOf(b) === contentOf(a));
    });

    it("closes a socket that sends garbage with 4422, leaving the document and the others untouched", async () => {
      const created = await createTestDocument(server, chair);
      const [a, b] = await Promise.all([connect(created.id), connect(created.id)]);
      const before = contentOf(a);
      const garbage = [
        new Uint8Array([99, 1, 2, 3]),
        new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]),
        new Uint8Array([0, 9, 0]),
        new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      ];
      for (const frame of garbage) {
        expect(await rawSocket(server, created.id, { token: chair.token, frames: [frame] })).toEqual({ closed: CloseCode.malformedMessage });
      }
      expect(stored(created.id)).toBe(before);
      titleText(a.content).insert(0, "after garbage ");
      await waitFor("b still receives edits", () => contentOf(b) === contentOf(a));
    });
  });
});
