/**
 * Group commit across statements, through the real server: the updates of many
 * statements in one turn are stored in one transaction and still reach nobody before
 * they are durable; one statement whose rows the database refuses loses nothing of the
 * others, nor changes their order.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { RunningServer } from "../app.js";
import { CloseCode } from "../../shared/protocol.js";
import { SQLITE_FILE } from "../storage/sqlite/SqliteStorage.js";
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
  type TestStorageSetup,
  type TestUser,
} from "../testing/testServer.js";
import { storedContent, storedRows } from "../testing/statementText.js";
import { querySyncIn } from "../testing/testDatabase.js";

/** Make the database itself refuse every new log row of one statement (a failure of that statement's commit only). */
function refuseRowsOf(setup: TestStorageSetup, dataDir: string, documentId: string): void {
  if (setup.kind === "postgres") {
    querySyncIn(dataDir, "CREATE FUNCTION refuse_rows() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'rows of this statement refused'; END $$ LANGUAGE plpgsql");
    querySyncIn(dataDir, `CREATE TRIGGER refuse_rows BEFORE INSERT ON document_updates FOR EACH ROW WHEN (NEW.document_id = '${documentId}') EXECUTE FUNCTION refuse_rows()`);
    return;
  }
  const db = new Database(path.join(dataDir, SQLITE_FILE));
  try {
    db.exec(`CREATE TRIGGER refuse_rows BEFORE INSERT ON document_updates WHEN NEW.document_id = '${documentId}' BEGIN SELECT RAISE(ABORT, 'rows of this statement refused'); END`);
  } finally {
    db.close();
  }
}

/** The numbers of the `<tag><n>` edits each stored log row of a statement holds, row by row. */
function editsPerRow(dataDir: string, documentId: string, tag: string): number[][] {
  const pattern = new RegExp(`${tag}(\\d+)`, "g");
  return storedRows(dataDir, documentId).map((row) =>
    Y.decodeUpdate(row).structs.flatMap((struct) =>
      struct instanceof Y.Item && struct.content instanceof Y.ContentString ? Array.from(struct.content.str.matchAll(pattern), (match) => Number(match[1])) : [],
    ),
  );
}

describe.each(storageSetups)("group commit on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let clients: TestClient[];

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

  async function pair(documentId: string): Promise<{ writer: TestClient; reader: TestClient }> {
    const [writer, reader] = await Promise.all([connectClient(server, documentId, chair), connectClient(server, documentId, chair)]);
    clients.push(writer, reader);
    return { writer, reader };
  }

  it("stores every statement's update before anyone receives it, several statements in one commit", async () => {
    const documents = await Promise.all(Array.from({ length: 6 }, () => createTestDocument(server, chair)));
    const pairs = await Promise.all(documents.map((document) => pair(document.id)));
    const seenOnDisk: boolean[] = [];
    pairs.forEach(({ reader }, index) => {
      reader.doc.on("update", () => {
        // Runs synchronously as the broadcast arrives: the row must already be committed.
        seenOnDisk.push(storedContent(dataDir, documents[index]!.id).includes(titleText(reader.content).toString()));
      });
    });
    const before = await health(server);
    for (let round = 0; round < 8; round++) {
      // Every statement's writer types in the same turn.
      for (const { writer } of pairs) titleText(writer.content).insert(0, `edit ${round} `);
      await waitFor(`round ${round} received everywhere`, () => pairs.every(({ reader }) => titleText(reader.content).toString().startsWith(`edit ${round} `)));
    }
    expect(seenOnDisk.length).toBeGreaterThanOrEqual(6 * 8);
    expect(seenOnDisk.every(Boolean)).toBe(true);
    const after = await health(server);
    const updates = after.committedUpdates - before.committedUpdates;
    const commits = after.commits - before.commits;
    expect(updates).toBeGreaterThanOrEqual(6 * 8);
    // Statements' updates of the same turn shared commits: fewer commits than updates stored.
    expect(commits).toBeLessThan(updates);
    expect(after.turnsWithUpdates - before.turnsWithUpdates).toBeGreaterThan(0);
  });

  it("loses and reorders nothing of other statements when one statement's rows are refused", async () => {
    const [kept, refused, alsoKept] = await Promise.all(Array.from({ length: 3 }, () => createTestDocument(server, chair)));
    const keptPair = await pair(kept!.id);
    const refusedPair = await pair(refused!.id);
    const alsoKeptPair = await pair(alsoKept!.id);
    const refusedCodes: number[] = [];
    refusedPair.writer.provider.on("connection-close", (event) => event && refusedCodes.push(event.code));
    const keptCodes: number[] = [];
    keptPair.writer.provider.on("connection-close", (event) => event && keptCodes.push(event.code));
    refuseRowsOf(setup, dataDir, refused!.id);
    for (let round = 0; round < 10; round++) {
      // In the same turn: the refused statement's update goes in the same group as the others'.
      titleText(refusedPair.writer.content).insert(0, `lost${round} `);
      titleText(keptPair.writer.content).insert(0, `kept${round} `);
      titleText(alsoKeptPair.writer.content).insert(0, `also${round} `);
      await waitFor(`round ${round} of the kept statements received`, () =>
        titleText(keptPair.reader.content).toString().startsWith(`kept${round} `) && titleText(alsoKeptPair.reader.content).toString().startsWith(`also${round} `),
      );
    }
    // The refused statement's writer was told (its room closed), and what was refused was never broadcast.
    await waitFor("refused statement's socket closed", () => refusedCodes.includes(CloseCode.storageUnavailable));
    expect(titleText(refusedPair.reader.content).toString()).not.toContain("lost");
    expect(storedContent(dataDir, refused!.id)).not.toContain("lost");
    // The others: every edit stored, in the order typed, and their sockets never closed.
    for (const [document, tag] of [
      [kept!, "kept"],
      [alsoKept!, "also"],
    ] as const) {
      const stored = editsPerRow(dataDir, document.id, tag).flat();
      expect(stored).toEqual(Array.from({ length: 10 }, (_, i) => i));
    }
    expect(keptCodes).toEqual([]);
  });
});
