import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { limits } from "../../shared/limits.js";
import { SqliteStorage } from "./sqlite/SqliteStorage.js";
import { compactDocument, mergeIntoState } from "./compactDocument.js";
import {
  connectClient,
  createTestDocument,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  titleText,
  waitFor,
} from "../testing/testServer.js";

let dataDir: string;

beforeEach(() => {
  dataDir = tempDataDir();
});
afterEach(() => removeDataDir(dataDir));

function docFrom(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describe("update log compaction", () => {
  it("folds rows into one without touching rows appended after the ones it read", async () => {
    const storage = await SqliteStorage.open(dataDir);
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => updates.push(update));
    const text = source.getText("t");
    for (let i = 0; i < 30; i++) text.insert(text.length, `${i},`);
    text.delete(0, 10);
    await storage.workspaces.createWithChair({
      workspace: { id: "workspace-1", name: "w" },
      chair: { id: "chair-0001", email: "c@example.org", displayName: "C", passwordHash: "x" },
      groups: [],
    });
    await storage.documents.create({ id: "compaction-1", workspaceId: "workspace-1", title: "t" }, updates[0]!);
    await storage.documents.appendUpdates("compaction-1", updates.slice(1, 20));
    const compacting = compactDocument(storage.documents, "compaction-1");
    // Appended while compaction runs: must survive it.
    await storage.documents.appendUpdates("compaction-1", updates.slice(20));
    expect(await compacting).toBe(19);
    const rows = await storage.documents.loadUpdates("compaction-1");
    expect(rows.length).toBe(1 + updates.slice(20).length);
    expect(docFrom(rows.map((row) => row.data)).getText("t").toString()).toBe(text.toString());
    await storage.close();
  });

  it("folds a long log a step at a time, into one row with the same content", async () => {
    const storage = await SqliteStorage.open(dataDir);
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => updates.push(update));
    const text = source.getText("t");
    for (let i = 0; i < 30; i++) text.insert(0, `${i};`);
    await storage.workspaces.createWithChair({
      workspace: { id: "workspace-2", name: "w" },
      chair: { id: "chair-0002", email: "c2@example.org", displayName: "C", passwordHash: "x" },
      groups: [],
    });
    await storage.documents.create({ id: "compaction-2", workspaceId: "workspace-2", title: "t" }, updates[0]!);
    await storage.documents.appendUpdates("compaction-2", updates.slice(1));
    expect(await compactDocument(storage.documents, "compaction-2", 4)).toBe(29);
    const rows = await storage.documents.loadUpdates("compaction-2");
    expect(rows).toHaveLength(1);
    expect(docFrom(rows.map((row) => row.data)).getText("t").toString()).toBe(text.toString());
    await storage.close();
  });

  it("drops deleted content when merging (the state stays small)", () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (update: Uint8Array) => updates.push(update));
    const text = source.getText("t");
    for (let i = 0; i < 200; i++) text.insert(0, "a long sentence that will be deleted again. ");
    text.delete(0, text.length);
    text.insert(0, "kept");
    const merged = mergeIntoState(updates);
    expect(docFrom([merged]).getText("t").toString()).toBe("kept");
    expect(merged.byteLength).toBeLessThan(Y.mergeUpdates(updates).byteLength / 3);
  });

  it("loads a document with a 50,000-update history from a handful of rows", async () => {
    let server = await startTestServer(dataDir);
    const { chair } = await setUpWorkspace(server);
    const created = await createTestDocument(server, chair);
    await server.close();

    const storage = await SqliteStorage.open(dataDir);
    const doc = docFrom((await storage.documents.loadUpdates(created.id)).map((row) => row.data));
    const history: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => history.push(update));
    const title = titleText(doc.getXmlFragment(CONTENT_FIELD));
    for (let i = 0; i < 50_000; i++) {
      if (i % 10 === 9) title.delete(0, 1);
      else title.insert(0, String.fromCharCode(97 + (i % 26)));
    }
    for (let i = 0; i < history.length; i += 5_000) await storage.documents.appendUpdates(created.id, history.slice(i, i + 5_000));
    const rowsBefore = await storage.documents.countUpdates(created.id);
    expect(rowsBefore).toBe(50_001);
    const expected = doc.getXmlFragment(CONTENT_FIELD).toString();

    // Opening the document loads all rows, then compacts in the background.
    server = await startTestServer(dataDir);
    let started = performance.now();
    const first = await connectClient(server, created.id, chair);
    const firstSyncMs = performance.now() - started;
    expect(first.content.toString()).toBe(expected);
    await waitFor("background compaction", async () => (await storage.documents.countUpdates(created.id)) <= 3, 30_000);
    first.destroy();
    await server.close();

    const rowsAfter = await storage.documents.countUpdates(created.id);
    expect(rowsAfter).toBeLessThanOrEqual(3);
    expect(rowsAfter).toBeLessThan(limits.compactAfterUpdates);
    server = await startTestServer(dataDir);
    started = performance.now();
    const second = await connectClient(server, created.id, chair);
    const secondSyncMs = performance.now() - started;
    expect(second.content.toString()).toBe(expected);
    second.destroy();
    await server.close();
    await storage.close();
    console.info(
      `50,000-update history: ${rowsBefore} rows -> ${rowsAfter} after compaction; ` +
        `first open ${firstSyncMs.toFixed(0)} ms, open after compaction ${secondSyncMs.toFixed(0)} ms`,
    );
  });

  it("compacts a document edited live once its log passes the threshold", async () => {
    const server = await startTestServer(dataDir);
    const { chair } = await setUpWorkspace(server);
    const created = await createTestDocument(server, chair);
    const writer = await connectClient(server, created.id, chair);
    const storage = await SqliteStorage.open(dataDir);
    for (let i = 0; i < limits.compactAfterUpdates + 50; i++) {
      titleText(writer.content).insert(0, "x");
      // One edit per server tick, so each becomes its own row.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await waitFor("compacted", async () => (await storage.documents.countUpdates(created.id)) < limits.compactAfterUpdates / 2);
    const expected = writer.content.toString();
    writer.destroy();
    await server.close();
    const rows = await storage.documents.loadUpdates(created.id);
    expect(docFrom(rows.map((row) => row.data)).getXmlFragment(CONTENT_FIELD).toString()).toBe(expected);
    await storage.close();
  });
});
