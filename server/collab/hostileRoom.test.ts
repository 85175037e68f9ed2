import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Y from "yjs";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { RunningServer } from "../app.js";
import { CloseCode, CONTENT_FIELD, MessageType } from "../../shared/protocol.js";
import { limits } from "../../shared/limits.js";
import { presenceLimits, presenceStateSchema } from "../../shared/presence.js";
import {
  addMember,
  api,
  collabUrl,
  connectClient,
  createTestDocument,
  health,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  titleText,
  waitFor,
  type TestClient,
  type TestUser,
} from "../testing/testServer.js";
import { storedContent } from "../testing/statementText.js";

// What one member can send to hurt the others in a statement: presence outside its
// schema, updates that never apply, content the schema does not know. Each time the
// offender alone is refused and everyone else keeps working.

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let coordinator: TestUser;
let observer: TestUser;
let workspaceId: string;
let documentId: string;
let watcher: TestClient;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server));
  coordinator = await addMember(server, chair, workspaceId, "coordinator", "Kofi Coordinator");
  observer = await addMember(server, chair, workspaceId, "observer", "Lena Observer");
});
beforeEach(async () => {
  watcher?.destroy();
  await waitFor("no socket left", async () => (await health(server)).sockets === 0);
  documentId = (await createTestDocument(server, chair)).id;
  watcher = await connectClient(server, documentId, chair);
  watcher.provider.awareness.setLocalStateField("where", { act: 1, clause: "1.1" });
});
afterAll(async () => {
  watcher.destroy();
  await server.close();
  removeDataDir(dataDir);
});

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** An awareness frame carrying raw JSON states, exactly as a hostile client may write them. */
function presenceFrame(states: { clientId: number; clock: number; json: string }[]): Uint8Array {
  const update = frame((e) => {
    encoding.writeVarUint(e, states.length);
    for (const s of states) {
      encoding.writeVarUint(e, s.clientId);
      encoding.writeVarUint(e, s.clock);
      encoding.writeVarString(e, s.json);
    }
  });
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeUpdate(e, update);
  });
}

/** A raw socket of `user` in the statement: send frames, learn how it ended. */
interface Hostile {
  socket: WebSocket;
  closed: Promise<number>;
  send(bytes: Uint8Array): void;
}

async function hostile(user: TestUser): Promise<Hostile> {
  const socket = new WebSocket(`${collabUrl(server)}/${documentId}?token=${user.token}`);
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    socket.on("open", resolve);
    socket.on("error", reject);
  });
  return { socket, closed, send: (bytes) => socket.send(bytes) };
}

/** Every presence state the watcher holds from others follows the schema (what a client renders). */
function othersPresenceIsValid(): boolean {
  for (const [clientId, state] of watcher.provider.awareness.getStates()) {
    if (clientId === watcher.doc.clientID) continue;
    if (!presenceStateSchema.safeParse(state).success) return false;
  }
  return true;
}

/** The room still works for everyone else: a coordinator's edit reaches the watcher and storage. */
async function roomStillWorks(marker: string): Promise<void> {
  const writer = await connectClient(server, documentId, coordinator);
  titleText(writer.content).insert(0, marker);
  await waitFor("watcher receives the edit", () => watcher.content.toString().includes(marker));
  await waitFor("edit stored", () => storedContent(dataDir, documentId).includes(marker));
  writer.destroy();
}

describe("presence has a schema, enforced on every awareness frame", () => {
  it("closes an observer's socket that sends a state built to crash editors (4423), relays nothing of it", async () => {
    const attacker = await hostile(observer);
    attacker.send(presenceFrame([{ clientId: 777_001, clock: 1, json: JSON.stringify({ where: { act: 1, clause: { toString: 0 } } }) }]));
    expect(await attacker.closed).toBe(CloseCode.presenceRefused);
    expect(watcher.provider.awareness.getStates().has(777_001)).toBe(false);
    expect(othersPresenceIsValid()).toBe(true);
    await roomStillWorks("after the crash state ");
  });

  it("refuses oversized states (4423) and never relays them: readers are not cut off as slow consumers", async () => {
    const readers = await Promise.all([connectClient(server, documentId, chair), connectClient(server, documentId, coordinator)]);
    const cut: number[] = [];
    for (const reader of readers) reader.provider.on("connection-close", (event) => event && cut.push(event.code));
    let largest = 0;
    watcher.provider.awareness.on("update", () => {
      for (const state of watcher.provider.awareness.getStates().values()) largest = Math.max(largest, JSON.stringify(state).length);
    });
    const rssBefore = process.memoryUsage().rss;
    const big = JSON.stringify({ where: null, cursor: null, user: "x".repeat(3 * 1024 * 1024) });
    const started = Date.now();
    for (let i = 0; i < 20 && Date.now() - started < 5_000; i++) {
      const attacker = await hostile(observer);
      attacker.send(presenceFrame([{ clientId: 778_000 + i, clock: 1, json: big }]));
      expect(await attacker.closed).toBe(CloseCode.presenceRefused);
    }
    await roomStillWorks("after oversized presence ");
    expect(cut).toEqual([]);
    expect(largest).toBeLessThan(presenceLimits.maxStateBytes);
    const grownMiB = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    console.info(`oversized presence: 20 states of 3 MiB refused; server process grew ${grownMiB.toFixed(1)} MiB`);
    for (const reader of readers) reader.destroy();
  }, 60_000);

  it("refuses a socket speaking for more clients than allowed, and one sending presence too fast (4423)", async () => {
    const many = await hostile(observer);
    const valid = JSON.stringify({ where: { act: 1, clause: "1.1" } });
    many.send(presenceFrame(Array.from({ length: presenceLimits.maxClientsPerSocket + 1 }, (_, i) => ({ clientId: 779_000 + i, clock: 1, json: valid }))));
    expect(await many.closed).toBe(CloseCode.presenceRefused);
    const spread = await hostile(observer);
    for (let i = 0; i <= presenceLimits.maxClientsPerSocket; i++) spread.send(presenceFrame([{ clientId: 779_100 + i, clock: 1, json: valid }]));
    expect(await spread.closed).toBe(CloseCode.presenceRefused);
    const fast = await hostile(observer);
    for (let i = 1; i <= presenceLimits.frameBurst + 200; i++) fast.send(presenceFrame([{ clientId: 779_200, clock: i, json: valid }]));
    expect(await fast.closed).toBe(CloseCode.presenceRefused);
    await waitFor("their presence is gone", () => [...watcher.provider.awareness.getStates().keys()].every((id) => id < 779_000 || id > 779_300));
    await roomStillWorks("after presence floods ");
  });

  it("keeps checking a client that removed its presence and came back (4423)", async () => {
    const attacker = await hostile(observer);
    const clientId = 782_001;
    const shows = (clause: string) => () => (watcher.provider.awareness.getStates().get(clientId) as { where?: { clause?: string } } | undefined)?.where?.clause === clause;
    attacker.send(presenceFrame([{ clientId, clock: 1, json: JSON.stringify({ where: { act: 1, clause: "1.1" } }) }]));
    await waitFor("present", shows("1.1"));
    attacker.send(presenceFrame([{ clientId, clock: 2, json: "null" }]));
    await waitFor("gone", () => !watcher.provider.awareness.getStates().has(clientId));
    attacker.send(presenceFrame([{ clientId, clock: 3, json: JSON.stringify({ where: { act: 1, clause: "1.3" } }) }]));
    await waitFor("back", shows("1.3"));
    attacker.send(presenceFrame([{ clientId, clock: 4, json: JSON.stringify({ where: { act: 1, clause: { toString: 0 } } }) }]));
    expect(await attacker.closed).toBe(CloseCode.presenceRefused);
    expect(othersPresenceIsValid()).toBe(true);
  });

  it("relays a real editor's caret (relative positions with absent parts as null) and refuses positions Yjs cannot resolve safely", async () => {
    const title = titleText(watcher.content);
    const anchor = Y.createRelativePositionFromTypeIndex(title, 2);
    const real = JSON.stringify({ where: { act: 1, clause: "1.1" }, cursor: { anchor, head: anchor } });
    expect(real).toContain('"tname":null');
    const editor = await hostile(coordinator);
    editor.send(presenceFrame([{ clientId: 781_001, clock: 1, json: real }]));
    await waitFor("caret relayed", () => watcher.provider.awareness.getStates().has(781_001));
    editor.socket.terminate();
    for (const position of [{}, { tname: "settings" }, { type: null, tname: null, item: null, assoc: 0 }]) {
      const attacker = await hostile(observer);
      attacker.send(presenceFrame([{ clientId: 781_002, clock: 1, json: JSON.stringify({ cursor: { anchor: position, head: position } }) }]));
      expect(await attacker.closed).toBe(CloseCode.presenceRefused);
    }
  });

  it("property: a random state is either relayed stamped and valid, or refused with 4423; never anything else", async () => {
    const field = fc.oneof(
      fc.constant({ act: 2, clause: "2.1" }),
      fc.record({ act: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), clause: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(null), fc.object()) }),
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant({ toString: 0 }),
    );
    const relPos = fc.oneof(fc.record({ type: fc.record({ client: fc.nat(), clock: fc.nat() }), assoc: fc.constantFrom(0, -1) }), fc.jsonValue({ maxDepth: 2 }));
    const state = fc.oneof(
      fc.record({ where: field }, { requiredKeys: [] }),
      fc.record({ where: fc.constant({ act: 3, clause: "3.2" }), cursor: fc.oneof(fc.constant(null), fc.record({ anchor: relPos, head: relPos })) }, { requiredKeys: ["where"] }),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      fc.string({ maxLength: 6000 }).map((text) => ({ where: { act: 1, clause: "1.1" }, user: text })),
      fc.jsonValue({ maxDepth: 2 }),
    );
    let relayed = 0;
    let refused = 0;
    let skipped = 0;
    await fc.assert(
      fc.asyncProperty(state, async (value) => {
        const clientId = 780_000 + relayed + refused + skipped;
        const attacker = await hostile(observer);
        attacker.send(presenceFrame([{ clientId, clock: 1, json: JSON.stringify(value) ?? "null" }]));
        const outcome = await Promise.race([
          attacker.closed,
          waitFor("relayed", () => watcher.provider.awareness.getStates().has(clientId), 2_000).then(() => "relayed" as const, () => "nothing" as const),
        ]);
        if (outcome === "relayed") relayed += 1;
        else if (typeof outcome === "number") {
          expect(outcome).toBe(CloseCode.presenceRefused);
          refused += 1;
        } else {
          // Only a removal (null) of a client that never announced itself is dropped unread.
          expect(value, "a state is either refused or relayed").toBeNull();
          skipped += 1;
        }
        expect(othersPresenceIsValid()).toBe(true);
        attacker.socket.terminate();
      }),
      { numRuns: 120 },
    );
    console.info(`presence property: ${relayed} relayed as valid states, ${refused} refused with 4423`);
    expect(relayed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    await roomStillWorks("after random presence ");
  }, 120_000);
});

describe("updates waiting for changes never sent are bounded", () => {
  it("closes a coordinator flooding updates that depend on a missing one (4424); memory and storage stay bounded", async () => {
    const storedBefore = await server.storage.documents.storedBytes(documentId);
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(watcher.doc));
    let vector = Y.encodeStateVector(forger);
    const paragraph = new Y.XmlElement("paragraph");
    forger.getXmlFragment(CONTENT_FIELD).insert(0, [paragraph]);
    // The update the others build on; never sent.
    vector = Y.encodeStateVector(forger);
    const attacker = await hostile(coordinator);
    let sentBytes = 0;
    for (let i = 0; i < 200; i++) {
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      text.insert(0, "m".repeat(1024 * 1024));
      const update = Y.encodeStateAsUpdate(forger, vector);
      vector = Y.encodeStateVector(forger);
      if (attacker.socket.readyState !== WebSocket.OPEN) break;
      attacker.send(updateFrame(update));
      sentBytes += update.byteLength;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await attacker.closed).toBe(CloseCode.missingDependencies);
    const state = await health(server);
    expect(state.pendingBytes).toBeLessThanOrEqual(limits.maxPendingBytesPerRoom);
    expect(await server.storage.documents.storedBytes(documentId)).toBe(storedBefore);
    console.info(`pending flood: ${(sentBytes / 1024 / 1024).toFixed(0)} MiB sent before the close, ${state.pendingBytes} bytes held once it was closed`);
    await waitFor("what it left waiting is dropped with it", async () => (await health(server)).pendingBytes === 0);
    const joiner = await connectClient(server, documentId, chair);
    expect(joiner.doc.store.pendingStructs).toBeNull();
    joiner.destroy();
    await roomStillWorks("after a pending flood ");
  }, 60_000);

  it("closes a socket sending deletions of changes never sent past the bound (4424): they would be retried on every update", async () => {
    // Deletions of a client the server has never heard of, in 60,000 separate ranges.
    const forger = new Y.Doc();
    const target = new Y.XmlText();
    forger.getXmlFragment(CONTENT_FIELD).insert(0, [target]);
    for (let i = 0; i < 120_000; i++) forger.transact(() => target.insert(0, "d"));
    const inserted = Y.encodeStateVector(forger);
    forger.transact(() => {
      for (let i = 0; i < 120_000; i += 2) target.delete(i / 2, 1);
    });
    const deletions = Y.encodeStateAsUpdate(forger, inserted);
    expect(deletions.byteLength).toBeGreaterThan(limits.maxPendingDeleteBytesPerRoom);
    const attacker = await hostile(coordinator);
    attacker.send(updateFrame(deletions));
    expect(await attacker.closed).toBe(CloseCode.missingDependencies);
    await waitFor("nothing left waiting", async () => (await health(server)).pendingBytes === 0);
    await roomStillWorks("after pending deletions ");
  }, 60_000);
});

describe("the statement schema is enforced on writes", () => {
  /** An update on the watcher's current state made by `change`. */
  function forged(change: (content: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc));
    const before = Y.encodeStateVector(doc);
    change(doc.getXmlFragment(CONTENT_FIELD), doc);
    return Y.encodeStateAsUpdate(doc, before);
  }

  const outsideTheSchema: [string, (content: Y.XmlFragment, doc: Y.Doc) => void][] = [
    ["an unknown element", (content) => content.insert(1, [new Y.XmlElement("marquee")])],
    ["an unknown element deep inside an Act", (content) => (content.get(1) as Y.XmlElement).insert(0, [new Y.XmlElement("script")])],
    ["an unknown mark", (content) => titleText(content).format(0, 2, { blink: {} })],
    ["a link to javascript:", (content) => titleText(content).format(0, 2, { link: { href: "javascript:alert(1)" } })],
    ["an unknown attribute", (content) => (content.get(1) as Y.XmlElement).setAttribute("onclick", "x")],
    ["an attribute that is not plain", (content) => (content.get(1) as Y.XmlElement).setAttribute("id", { toString: 0 } as unknown as string)],
    ["text directly in the statement, outside any block", (content) => content.insert(0, [new Y.XmlText("loose text")])],
    ["a second root", (_content, doc) => doc.getMap("settings").set("admin", true)],
    ["a map inside the statement", (content) => content.insert(0, [new Y.XmlHook("widget") as unknown as Y.XmlElement])],
  ];

  it("accepts what an editor writes: a new Act with its title and a clause, attributes, formats and links", async () => {
    const writer = await connectClient(server, documentId, coordinator);
    const closes: number[] = [];
    writer.provider.on("connection-close", (event) => event && closes.push(event.code));
    const refusedBefore = (await health(server)).refusedUpdates;
    const act = new Y.XmlElement("act");
    act.setAttribute("id", "act-new");
    const title = new Y.XmlElement("actTitle");
    title.insert(0, [new Y.XmlText("A new Act")]);
    const clause = new Y.XmlElement("clause");
    clause.setAttribute("id", "clause-new");
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText("Firewalls between services and enforcement.");
    paragraph.insert(0, [text]);
    clause.insert(0, [paragraph]);
    act.insert(0, [title, clause]);
    writer.content.insert(1, [act]);
    text.format(0, 9, { bold: {} });
    text.format(10, 7, { link: { href: "https://example.org/firewalls", target: "_blank", rel: "noopener noreferrer nofollow", class: null } });
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("level", 2 as unknown as string);
    heading.insert(0, [new Y.XmlText("Annex")]);
    writer.content.insert(writer.content.length, [heading]);
    await waitFor("the watcher has it all", () => watcher.content.toString() === writer.content.toString());
    expect(closes).toEqual([]);
    expect((await health(server)).refusedUpdates).toBe(refusedBefore);
    expect(storedContent(dataDir, documentId)).toBe(writer.content.toString());
    writer.destroy();
  });

  for (const [what, change] of outsideTheSchema) {
    it(`refuses ${what}: dropped, counted, audited, the sender told to start again (4425), the room unchanged and still serving`, async () => {
      const writer = await connectClient(server, documentId, coordinator);
      const before = watcher.content.toString();
      const refusedBefore = (await health(server)).refusedUpdates;
      const attacker = await hostile(coordinator);
      attacker.send(updateFrame(forged(change)));
      expect(await attacker.closed).toBe(CloseCode.contentRefused);
      await waitFor("refusal counted", async () => (await health(server)).refusedUpdates === refusedBefore + 1);
      titleText(writer.content).insert(0, "valid ");
      await waitFor("valid edit arrives", () => watcher.content.toString().includes("valid "));
      expect(watcher.content.toString()).toBe(writer.content.toString());
      expect(watcher.content.toString().replace("valid ", "")).toBe(before);
      expect(storedContent(dataDir, documentId)).toBe(watcher.content.toString());
      await waitFor("refusal audited", async () => {
        const audit = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit`, undefined, chair)).json()) as { entries: { action: string; subject: string; detail: { reason?: string } }[] };
        return audit.entries.filter((e) => e.action === "update_refused" && e.subject === documentId && e.detail.reason === "schema").length > 0;
      });
      attacker.socket.terminate();
      writer.destroy();
    });
  }
});

describe("the schema check sees what the update builds on, however it arrives", () => {
  /** A paragraph added at the top, and an update putting a plain value directly inside it (no editor can render that). */
  function paragraphThenValue(): { paragraph: Uint8Array; inside: Uint8Array } {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc));
    const start = Y.encodeStateVector(doc);
    const paragraph = new Y.XmlElement("paragraph");
    doc.getXmlFragment(CONTENT_FIELD).insert(1, [paragraph]);
    const middle = Y.encodeStateVector(doc);
    paragraph.insert(0, ["not a node" as unknown as Y.XmlText]);
    return { paragraph: Y.encodeStateAsUpdate(doc, start), inside: Y.encodeStateAsUpdate(doc, middle) };
  }

  it("refuses content sent right behind the update that creates its parent (4425)", async () => {
    const { paragraph, inside } = paragraphThenValue();
    const attacker = await hostile(coordinator);
    attacker.send(updateFrame(paragraph));
    attacker.send(updateFrame(inside));
    expect(await attacker.closed).toBe(CloseCode.contentRefused);
    await roomStillWorks("after a parent and its misfit ");
    expect(watcher.content.toString()).not.toContain("not a node");
    expect(storedContent(dataDir, documentId)).not.toContain("not a node");
  });

  it("deletes, before storing or sending, content that waited for its parent and does not fit once it arrives", async () => {
    const { paragraph, inside } = paragraphThenValue();
    const refusedBefore = (await health(server)).refusedUpdates;
    const attacker = await hostile(coordinator);
    attacker.send(updateFrame(inside));
    attacker.send(updateFrame(paragraph));
    await waitFor("the misfit counted", async () => (await health(server)).refusedUpdates === refusedBefore + 1);
    await roomStillWorks("after a misfit that waited ");
    expect(watcher.content.toString()).not.toContain("not a node");
    expect(storedContent(dataDir, documentId)).toBe(watcher.content.toString());
    attacker.socket.terminate();
  });

  it("accepts text typed into a block someone else deleted meanwhile (Yjs drops it; the typist is not cut off)", async () => {
    const writer = await connectClient(server, documentId, coordinator);
    const paragraph = new Y.XmlElement("paragraph");
    writer.content.insert(1, [paragraph]);
    await waitFor("paragraph everywhere", () => watcher.content.length === writer.content.length);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(writer.doc));
    const before = Y.encodeStateVector(offline);
    watcher.content.delete(1, 1);
    await waitFor("deletion stored and seen", () => storedContent(dataDir, documentId) === watcher.content.toString() && writer.content.toString() === watcher.content.toString());
    (offline.getXmlFragment(CONTENT_FIELD).get(1) as Y.XmlElement).insert(0, [new Y.XmlText("typed offline")]);
    const refusedBefore = (await health(server)).refusedUpdates;
    // Sent as an editor that had not heard of the deletion sends it (the parent named, still a block to it).
    const typist = await hostile(coordinator);
    typist.send(updateFrame(Y.encodeStateAsUpdate(offline, before)));
    await roomStillWorks("after typing into a deleted block ");
    expect(typist.socket.readyState).toBe(WebSocket.OPEN);
    typist.socket.terminate();
    expect((await health(server)).refusedUpdates).toBe(refusedBefore);
    expect(watcher.content.toString()).not.toContain("typed offline");
    writer.destroy();
  });

  it("checks an update of 20,000 separate items chained by their neighbours in one pass, the room still serving", async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(watcher.doc));
    const before = Y.encodeStateVector(doc);
    const text = titleText(doc.getXmlFragment(CONTENT_FIELD));
    // Each character typed before the previous one: 20,000 items that Yjs cannot merge, each placed by its right neighbour.
    for (let i = 0; i < 20_000; i++) doc.transact(() => text.insert(0, "c"));
    const writer = await hostile(coordinator);
    writer.send(updateFrame(Y.encodeStateAsUpdate(doc, before)));
    await waitFor("the long update arrives", () => titleText(watcher.content).toString().startsWith("c".repeat(20_000)));
    await roomStillWorks("after a long chain ");
    writer.socket.terminate();
  }, 60_000);
});

describe("reads never change the live statement", () => {
  it("an unknown element already stored (written before this check) survives reads, a freeze and exports; nobody is disconnected", async () => {
    watcher.destroy();
    await waitFor("room unloaded", async () => (await health(server)).rooms === 0);
    const legacy = new Y.Doc();
    for (const row of await server.storage.documents.loadUpdates(documentId)) Y.applyUpdate(legacy, row.data);
    const before = Y.encodeStateVector(legacy);
    legacy.getXmlFragment(CONTENT_FIELD).insert(1, [new Y.XmlElement("marquee")]);
    await server.storage.documents.appendUpdates(documentId, [Y.encodeStateAsUpdate(legacy, before)]);
    watcher = await connectClient(server, documentId, chair);
    const closes: number[] = [];
    watcher.provider.on("connection-close", (event) => event && closes.push(event.code));
    expect(watcher.content.toString()).toContain("<marquee>");
    const opened = await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair);
    expect(opened.status).toBe(201);
    const { id: roundId } = (await opened.json()) as { id: string };
    for (const format of ["md", "html", "docx"]) {
      expect((await api(server, "GET", `/api/documents/${documentId}/versions/live?format=${format}`, undefined, chair)).status).toBe(200);
    }
    expect((await api(server, "GET", `/api/documents/${documentId}/comments`, undefined, chair)).status).toBe(200);
    expect((await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/freeze`, undefined, chair)).status).toBe(201);
    await waitFor("watcher told of the freeze", () => closes.length === 1);
    expect(closes).toEqual([CloseCode.accessChanged]);
    await waitFor("watcher reconnected read-only after the freeze", () => watcher.provider.wsconnected && watcher.provider.synced);
    for (let i = 0; i < 3; i++) {
      for (const format of ["md", "html", "docx"]) {
        expect((await api(server, "GET", `/api/documents/${documentId}/versions/live?format=${format}`, undefined, chair)).status).toBe(200);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closes).toEqual([CloseCode.accessChanged]);
    expect(watcher.content.toString()).toContain("<marquee>");
    expect(server.registry.loaded(documentId)?.doc.getXmlFragment(CONTENT_FIELD).toString()).toContain("<marquee>");
  });
});
