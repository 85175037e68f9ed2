import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { RunningServer } from "../app.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import {
  connectClient,
  createTestDocument,
  health,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  storageSetups,
  tempDataDir,
  titleText,
  waitFor,
  type TestClient,
  type TestUser,
} from "../testing/testServer.js";
import { storedContent, storedDocument, storedRows } from "../testing/statementText.js";

describe.each(storageSetups)("idle statements unloaded on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let clients: TestClient[] = [];

  /** A server keeping rooms without sockets for `idleUnloadMs`. */
  async function start(idleUnloadMs: number): Promise<void> {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, setup, 0, { ROOM_IDLE_UNLOAD_MS: String(idleUnloadMs) });
    ({ chair } = await setUpWorkspace(server));
  }

  afterEach(async () => {
    for (const client of clients) client.destroy();
    clients = [];
    await server.close();
    removeDataDir(dataDir);
  });

  async function connect(documentId: string): Promise<TestClient> {
    const client = await connectClient(server, documentId, chair);
    clients.push(client);
    return client;
  }

  function leave(client: TestClient): void {
    client.destroy();
    clients = clients.filter((other) => other !== client);
  }

  const content = (client: TestClient) => client.content.toString();
  const rowCount = async (documentId: string) => (await server.storage.documents.loadUpdates(documentId)).length;

  it("keeps a statement without sockets for the idle delay: a member coming back finds the same room", async () => {
    await start(60_000);
    const created = await createTestDocument(server, chair);
    const first = await connect(created.id);
    titleText(first.content).insert(0, "kept ");
    const room = server.registry.loaded(created.id);
    expect(room).toBeDefined();
    await waitFor("edit stored", () => storedContent(dataDir, created.id).includes("kept "));
    leave(first);
    await waitFor("socket gone", async () => (await health(server)).sockets === 0);
    expect((await health(server)).rooms).toBe(1);
    const again = await connect(created.id);
    expect(server.registry.loaded(created.id)).toBe(room);
    expect(content(again)).toContain("kept ");
  });

  it("unloads a statement after the idle delay, its log folded into one row holding everything", async () => {
    await start(200);
    const created = await createTestDocument(server, chair);
    const writer = await connect(created.id);
    // Separate edits, each its own row in the log.
    for (let i = 0; i < 30; i++) {
      titleText(writer.content).insert(0, `${i} `);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const expected = content(writer);
    await waitFor("edits stored", () => storedContent(dataDir, created.id) === expected);
    expect(await rowCount(created.id)).toBeGreaterThan(1);
    leave(writer);
    await waitFor("room unloaded", async () => (await health(server)).rooms === 0);
    expect(await rowCount(created.id)).toBe(1);
    const [row] = await server.storage.documents.loadUpdates(created.id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, row!.data);
    expect(doc.getXmlFragment(CONTENT_FIELD).toString()).toBe(expected);
    const reader = await connect(created.id);
    expect(content(reader)).toBe(expected);
  });

  it("unloads after a server change to a statement nobody has open", async () => {
    await start(200);
    const created = await createTestDocument(server, chair);
    await server.registry.change(created.id, (doc) => titleText(doc.getXmlFragment(CONTENT_FIELD)).insert(0, "restored "));
    expect(storedContent(dataDir, created.id)).toContain("restored ");
    await waitFor("room unloaded", async () => (await health(server)).rooms === 0);
    expect(await rowCount(created.id)).toBe(1);
    const reader = await connect(created.id);
    expect(content(reader)).toContain("restored ");
  });

  it("loses nothing when members join and edit while the statement unloads and its log is folded", async () => {
    await start(0);
    const created = await createTestDocument(server, chair);
    for (let round = 0; round < 6; round++) {
      const writer = await connect(created.id);
      for (let i = 0; i < 10; i++) titleText(writer.content).insert(0, `<${round}.${i}>`);
      await waitFor("writer's edits stored", () => storedContent(dataDir, created.id) === content(writer));
      // The writer leaves, so the room unloads at once; two members join meanwhile and one edits.
      leave(writer);
      const [editor, watcher] = await Promise.all([connect(created.id), connect(created.id)]);
      titleText(editor.content).insert(0, `[joined ${round}]`);
      await waitFor("the other member has the edit", () => content(watcher).includes(`[joined ${round}]`));
      await waitFor("both agree", () => content(watcher) === content(editor));
      for (let i = 0; i < 10; i++) expect(content(editor)).toContain(`<${round}.${i}>`);
      const expected = content(editor);
      await waitFor("stored", () => storedContent(dataDir, created.id) === expected);
      // Alternate: leave both (another unload races the next writer), or stay.
      if (round % 2 === 0) {
        leave(editor);
        leave(watcher);
      }
    }
    for (const client of [...clients]) leave(client);
    await waitFor("room unloaded", async () => (await health(server)).rooms === 0);
    const reader = await connect(created.id);
    expect(content(reader)).toBe(storedContent(dataDir, created.id));
    for (let round = 0; round < 6; round++) {
      expect(content(reader)).toContain(`[joined ${round}]`);
      for (let i = 0; i < 10; i++) expect(content(reader)).toContain(`<${round}.${i}>`);
    }
  });

  it("after a restart, sends a joiner the stored snapshot, and later joiners what changed since", async () => {
    await start(60_000);
    const created = await createTestDocument(server, chair);
    const writer = await connect(created.id);
    for (let i = 0; i < 5; i++) titleText(writer.content).insert(0, `${i} `);
    const written = content(writer);
    await waitFor("edits stored", () => storedContent(dataDir, created.id) === written);
    leave(writer);
    await server.close();
    // Folded into one row at shutdown: the next start loads (and sends) that snapshot.
    expect(storedRows(dataDir, created.id)).toHaveLength(1);
    server = await startTestServer(dataDir, setup, 0, { ROOM_IDLE_UNLOAD_MS: "60000" });
    const first = await connect(created.id);
    expect(content(first)).toBe(written);
    titleText(first.content).insert(0, "after restart ");
    await waitFor("edit stored", () => storedContent(dataDir, created.id).includes("after restart "));
    await server.registry.change(created.id, (doc) => titleText(doc.getXmlFragment(CONTENT_FIELD)).insert(0, "restored "));
    await waitFor("first has the server's change", () => content(first).startsWith(`<heading level="1">restored after restart `));
    const second = await connect(created.id);
    expect(content(second)).toBe(content(first));
  });

  it("stores everything at a graceful shutdown while a statement waits for its idle delay", async () => {
    await start(60_000);
    const created = await createTestDocument(server, chair);
    const writer = await connect(created.id);
    titleText(writer.content).insert(0, "before shutdown ");
    await waitFor("edit stored", () => storedContent(dataDir, created.id).includes("before shutdown "));
    leave(writer);
    await waitFor("socket gone", async () => (await health(server)).sockets === 0);
    // A server change still on its way when the shutdown begins.
    const changing = server.registry.change(created.id, (doc) => titleText(doc.getXmlFragment(CONTENT_FIELD)).insert(0, "restored "));
    await server.close();
    await changing;
    expect(titleText(storedDocumentContent()).toString()).toMatch(/^restored before shutdown /);
    server = await startTestServer(dataDir, setup, 0, { ROOM_IDLE_UNLOAD_MS: "60000" });
    const reader = await connect(created.id);
    expect(titleText(reader.content).toString()).toMatch(/^restored before shutdown /);

    function storedDocumentContent(): Y.XmlFragment {
      return storedDocument(dataDir, created.id).getXmlFragment(CONTENT_FIELD);
    }
  });
});
