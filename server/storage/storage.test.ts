/**
 * The storage contract, run against every store: SQLite always, PostgreSQL when
 * `TEST_DATABASE_URL` is set (each test in a schema of its own, dropped after).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import pg from "pg";
import path from "node:path";
import * as Y from "yjs";
import type { MatrixCellWrite, NewMailJob, NewNotification, NewSignOnEntry, Storage, StoredGroup, StoredMatrixCell } from "./Storage.js";
import { StorageConflict } from "./StorageConflict.js";
import { SQLITE_FILE, SqliteStorage } from "./sqlite/SqliteStorage.js";
import { PgStorage } from "./postgres/PgStorage.js";
import { LEGACY_FENCE, migrationNames } from "./migrations.js";
import { compactDocument } from "./compactDocument.js";
import { removeDataDir, tempDataDir } from "../testing/testServer.js";
import { freshTestSchema, testDatabaseUrl } from "../testing/testDatabase.js";
import { namesLookAlike } from "../../shared/displayName.js";
import type { Locale } from "../../shared/i18n/locales.js";

/** A store opened for one test. */
interface OpenedStore {
  storage: Storage;
  /** SQL run on the database directly, past the store: to show the database itself refuses. */
  raw(sql: string): Promise<Record<string, unknown>[]>;
  /** The same database opened again: a restart, or a second server instance. */
  reopen(): Promise<Storage>;
  /** Close everything and remove the database. */
  dispose(): Promise<void>;
}

/** A kind of store the contract runs against. */
interface StoreKind {
  name: string;
  open(): Promise<OpenedStore>;
}

const sqlite: StoreKind = {
  name: "SQLite",
  async open() {
    const dataDir = tempDataDir();
    const opened: Storage[] = [];
    const open = async () => {
      const storage = await SqliteStorage.open(dataDir);
      opened.push(storage);
      return storage;
    };
    return {
      storage: await open(),
      async raw(sql) {
        const db = new Database(path.join(dataDir, SQLITE_FILE));
        try {
          const statement = db.prepare(sql);
          if (statement.reader) return statement.all() as Record<string, unknown>[];
          statement.run();
          return [];
        } finally {
          db.close();
        }
      },
      reopen: open,
      async dispose() {
        for (const storage of opened) await storage.close();
        removeDataDir(dataDir);
      },
    };
  },
};

const postgres: StoreKind = {
  name: testDatabaseUrl ? "PostgreSQL" : "PostgreSQL (set TEST_DATABASE_URL to run)",
  async open() {
    const url = testDatabaseUrl!;
    const schema = freshTestSchema();
    const first = await PgStorage.open(url, { schema, maxConnections: 4, dropSchemaOnClose: true });
    const others: Storage[] = [];
    return {
      storage: first,
      async raw(sql) {
        const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
        await client.connect();
        try {
          return (await client.query<Record<string, unknown>>(sql)).rows;
        } finally {
          await client.end();
        }
      },
      async reopen() {
        const storage = await PgStorage.open(url, { schema, maxConnections: 4 });
        others.push(storage);
        return storage;
      },
      async dispose() {
        for (const storage of others) await storage.close();
        await first.close();
      },
    };
  },
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bytes = (...values: number[]) => new Uint8Array(values);
const inAMinute = () => new Date(Date.now() + 60_000).toISOString();

/** The conflict id `promise` was refused with (fails the test if it was not refused with a StorageConflict). */
async function conflictOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(StorageConflict);
  return (error as StorageConflict).id;
}

const WORKSPACE = "ws-1";
const CHAIR = { id: "acct-chair", email: "chair@example.org", displayName: "Chair", passwordHash: "chair-hash" };
const GROUPS: StoredGroup[] = [
  { id: "grp-b", workspaceId: WORKSPACE, name: "Beta", acts: [2] },
  { id: "grp-a", workspaceId: WORKSPACE, name: "Alpha", acts: [1, 3] },
];

function contract(kind: StoreKind): void {
  let store: OpenedStore;
  let storage: Storage;

  beforeEach(async () => {
    store = await kind.open();
    storage = store.storage;
  });
  afterEach(async () => {
    await store.dispose();
  });

  async function seedWorkspace(): Promise<void> {
    await storage.workspaces.createWithChair({ workspace: { id: WORKSPACE, name: "Workspace" }, chair: CHAIR, groups: GROUPS });
  }

  async function seedDocument(id = "doc-1", initial: Uint8Array = bytes(1)): Promise<void> {
    await storage.documents.create({ id, workspaceId: WORKSPACE, title: `Title of ${id}` }, initial);
  }

  async function openRound(id: string, after: string | null = null, documentId = "doc-1") {
    return storage.rounds.open({ id, documentId, name: `Round ${id}`, draftPublished: "2025-03-01", openedBy: CHAIR.id, after });
  }

  async function freeze(roundId: string, documentId = "doc-1", language: Locale = "fr") {
    return storage.rounds.freeze({
      roundId,
      frozenBy: CHAIR.id,
      version: { id: `v-${roundId}`, documentId, roundId, createdBy: CHAIR.id, sha256: "abc", state: bytes(7, 8), content: "{}", html: "<p></p>", threads: "[]", suggestions: "[]", language },
    });
  }

  describe("documents and their update logs", () => {
    beforeEach(seedWorkspace);

    it("creates, gets and lists documents, most recently updated first", async () => {
      const created = await storage.documents.create({ id: "doc-a", workspaceId: WORKSPACE, title: "A" }, bytes(1));
      expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      await pause(5);
      await seedDocument("doc-b");
      expect(await storage.documents.get("doc-a")).toEqual(created);
      expect(await storage.documents.get("nope")).toBeNull();
      expect((await storage.documents.listForWorkspaces([WORKSPACE])).map((d) => d.id)).toEqual(["doc-b", "doc-a"]);
      await pause(5);
      await storage.documents.appendUpdates("doc-a", [bytes(2)]);
      const listed = await storage.documents.listForWorkspaces([WORKSPACE, "other"]);
      expect(listed.map((d) => d.id)).toEqual(["doc-a", "doc-b"]);
      expect(listed[0]!.updatedAt > created.updatedAt).toBe(true);
      expect(await storage.documents.listForWorkspaces(["other"])).toEqual([]);
    });

    it("keeps the log in order and returns each append's last seq", async () => {
      await seedDocument("doc-1", bytes(1));
      await seedDocument("doc-2", bytes(9));
      const second = await storage.documents.appendUpdates("doc-1", [bytes(2), bytes(3, 3)]);
      await storage.documents.appendUpdates("doc-2", [bytes(9, 9)]);
      const third = await storage.documents.appendUpdates("doc-1", [bytes(4)]);
      expect(third).toBeGreaterThan(second);
      expect(await storage.documents.appendUpdates("doc-1", [])).toBe(0);
      const rows = await storage.documents.loadUpdates("doc-1");
      expect(rows.map((row) => row.data)).toEqual([bytes(1), bytes(2), bytes(3, 3), bytes(4)]);
      expect(rows[2]!.seq).toBe(second);
      expect(rows[3]!.seq).toBe(third);
      expect(rows.every((row, i) => typeof row.seq === "number" && (i === 0 || row.seq > rows[i - 1]!.seq))).toBe(true);
      expect((await storage.documents.loadUpdates("doc-1", 2)).map((row) => row.data)).toEqual([bytes(1), bytes(2)]);
      expect(await storage.documents.loadUpdatesAfter("doc-1", rows[1]!.seq)).toEqual(rows.slice(2));
      expect(await storage.documents.loadUpdatesAfter("doc-1", third)).toEqual([]);
      expect(await storage.documents.countUpdates("doc-1")).toBe(4);
      expect(await storage.documents.storedBytes("doc-1")).toBe(5);
    });

    it("lets an instance catch up on rows another instance appended", async () => {
      await seedDocument();
      const seen = await storage.documents.appendUpdates("doc-1", [bytes(2)]);
      const other = await store.reopen();
      const last = await other.documents.appendUpdates("doc-1", [bytes(3), bytes(4)]);
      const missed = await storage.documents.loadUpdatesAfter("doc-1", seen);
      expect(missed.map((row) => row.data)).toEqual([bytes(3), bytes(4)]);
      expect(missed.at(-1)!.seq).toBe(last);
    });

    it("refuses appends while the latest round is frozen, and takes them again in the next round", async () => {
      await seedDocument();
      await openRound("r1");
      await storage.documents.appendUpdates("doc-1", [bytes(2)]);
      await freeze("r1");
      expect(await conflictOf(storage.documents.appendUpdates("doc-1", [bytes(3)]))).toBe("writes_closed");
      await storage.documents.openWrites("doc-1");
      expect(await conflictOf(storage.documents.appendUpdates("doc-1", [bytes(3)]))).toBe("writes_closed");
      expect(await storage.documents.countUpdates("doc-1")).toBe(2);
      await openRound("r2", "r1");
      expect(await storage.documents.appendUpdates("doc-1", [bytes(4)])).toBeGreaterThan(0);
      expect((await storage.documents.loadUpdates("doc-1")).map((row) => row.data)).toEqual([bytes(1), bytes(2), bytes(4)]);
    });

    it("keeps none of an append whose later row is refused, and the next append goes through", async () => {
      await seedDocument();
      const refusedRow = null as unknown as Uint8Array;
      await expect(storage.documents.appendUpdates("doc-1", [bytes(2), refusedRow])).rejects.toThrow();
      expect((await storage.documents.loadUpdates("doc-1")).map((row) => row.data)).toEqual([bytes(1)]);
      await storage.documents.appendUpdates("doc-1", [bytes(3)]);
      expect((await storage.documents.loadUpdates("doc-1")).map((row) => row.data)).toEqual([bytes(1), bytes(3)]);
    });

    it("refuses appends while writes are closed, until openWrites", async () => {
      await seedDocument();
      await seedDocument("doc-2");
      await storage.documents.closeWrites("doc-1", 60_000);
      expect(await conflictOf(storage.documents.appendUpdates("doc-1", [bytes(2), bytes(3)]))).toBe("writes_closed");
      expect(await storage.documents.countUpdates("doc-1")).toBe(1);
      expect(await storage.documents.appendUpdates("doc-2", [bytes(2)])).toBeGreaterThan(0);
      const other = await store.reopen();
      expect(await conflictOf(other.documents.appendUpdates("doc-1", [bytes(2)]))).toBe("writes_closed");
      await storage.documents.openWrites("doc-1");
      await other.documents.appendUpdates("doc-1", [bytes(2)]);
      expect(await storage.documents.countUpdates("doc-1")).toBe(2);
    });

    it("reopens writes by itself when the lease expires", async () => {
      await seedDocument();
      await storage.documents.closeWrites("doc-1", 200);
      expect(await conflictOf(storage.documents.appendUpdates("doc-1", [bytes(2)]))).toBe("writes_closed");
      await pause(400);
      expect(await storage.documents.appendUpdates("doc-1", [bytes(2)])).toBeGreaterThan(0);
    });

    it.each(["closeWrites", "a round freeze"])("lets no append in flight slip past %s", async (closer) => {
      await seedDocument();
      await openRound("r1");
      const other = await store.reopen();
      // Settled as they come, so a refusal before the close returns is not an unhandled rejection.
      const appends = Promise.allSettled(Array.from({ length: 24 }, (_, i) => (i % 2 ? other : storage).documents.appendUpdates("doc-1", [bytes(i)])));
      await (closer === "closeWrites" ? storage.documents.closeWrites("doc-1", 60_000) : freeze("r1"));
      const atClose = await storage.documents.countUpdates("doc-1");
      const results = await appends;
      expect(await storage.documents.countUpdates("doc-1")).toBe(atClose);
      const stored = new Set((await storage.documents.loadUpdates("doc-1")).map((row) => row.seq));
      const accepted = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
      expect(accepted.length).toBe(atClose - 1);
      expect(accepted.every((seq) => stored.has(seq))).toBe(true);
      for (const result of results) {
        if (result.status === "rejected") expect(result.reason).toMatchObject({ id: "writes_closed" });
      }
    });

    it("commits a group of statements in one transaction; a frozen statement's part is refused alone", async () => {
      for (const id of ["doc-a", "doc-b", "doc-c", "doc-d"]) await seedDocument(id);
      await storage.documents.closeWrites("doc-b", 60_000);
      const outcomes = await storage.documents.appendGrouped([
        { documentId: "doc-d", update: bytes(41), writers: [{ clientId: 7, accountId: CHAIR.id }] },
        { documentId: "doc-b", update: bytes(21), writers: [{ clientId: 8, accountId: CHAIR.id }] },
        { documentId: "doc-c", update: bytes(31), writers: [{ clientId: 9, accountId: CHAIR.id }] },
        { documentId: "doc-a", update: bytes(11), writers: [] },
      ]);
      // Outcomes in the order given, whatever order the rows were locked in.
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true, true]);
      expect((outcomes[1] as { error: unknown }).error).toMatchObject({ id: "writes_closed" });
      const rowsOf = async (id: string) => (await storage.documents.loadUpdates(id)).map((row) => row.data);
      expect(await rowsOf("doc-a")).toEqual([bytes(1), bytes(11)]);
      expect(await rowsOf("doc-b")).toEqual([bytes(1)]);
      expect(await rowsOf("doc-c")).toEqual([bytes(1), bytes(31)]);
      expect(await rowsOf("doc-d")).toEqual([bytes(1), bytes(41)]);
      for (const [index, id] of [[0, "doc-d"], [2, "doc-c"], [3, "doc-a"]] as const) {
        expect((outcomes[index] as { seq: number }).seq).toBe((await storage.documents.loadUpdates(id)).at(-1)!.seq);
      }
      // A refused statement's writers are not recorded; an accepted one's are, and a client id already recorded keeps its writer.
      expect(await storage.writers.writers("doc-d")).toEqual(new Map([[7, CHAIR.id]]));
      expect(await storage.writers.writers("doc-b")).toEqual(new Map());
      expect(await storage.writers.writers("doc-c")).toEqual(new Map([[9, CHAIR.id]]));
      // Alone, a statement whose writes are closed gets its refusal as its outcome too.
      const [alone] = await storage.documents.appendGrouped([{ documentId: "doc-b", update: bytes(22), writers: [] }]);
      expect((alone as { error: unknown }).error).toMatchObject({ id: "writes_closed" });
      expect(await storage.documents.appendGrouped([])).toEqual([]);
    });

    it("commits a group whose updates bring more client ids than one query may carry", async () => {
      for (const id of ["doc-a", "doc-b"]) await seedDocument(id);
      // 9,000 writers: 36,000 values, past SQLite's limit on one query's parameters.
      const writers = (from: number) => Array.from({ length: 4_500 }, (_, i) => ({ clientId: from + i, accountId: CHAIR.id }));
      const outcomes = await storage.documents.appendGrouped([
        { documentId: "doc-a", update: bytes(11), writers: writers(1) },
        { documentId: "doc-b", update: bytes(21), writers: writers(100_000) },
      ]);
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
      expect((await storage.writers.writers("doc-a")).size).toBe(4_500);
      expect((await storage.writers.writers("doc-b")).size).toBe(4_500);
    });

    it("stores nothing of a group whose transaction fails, and the next group goes through", async () => {
      for (const id of ["doc-a", "doc-c"]) await seedDocument(id);
      const refusedRow = null as unknown as Uint8Array;
      await expect(
        storage.documents.appendGrouped([
          { documentId: "doc-a", update: bytes(11), writers: [{ clientId: 7, accountId: CHAIR.id }] },
          { documentId: "doc-c", update: refusedRow, writers: [] },
        ]),
      ).rejects.toThrow();
      expect(await storage.documents.countUpdates("doc-a")).toBe(1);
      expect(await storage.writers.writers("doc-a")).toEqual(new Map());
      const outcomes = await storage.documents.appendGrouped([
        { documentId: "doc-c", update: bytes(31), writers: [] },
        { documentId: "doc-a", update: bytes(12), writers: [] },
      ]);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      expect((await storage.documents.loadUpdates("doc-a")).map((row) => row.data)).toEqual([bytes(1), bytes(12)]);
    });

    it("lets no grouped append slip past a freeze, from two instances at once", async () => {
      for (const id of ["doc-1", "doc-2"]) await seedDocument(id);
      await openRound("r1");
      const other = await store.reopen();
      const groups = Promise.allSettled(
        Array.from({ length: 16 }, (_, i) =>
          (i % 2 ? other : storage).documents.appendGrouped([
            { documentId: "doc-2", update: bytes(100 + i), writers: [] },
            { documentId: "doc-1", update: bytes(i), writers: [] },
          ]),
        ),
      );
      await freeze("r1");
      const atFreeze = await storage.documents.countUpdates("doc-1");
      const results = await groups;
      expect(await storage.documents.countUpdates("doc-1")).toBe(atFreeze);
      // Every group committed its doc-2 part, frozen doc-1 or not.
      expect(results.every((result) => result.status === "fulfilled")).toBe(true);
      expect(await storage.documents.countUpdates("doc-2")).toBe(17);
      const refused = results.flatMap((result) => (result.status === "fulfilled" ? [result.value[1]!] : [])).filter((outcome) => !outcome.ok);
      expect(refused.length).toBe(16 - (atFreeze - 1));
      for (const outcome of refused) expect((outcome as { error: unknown }).error).toMatchObject({ id: "writes_closed" });
    });

    it("compacts atomically: rows up to a seq become one, later rows stay", async () => {
      await seedDocument("doc-1", bytes(1));
      await storage.documents.appendUpdates("doc-1", [bytes(2), bytes(3), bytes(4), bytes(5)]);
      const rows = await storage.documents.loadUpdates("doc-1");
      await storage.documents.replaceUpdates("doc-1", rows[2]!.seq, bytes(1, 2, 3));
      const after = await storage.documents.loadUpdates("doc-1");
      expect(after).toEqual([{ seq: rows[2]!.seq, data: bytes(1, 2, 3) }, rows[3], rows[4]]);
      expect(await storage.documents.loadUpdatesAfter("doc-1", rows[2]!.seq)).toEqual(rows.slice(3));
      // A replacement that cannot be written (its seq belongs to another document's row) changes nothing.
      const otherRow = await (async () => {
        await seedDocument("doc-2", bytes(9));
        return (await storage.documents.loadUpdates("doc-2"))[0]!.seq;
      })();
      await expect(storage.documents.replaceUpdates("doc-1", otherRow, bytes(0))).rejects.toThrow();
      expect(await storage.documents.loadUpdates("doc-1")).toEqual(after);
    });

    it("folds a real Yjs log with compactDocument, keeping the content", async () => {
      const source = new Y.Doc();
      const updates: Uint8Array[] = [];
      source.on("update", (update: Uint8Array) => updates.push(update));
      const text = source.getText("t");
      for (let i = 0; i < 40; i++) text.insert(text.length, `${i};`);
      text.delete(0, 12);
      await seedDocument("doc-y", updates[0]!);
      await storage.documents.appendUpdates("doc-y", updates.slice(1));
      expect(await compactDocument(storage.documents, "doc-y", 10)).toBe(updates.length - 1);
      const rows = await storage.documents.loadUpdates("doc-y");
      expect(rows).toHaveLength(1);
      const copy = new Y.Doc();
      Y.applyUpdate(copy, rows[0]!.data);
      expect(copy.getText("t").toString()).toBe(text.toString());
    });

    it("gives the compaction lease to one holder at a time", async () => {
      await seedDocument();
      await seedDocument("doc-2");
      expect(await storage.documents.claimCompaction("doc-1", "instance-a", 60_000)).toBe(true);
      expect(await storage.documents.claimCompaction("doc-1", "instance-b", 60_000)).toBe(false);
      expect(await storage.documents.claimCompaction("doc-2", "instance-b", 60_000)).toBe(true);
      expect(await storage.documents.claimCompaction("doc-1", "instance-a", 60_000)).toBe(true);
      await storage.documents.releaseCompaction("doc-1", "instance-b");
      expect(await storage.documents.claimCompaction("doc-1", "instance-b", 60_000)).toBe(false);
      await storage.documents.releaseCompaction("doc-1", "instance-a");
      expect(await storage.documents.claimCompaction("doc-1", "instance-b", 60_000)).toBe(true);
      expect(await storage.documents.claimCompaction("doc-1", "instance-a", 60_000)).toBe(false);
    });

    it("lets another holder take an expired compaction lease", async () => {
      await seedDocument();
      expect(await storage.documents.claimCompaction("doc-1", "instance-a", 150)).toBe(true);
      expect(await storage.documents.claimCompaction("doc-1", "instance-b", 60_000)).toBe(false);
      await pause(300);
      const other = await store.reopen();
      expect(await other.documents.claimCompaction("doc-1", "instance-b", 60_000)).toBe(true);
      expect(await storage.documents.claimCompaction("doc-1", "instance-a", 60_000)).toBe(false);
    });
  });

  describe("accounts, sessions and tokens", () => {
    it("creates accounts and refuses an email already in use", async () => {
      expect(await storage.accounts.count()).toBe(0);
      const created = await storage.accounts.create(CHAIR);
      expect(created).toEqual({ id: CHAIR.id, email: CHAIR.email, displayName: CHAIR.displayName, language: null, organisation: "", createdAt: expect.any(String) });
      expect(await conflictOf(storage.accounts.create({ ...CHAIR, id: "acct-other" }))).toBe("email_taken");
      expect(await storage.accounts.count()).toBe(1);
      expect(await storage.accounts.get(CHAIR.id)).toEqual(created);
      expect(await storage.accounts.get("acct-other")).toBeNull();
      expect(await storage.accounts.findByEmail(CHAIR.email)).toEqual({ ...created, passwordHash: CHAIR.passwordHash });
      expect(await storage.accounts.findByEmail("nobody@example.org")).toBeNull();
    });

    it("finds a session's account until it expires or is deleted", async () => {
      await storage.accounts.create(CHAIR);
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      await storage.accounts.createSession({ idHash: "session-hash", accountId: CHAIR.id, expiresAt });
      expect(await storage.accounts.sessionAccount("session-hash", new Date().toISOString())).toMatchObject({ id: CHAIR.id });
      expect(await storage.accounts.sessionAccount("session-hash", new Date(Date.now() + 7_200_000).toISOString())).toBeNull();
      expect(await storage.accounts.sessionAccount("other-hash", new Date().toISOString())).toBeNull();
      await storage.accounts.deleteSession("session-hash");
      expect(await storage.accounts.sessionAccount("session-hash", new Date().toISOString())).toBeNull();
    });

    it("finds a token's account, marks it used, and forgets it once revoked", async () => {
      await storage.accounts.create(CHAIR);
      const token = await storage.accounts.createToken({ id: "tok-1", accountId: CHAIR.id, name: "script", tokenHash: "token-hash" });
      expect(token.lastUsedAt).toBeNull();
      const now = new Date().toISOString();
      expect(await storage.accounts.tokenAccount("token-hash", now)).toEqual({ account: expect.objectContaining({ id: CHAIR.id }), tokenId: "tok-1" });
      expect(await storage.accounts.listTokens(CHAIR.id)).toEqual([{ ...token, lastUsedAt: now }]);
      // Used again within the minute: not written again.
      await storage.accounts.tokenAccount("token-hash", new Date(Date.parse(now) + 1_000).toISOString());
      expect((await storage.accounts.listTokens(CHAIR.id))[0]!.lastUsedAt).toBe(now);
      expect(await storage.accounts.revokeToken("acct-other", "tok-1", now)).toBe(false);
      expect(await storage.accounts.revokeToken(CHAIR.id, "tok-1", now)).toBe(true);
      expect(await storage.accounts.revokeToken(CHAIR.id, "tok-1", now)).toBe(false);
      expect(await storage.accounts.tokenAccount("token-hash", now)).toBeNull();
      expect(await storage.accounts.listTokens(CHAIR.id)).toEqual([]);
    });
  });

  describe("workspaces, members and invitations", () => {
    it("sets up the first workspace in one go, adopting orphan documents", async () => {
      await store.raw("INSERT INTO documents (id, title, created_at, updated_at) VALUES ('orphan', 'Old', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')");
      await seedWorkspace();
      expect(await storage.workspaces.get(WORKSPACE)).toEqual({ id: WORKSPACE, name: "Workspace", createdAt: expect.any(String) });
      expect((await storage.documents.get("orphan"))!.workspaceId).toBe(WORKSPACE);
      expect(await storage.workspaces.listGroups(WORKSPACE)).toEqual([GROUPS[1], GROUPS[0]]);
      expect(await storage.workspaces.membership(WORKSPACE, CHAIR.id)).toMatchObject({ role: "chair", groupIds: [] });
      const again = storage.workspaces.createWithChair({ workspace: { id: "ws-2", name: "Second" }, chair: { ...CHAIR, id: "acct-2" }, groups: [] });
      expect(await conflictOf(again)).toBe("email_taken");
      expect(await storage.workspaces.get("ws-2")).toBeNull();
    });

    it("adds, changes, lists (by name, ignoring case) and removes members", async () => {
      await seedWorkspace();
      await storage.accounts.create({ id: "acct-bob", email: "bob@example.org", displayName: "bob", passwordHash: "x" });
      await storage.accounts.create({ id: "acct-alice", email: "alice@example.org", displayName: "Alice", passwordHash: "x" });
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: "acct-bob", role: "observer", groupIds: [] });
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: "acct-bob", role: "reviewer", groupIds: ["grp-a"] });
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: "acct-alice", role: "coordinator", groupIds: [] });
      expect(await storage.workspaces.membership(WORKSPACE, "acct-bob")).toMatchObject({ role: "reviewer", groupIds: ["grp-a"] });
      await storage.workspaces.updateMember(WORKSPACE, "acct-bob", { groupIds: ["grp-a", "grp-b"] });
      await storage.workspaces.updateMember(WORKSPACE, "acct-alice", { role: "observer" });
      const members = await storage.workspaces.listMembers(WORKSPACE);
      expect(members.map((m) => [m.account.displayName, m.membership.role, m.membership.groupIds])).toEqual([
        ["Alice", "observer", []],
        ["bob", "reviewer", ["grp-a", "grp-b"]],
        ["Chair", "chair", []],
      ]);
      await storage.workspaces.removeMember(WORKSPACE, "acct-bob");
      expect(await storage.workspaces.membership(WORKSPACE, "acct-bob")).toBeNull();
      await pause(5);
      await storage.workspaces.create({ workspace: { id: "ws-2", name: "Second" }, chairId: "acct-alice", groups: [] });
      expect((await storage.workspaces.memberships("acct-alice")).map((m) => [m.workspace.id, m.membership.role])).toEqual([
        [WORKSPACE, "observer"],
        ["ws-2", "chair"],
      ]);
    });

    it("lists usable invitations and accepts each once only", async () => {
      await seedWorkspace();
      const base = { workspaceId: WORKSPACE, createdBy: CHAIR.id, createdAt: new Date().toISOString() };
      await storage.workspaces.createInvite({ ...base, id: "inv-live", role: "reviewer", groupIds: ["grp-a"], expiresAt: inAMinute(), tokenHash: "h-live" });
      await storage.workspaces.createInvite({ ...base, id: "inv-old", role: "reviewer", groupIds: [], expiresAt: "2000-01-01T00:00:00.000Z", tokenHash: "h-old" });
      await storage.workspaces.createInvite({ ...base, id: "inv-chair", role: "observer", groupIds: [], expiresAt: inAMinute(), tokenHash: "h-chair" });
      const now = new Date().toISOString();
      expect((await storage.workspaces.listInvites(WORKSPACE, now)).map((i) => i.id).sort()).toEqual(["inv-chair", "inv-live"]);
      expect(await storage.workspaces.inviteByTokenHash("h-live")).toMatchObject({ id: "inv-live", role: "reviewer", groupIds: ["grp-a"], usedAt: null });
      const person = (n: number) => ({ email: `p${n}@example.org`, displayName: `P${n}`, passwordHash: "x" });
      const taken = storage.workspaces.acceptInvite({ inviteId: "inv-live", accountId: "acct-x", newAccount: { ...person(0), email: CHAIR.email }, now, looksAlike: namesLookAlike });
      expect(await conflictOf(taken)).toBe("email_taken");
      const both = await Promise.all([1, 2].map((n) => storage.workspaces.acceptInvite({ inviteId: "inv-live", accountId: `acct-${n}`, newAccount: person(n), now, looksAlike: namesLookAlike })));
      expect(both.filter(Boolean)).toHaveLength(1);
      const winner = both[0] ? "acct-1" : "acct-2";
      expect(await storage.workspaces.membership(WORKSPACE, winner)).toMatchObject({ role: "reviewer", groupIds: ["grp-a"] });
      expect(await storage.accounts.count()).toBe(2);
      expect((await storage.workspaces.inviteByTokenHash("h-live"))!.usedAt).toBe(now);
      expect(await storage.workspaces.acceptInvite({ inviteId: "inv-old", accountId: "acct-3", newAccount: person(3), now, looksAlike: namesLookAlike })).toBe(false);
      // An invitation never lowers the role of someone already a member.
      expect(await storage.workspaces.acceptInvite({ inviteId: "inv-chair", accountId: CHAIR.id, now, looksAlike: namesLookAlike })).toBe(true);
      expect(await storage.workspaces.membership(WORKSPACE, CHAIR.id)).toMatchObject({ role: "chair" });
      expect(await storage.workspaces.listInvites(WORKSPACE, now)).toEqual([]);
      expect(await storage.workspaces.deleteInvite(WORKSPACE, "inv-live")).toBe(false);
      expect(await storage.workspaces.deleteInvite(WORKSPACE, "inv-old")).toBe(true);
      expect(await storage.workspaces.inviteByTokenHash("h-old")).toBeNull();
    });
  });

  describe("display names", () => {
    const member = (n: string, displayName: string) => ({ email: `${n}@example.org`, displayName, passwordHash: "x" });
    async function invite(id: string, workspaceId = WORKSPACE): Promise<void> {
      await storage.workspaces.createInvite({ id, workspaceId, role: "coordinator", groupIds: [], createdBy: CHAIR.id, createdAt: new Date().toISOString(), expiresAt: inAMinute(), tokenHash: `h-${id}` });
    }
    const accept = (inviteId: string, accountId: string, newAccount?: ReturnType<typeof member>) =>
      storage.workspaces.acceptInvite({ inviteId, accountId, newAccount, now: new Date().toISOString(), looksAlike: namesLookAlike });

    it("refuses a look-alike of a member's name when accepting, leaving the invitation unused", async () => {
      await seedWorkspace();
      await invite("inv-1");
      expect(await conflictOf(accept("inv-1", "acct-x", member("x", "CHAIR")))).toBe("name_taken");
      expect(await storage.accounts.get("acct-x")).toBeNull();
      expect((await storage.workspaces.inviteByTokenHash("h-inv-1"))!.usedAt).toBeNull();
      expect(await accept("inv-1", "acct-y", member("y", "Chaim"))).toBe(true);
    });

    it("checks an existing account's name against the workspace it joins, and only that one", async () => {
      await seedWorkspace();
      await storage.accounts.create({ id: "acct-twin", ...member("twin", "Ch\u0430ir") });
      await storage.workspaces.create({ workspace: { id: "ws-2", name: "Second" }, chairId: "acct-twin", groups: [] });
      await invite("inv-1");
      expect(await conflictOf(accept("inv-1", "acct-twin"))).toBe("name_taken");
      expect(await storage.workspaces.membership(WORKSPACE, "acct-twin")).toBeNull();
      // Already a member: accepting changes nothing, and checks nothing.
      await invite("inv-2", "ws-2");
      expect(await accept("inv-2", "acct-twin")).toBe(true);
    });

    it("lets one of several look-alikes join when they accept at the same moment", async () => {
      await seedWorkspace();
      for (const id of ["a", "b", "c"]) await invite(`inv-${id}`);
      const names = ["Kofi", "KOFI", "K\u043Efi"];
      const results = await Promise.allSettled(["a", "b", "c"].map((id, i) => accept(`inv-${id}`, `acct-${id}`, member(id, names[i]!))));
      expect(results.filter((r) => r.status === "fulfilled" && r.value)).toHaveLength(1);
      expect(results.flatMap((r) => (r.status === "rejected" ? [(r.reason as StorageConflict).id] : []))).toEqual(["name_taken", "name_taken"]);
      expect(await storage.workspaces.listMembers(WORKSPACE)).toHaveLength(2);
    });

    it("renames an account unless a member of one of its workspaces has a look-alike name", async () => {
      await seedWorkspace();
      await storage.accounts.create({ id: "acct-bob", ...member("bob", "Bob") });
      await storage.accounts.create({ id: "acct-eve", ...member("eve", "Eve") });
      await storage.workspaces.create({ workspace: { id: "ws-2", name: "Second" }, chairId: "acct-eve", groups: [] });
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: "acct-bob", role: "observer", groupIds: [] });
      expect(await conflictOf(storage.accounts.rename("acct-bob", "chair", namesLookAlike))).toBe("name_taken");
      expect((await storage.accounts.get("acct-bob"))!.displayName).toBe("Bob");
      expect(await storage.accounts.rename("acct-bob", "BOB", namesLookAlike)).toMatchObject({ id: "acct-bob", displayName: "BOB" });
      // Eve shares no workspace with the chair: her name is free to look like it.
      expect(await storage.accounts.rename("acct-eve", "Chair", namesLookAlike)).toMatchObject({ displayName: "Chair" });
      await storage.workspaces.addMember({ workspaceId: "ws-2", accountId: "acct-bob", role: "observer", groupIds: [] });
      expect(await conflictOf(storage.accounts.rename("acct-bob", "Ch\u0430ir", namesLookAlike))).toBe("name_taken");
    });
  });

  describe("notifications", () => {
    beforeEach(seedWorkspace);
    const other = { id: "acct-other", email: "other@example.org", displayName: "Other", passwordHash: "h" };
    const note = (id: string, createdAt: string, accountId = CHAIR.id) => ({
      id,
      accountId,
      workspaceId: WORKSPACE,
      documentId: null,
      kind: "roundOpened",
      actorId: null,
      subject: "r-1",
      detail: { statement: "Title", round: "Rev 1" },
      link: "/",
      createdAt,
    });

    it("lists an account's notifications newest first, pages, counts and marks unread ones read, only its own", async () => {
      await storage.accounts.create(other);
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: other.id, role: "observer", groupIds: [] });
      await storage.notifications.add([note("n-1", "2026-01-01T00:00:01.000Z"), note("n-2", "2026-01-01T00:00:02.000Z"), note("n-3", "2026-01-01T00:00:02.000Z"), note("n-4", "2026-01-01T00:00:03.000Z", other.id)]);
      const first = await storage.notifications.list(CHAIR.id, { limit: 2 });
      expect(first.map((n) => n.id)).toEqual(["n-3", "n-2"]);
      expect(first[0]).toMatchObject({ kind: "roundOpened", detail: { statement: "Title", round: "Rev 1" }, readAt: null, mailedAt: null });
      expect((await storage.notifications.list(CHAIR.id, { limit: 2, before: "n-2" })).map((n) => n.id)).toEqual(["n-1"]);
      // Another account's id as the page mark gives nothing.
      expect(await storage.notifications.list(CHAIR.id, { limit: 2, before: "n-4" })).toEqual([]);
      expect(await storage.notifications.unreadCount(CHAIR.id)).toBe(3);
      expect(await storage.notifications.hasSubject("r-1", "roundOpened")).toBe(true);
      expect(await storage.notifications.hasSubject("r-1", "frozen")).toBe(false);
      expect(await storage.notifications.markRead(CHAIR.id, { ids: ["n-1", "n-4"] }, "2026-01-02T00:00:00.000Z")).toBe(1);
      expect(await storage.notifications.unreadCount(other.id)).toBe(1);
      expect(await storage.notifications.markRead(CHAIR.id, { all: true }, "2026-01-02T00:00:00.000Z")).toBe(2);
      expect(await storage.notifications.unreadCount(CHAIR.id)).toBe(0);
      expect((await storage.notifications.list(CHAIR.id, { limit: 1 }))[0]!.readAt).toBe("2026-01-02T00:00:00.000Z");
    });

    it("shows, counts and marks read only the notifications of workspaces the account is still a member of", async () => {
      await storage.accounts.create(other);
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: other.id, role: "observer", groupIds: [] });
      await storage.notifications.add([note("n-1", "2026-01-01T00:00:01.000Z", other.id), note("n-2", "2026-01-01T00:00:02.000Z", other.id)]);
      expect(await storage.notifications.unreadCount(other.id)).toBe(2);
      await storage.workspaces.removeMember(WORKSPACE, other.id);
      expect(await storage.notifications.list(other.id, { limit: 10 })).toEqual([]);
      expect(await storage.notifications.unreadCount(other.id)).toBe(0);
      expect(await storage.notifications.markRead(other.id, { all: true }, "2026-01-02T00:00:00.000Z")).toBe(0);
      // Back in the workspace, they are there again, still unread.
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: other.id, role: "observer", groupIds: [] });
      expect((await storage.notifications.list(other.id, { limit: 10 })).map((n) => [n.id, n.readAt])).toEqual([["n-2", null], ["n-1", null]]);
    });

    it("records a new suggestion once per person and a comment once per person and kind, even from two instances at once", async () => {
      const suggestion = (id: string, accountId = CHAIR.id) => ({ ...note(id, "2026-01-01T00:00:01.000Z", accountId), kind: "suggestion", subject: "sugg-1" });
      const other2 = await store.reopen();
      const [a, b] = await Promise.all([storage.notifications.add([suggestion("s-1")]), other2.notifications.add([suggestion("s-2")])]);
      expect([...a, ...b].map((n) => n.id)).toHaveLength(1);
      expect((await storage.notifications.list(CHAIR.id, { limit: 10 })).filter((n) => n.kind === "suggestion")).toHaveLength(1);
      // Other kinds about the same subject are not told once.
      expect((await storage.notifications.add([note("r-a", "2026-01-01T00:00:02.000Z"), note("r-b", "2026-01-01T00:00:03.000Z")])).map((n) => n.id)).toEqual(["r-a", "r-b"]);

      const mention = (id: string, commentId: string, kind = "mention") => ({ ...note(id, "2026-01-01T00:00:04.000Z"), kind, subject: "thread-1", commentId });
      expect((await storage.notifications.add([mention("m-1", "c-1")])).map((n) => n.id)).toEqual(["m-1"]);
      // The same comment again: nothing; another comment of the thread, or another kind: recorded.
      expect(await storage.notifications.add([mention("m-2", "c-1")])).toEqual([]);
      expect((await storage.notifications.add([mention("m-3", "c-2"), mention("m-4", "c-1", "reply")])).map((n) => n.id)).toEqual(["m-3", "m-4"]);
    });

    it("takes a deleted comment's words out of the notifications about it", async () => {
      const about = (id: string, commentId: string) => ({ ...note(id, "2026-01-01T00:00:04.000Z"), kind: "reply", subject: "thread-1", commentId, detail: { statement: "Title", quote: "the words", excerpt: "secret text" } });
      await storage.notifications.add([about("c-1-note", "c-1"), about("c-2-note", "c-2")]);
      expect(await storage.notifications.forgetComment("c-1")).toEqual(["c-1-note"]);
      const byId = new Map((await storage.notifications.list(CHAIR.id, { limit: 10 })).map((n) => [n.id, n.detail]));
      expect(byId.get("c-1-note")).toEqual({ statement: "Title" });
      expect(byId.get("c-2-note")).toEqual({ statement: "Title", quote: "the words", excerpt: "secret text" });
      expect(await storage.notifications.forgetComment("c-3")).toEqual([]);
    });

    it("keeps each account's email mode and its explicit Act choices per workspace", async () => {
      expect(await storage.notifications.emailMode(CHAIR.id)).toBeNull();
      await storage.notifications.setEmailMode(CHAIR.id, "digest");
      await storage.notifications.setEmailMode(CHAIR.id, "off");
      expect(await storage.notifications.emailMode(CHAIR.id)).toBe("off");
      expect(await storage.notifications.emailModes([CHAIR.id, "nobody"])).toEqual(new Map([[CHAIR.id, "off"]]));
      await storage.notifications.setFollows(WORKSPACE, CHAIR.id, [{ act: 3, follows: true }, { act: 1, follows: false }]);
      expect(await storage.notifications.follows(WORKSPACE)).toEqual([
        { accountId: CHAIR.id, act: 1, follows: false },
        { accountId: CHAIR.id, act: 3, follows: true },
      ]);
      await storage.notifications.setFollows(WORKSPACE, CHAIR.id, [{ act: 9, follows: true }]);
      expect(await storage.notifications.follows(WORKSPACE, CHAIR.id)).toEqual([{ accountId: CHAIR.id, act: 9, follows: true }]);
    });
  });

  describe("audit log", () => {
    it("lists a workspace's entries and its members' sign-ins, newest first", async () => {
      await seedWorkspace();
      await storage.accounts.create({ id: "acct-out", email: "out@example.org", displayName: "Outsider", passwordHash: "x" });
      const entry = { workspaceId: WORKSPACE, actorId: CHAIR.id, subject: "doc-1", address: "127.0.0.1" };
      await storage.audit.record({ ...entry, action: "document.create", detail: { title: "T", nested: { n: 1 } } });
      await storage.audit.record({ ...entry, workspaceId: null, action: "auth.sign_in", subject: null, detail: {} });
      await storage.audit.record({ ...entry, workspaceId: null, actorId: "acct-out", action: "auth.sign_in", subject: null, detail: {} });
      await storage.audit.record({ ...entry, workspaceId: "ws-other", action: "document.create", detail: {} });
      await storage.audit.record({ ...entry, actorId: null, action: "round.freeze", detail: { round: "r1" } });
      const listed = await storage.audit.list(WORKSPACE, 10);
      expect(listed.map((e) => [e.action, e.actorName])).toEqual([
        ["round.freeze", null],
        ["auth.sign_in", "Chair"],
        ["document.create", "Chair"],
      ]);
      expect(listed[2]).toMatchObject({ workspaceId: WORKSPACE, subject: "doc-1", address: "127.0.0.1", detail: { title: "T", nested: { n: 1 } } });
      expect(typeof listed[0]!.id).toBe("number");
      expect(listed[0]!.id).toBeGreaterThan(listed[1]!.id);
      expect(await storage.audit.list(WORKSPACE, 1)).toEqual(listed.slice(0, 1));
    });
  });

  describe("comment threads", () => {
    beforeEach(async () => {
      await seedWorkspace();
      await seedDocument();
      await storage.accounts.create({ id: "acct-rev", email: "rev@example.org", displayName: "Reviewer", passwordHash: "x" });
    });

    const thread = (id: string, commentId: string) => ({
      id,
      documentId: "doc-1",
      anchorStart: "a",
      anchorEnd: "b",
      quote: "quoted",
      groupId: null,
      createdBy: CHAIR.id,
      firstComment: { id: commentId, body: `opening ${id}` },
    });

    it("keeps threads with their live comments, deleted ones as tombstones", async () => {
      const first = await storage.comments.createThread(thread("th-1", "c-1"));
      expect(first).toMatchObject({ id: "th-1", status: "open", createdByName: "Chair", resolvedBy: null, comments: [{ id: "c-1", body: "opening th-1", authorName: "Chair", editedAt: null }] });
      await pause(5);
      await storage.comments.addComment({ id: "c-2", threadId: "th-1", authorId: "acct-rev", body: "reply" });
      await storage.comments.createThread(thread("th-2", "c-3"));
      await storage.comments.editComment("c-2", "edited reply");
      await storage.comments.deleteComment("c-1");
      await storage.comments.deleteComment("c-3");
      const listed = await storage.comments.listThreads("doc-1");
      expect(listed.map((t) => t.id)).toEqual(["th-1"]);
      expect(listed[0]!.comments).toEqual([expect.objectContaining({ id: "c-2", body: "edited reply", authorName: "Reviewer", editedAt: expect.any(String) })]);
      expect(await storage.comments.getThread("doc-1", "th-2")).toBeNull();
      expect(await storage.comments.getThread("other-doc", "th-1")).toBeNull();
      const tombstone = await store.raw("SELECT body, deleted_at FROM comments WHERE id = 'c-1'");
      expect(tombstone).toEqual([{ body: "", deleted_at: expect.any(String) }]);
      // A deleted comment cannot be edited back to life.
      await storage.comments.editComment("c-1", "revived");
      expect((await store.raw("SELECT body FROM comments WHERE id = 'c-1'"))[0]).toEqual({ body: "" });
    });

    it("keeps each comment's mentions, changes them with an edit that gives them, and erases them with the comment", async () => {
      const created = await storage.comments.createThread({
        ...thread("th-1", "c-1"),
        firstComment: { id: "c-1", body: "@Reviewer see", mentions: [{ kind: "account", id: "acct-rev" }] },
      });
      expect(created.comments[0]!.mentions).toEqual([{ kind: "account", id: "acct-rev" }]);
      await pause(5);
      await storage.comments.addComment({ id: "c-2", threadId: "th-1", authorId: "acct-rev", body: "no one" });
      await pause(5);
      await storage.comments.addComment({ id: "c-3", threadId: "th-1", authorId: "acct-rev", body: "@Group", mentions: [{ kind: "group", id: "group-1" }] });
      expect((await storage.comments.getThread("doc-1", "th-1"))!.comments.map((c) => c.mentions)).toEqual([[{ kind: "account", id: "acct-rev" }], [], [{ kind: "group", id: "group-1" }]]);
      // An edit without mentions keeps them; with a list, the list replaces them.
      await storage.comments.editComment("c-1", "@Reviewer see again");
      expect((await storage.comments.listThreads("doc-1"))[0]!.comments[0]!.mentions).toEqual([{ kind: "account", id: "acct-rev" }]);
      await storage.comments.editComment("c-1", "nobody now", []);
      expect((await storage.comments.listThreads("doc-1"))[0]!.comments[0]!.mentions).toEqual([]);
      await storage.comments.deleteComment("c-3");
      expect(await store.raw("SELECT mentions FROM comments WHERE id = 'c-3'")).toEqual([{ mentions: null }]);
    });

    it("resolves and reopens a thread", async () => {
      await storage.comments.createThread(thread("th-1", "c-1"));
      await storage.comments.setStatus("th-1", "resolved", "acct-rev");
      expect(await storage.comments.getThread("doc-1", "th-1")).toMatchObject({ status: "resolved", resolvedBy: "acct-rev", resolvedByName: "Reviewer", resolvedAt: expect.any(String) });
      await storage.comments.setStatus("th-1", "open", CHAIR.id);
      expect(await storage.comments.getThread("doc-1", "th-1")).toMatchObject({ status: "open", resolvedBy: null, resolvedByName: null, resolvedAt: null });
    });
  });

  describe("rounds and versions", () => {
    beforeEach(async () => {
      await seedWorkspace();
      await seedDocument();
    });

    it("opens rounds one after another and freezes each once, recording its version", async () => {
      const first = await openRound("r1");
      expect(first).toMatchObject({ id: "r1", documentId: "doc-1", seq: 1, draftPublished: "2025-03-01", openedBy: CHAIR.id, frozenAt: null });
      expect(await conflictOf(openRound("r1b"))).toBe("round_exists");
      expect(await conflictOf(openRound("r1b", "r1"))).toBe("round_open");
      expect(await conflictOf(openRound("r1b", "nope"))).toBe("round_not_current");
      expect(await storage.rounds.frozenDocuments()).toEqual([]);
      const version = await freeze("r1");
      expect(version).toEqual({
        id: "v-r1",
        documentId: "doc-1",
        roundId: "r1",
        roundName: "Round r1",
        draftPublished: "2025-03-01",
        createdAt: expect.any(String),
        createdBy: CHAIR.id,
        createdByName: "Chair",
        sha256: "abc",
        state: bytes(7, 8),
        content: "{}",
        html: "<p></p>",
        threads: "[]",
        suggestions: "[]",
        language: "fr",
      });
      expect(await conflictOf(storage.rounds.freeze({ roundId: "r1", frozenBy: CHAIR.id, version: { ...version, id: "v-again" } }))).toBe("already_frozen");
      expect(await storage.rounds.frozenDocuments()).toEqual(["doc-1"]);
      expect(await conflictOf(openRound("r2"))).toBe("round_exists");
      expect(await storage.rounds.frozenDocuments()).toEqual(["doc-1"]);
      expect(await openRound("r2", "r1")).toMatchObject({ seq: 2 });
      expect(await conflictOf(openRound("r3", "r1"))).toBe("round_not_current");
      expect(await storage.rounds.frozenDocuments()).toEqual([]);
      expect((await storage.rounds.list("doc-1")).map((r) => [r.id, r.frozenAt !== null])).toEqual([["r1", true], ["r2", false]]);
      const { state: _state, content: _content, html: _html, threads: _threads, suggestions: _suggestions, language: _language, ...summary } = version;
      expect(await storage.rounds.listVersions("doc-1")).toEqual([summary]);
      expect(await storage.rounds.getVersion("doc-1", "v-r1")).toEqual(version);
      expect(await storage.rounds.getVersion("other-doc", "v-r1")).toBeNull();
    });

    it("opens one round when several open the same one at the same moment", async () => {
      const firsts = await Promise.allSettled(["a", "b", "c"].map((id) => openRound(id)));
      expect(firsts.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const opened = (await storage.rounds.list("doc-1"))[0]!.id;
      await freeze(opened);
      const nexts = await Promise.allSettled(["n1", "n2", "n3"].map((id) => openRound(id, opened)));
      expect(nexts.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(nexts.flatMap((r) => (r.status === "rejected" ? [(r.reason as StorageConflict).id] : []))).toEqual(["round_not_current", "round_not_current"]);
      expect(await storage.rounds.list("doc-1")).toHaveLength(2);
    });

    it("keeps versions and frozen rounds unchanged even against direct SQL", async () => {
      await openRound("r1");
      const version = await freeze("r1");
      await expect(store.raw("UPDATE versions SET sha256 = 'forged'")).rejects.toThrow(/versions are immutable/);
      await expect(store.raw("DELETE FROM versions")).rejects.toThrow(/versions are immutable/);
      await expect(store.raw("UPDATE rounds SET frozen_at = NULL WHERE id = 'r1'")).rejects.toThrow(/a frozen round cannot change/);
      expect(await storage.rounds.getVersion("doc-1", "v-r1")).toEqual(version);
      expect(await conflictOf(storage.documents.appendUpdates("doc-1", [bytes(2)]))).toBe("writes_closed");
    });
  });

  describe("scheduled freezes", () => {
    beforeEach(async () => {
      await seedWorkspace();
      await seedDocument();
      await openRound("round-1");
    });

    const scheduleAt = (at: string, remindersSent: string[] = []) =>
      storage.freezeSchedules.set({ roundId: "round-1", documentId: "doc-1", at, scheduledBy: CHAIR.id, scheduledAt: new Date().toISOString(), remindersSent });

    it("keeps one schedule per round, moved or cancelled while pending", async () => {
      const later = inAMinute();
      await scheduleAt(new Date(Date.now() + 3_600_000).toISOString(), ["24h"]);
      await scheduleAt(later);
      expect(await storage.freezeSchedules.listPending()).toEqual([{ roundId: "round-1", documentId: "doc-1", at: later, scheduledBy: CHAIR.id, scheduledAt: expect.any(String), remindersSent: [], doneAt: null }]);
      expect([...(await storage.freezeSchedules.pendingFor(["doc-1", "doc-2"])).keys()]).toEqual(["doc-1"]);
      expect(await storage.freezeSchedules.cancel("round-1")).toBe(true);
      expect(await storage.freezeSchedules.cancel("round-1")).toBe(false);
      expect(await storage.freezeSchedules.listPending()).toEqual([]);
    });

    it("lets one holder claim a due schedule, another only after the lease, and none once done", async () => {
      await scheduleAt(inAMinute());
      expect(await storage.freezeSchedules.claimDue("a", 60_000)).toBeNull();
      await scheduleAt(new Date(Date.now() - 1000).toISOString());
      const other = await store.reopen();
      const claims = await Promise.all([storage.freezeSchedules.claimDue("a", 300), other.freezeSchedules.claimDue("b", 300)]);
      expect(claims.filter(Boolean).map((c) => c!.roundId)).toEqual(["round-1"]);
      const winner = claims[0] ? "a" : "b";
      expect(await storage.freezeSchedules.claimDue("c", 300)).toBeNull();
      await pause(400);
      // The winner died: another takes over once its lease ran out, and the first may no longer finish it.
      expect((await other.freezeSchedules.claimDue("c", 60_000))?.roundId).toBe("round-1");
      expect(await storage.freezeSchedules.finish("round-1", winner, new Date().toISOString())).toBe(false);
      expect(await storage.freezeSchedules.finish("round-1", "c", new Date().toISOString())).toBe(true);
      expect(await storage.freezeSchedules.claimDue("d", 60_000)).toBeNull();
      expect(await storage.freezeSchedules.listPending()).toEqual([]);
      expect(await storage.freezeSchedules.cancel("round-1")).toBe(false);
    });

    it("leaves a schedule being frozen to its holder: no move, no retiring while the lease lasts", async () => {
      await scheduleAt(new Date(Date.now() - 1000).toISOString());
      expect((await storage.freezeSchedules.claimDue("a", 60_000))?.roundId).toBe("round-1");
      expect(await scheduleAt(inAMinute())).toBe(false);
      expect(await storage.freezeSchedules.retire("round-1", new Date().toISOString())).toBe(false);
      expect(await storage.freezeSchedules.finish("round-1", "a", new Date().toISOString())).toBe(true);
      expect(await storage.freezeSchedules.listPending()).toEqual([]);
    });

    it("retires a pending schedule without a claim, once", async () => {
      expect(await scheduleAt(inAMinute())).toBe(true);
      expect(await scheduleAt(inAMinute())).toBe(true);
      expect(await storage.freezeSchedules.retire("round-1", new Date().toISOString())).toBe(true);
      expect(await storage.freezeSchedules.retire("round-1", new Date().toISOString())).toBe(false);
      expect(await storage.freezeSchedules.listPending()).toEqual([]);
    });

    it("records each reminder once, for the time it was meant for", async () => {
      const at = inAMinute();
      await scheduleAt(at);
      const other = await store.reopen();
      const marked = await Promise.all([storage.freezeSchedules.markReminders("round-1", at, [], ["24h"]), other.freezeSchedules.markReminders("round-1", at, [], ["24h"])]);
      expect(marked.filter(Boolean).length).toBe(1);
      expect(await storage.freezeSchedules.markReminders("round-1", new Date(Date.now() + 120_000).toISOString(), ["24h"], ["1h"])).toBe(false);
      expect(await storage.freezeSchedules.markReminders("round-1", at, ["24h"], ["1h"])).toBe(true);
      expect((await storage.freezeSchedules.listPending())[0]?.remindersSent).toEqual(["24h", "1h"]);
    });
  });

  describe("sign-on", () => {
    beforeEach(async () => {
      await seedWorkspace();
      await seedDocument();
      await openRound("r1");
      await freeze("r1");
    });

    const entry = (overrides: Partial<NewSignOnEntry> = {}): NewSignOnEntry => ({
      id: "e-1",
      versionId: "v-r1",
      documentId: "doc-1",
      organisation: "Red Andina",
      organisationLocal: "",
      acronym: "RA",
      country: "PE",
      region: "Latin America",
      type: "network",
      website: "",
      person: "Lucía",
      personTitle: "",
      email: "lucia@example.org",
      consentContact: true,
      language: "es",
      source: "form",
      status: "unconfirmed",
      createdAt: new Date().toISOString(),
      note: "",
      dedupeKey: "lucia@example.org|red andina",
      tokenHash: "hash-1",
      ...overrides,
    });

    it("opens, closes and reopens a version's sign-on, recording who and when", async () => {
      expect(await storage.signOn.window("v-r1")).toBeNull();
      expect(await storage.signOn.closeWindow({ versionId: "v-r1", by: CHAIR.id, at: "2026-01-01T00:00:00.000Z" })).toBeNull();
      expect(await storage.signOn.openWindow({ versionId: "v-r1", documentId: "doc-1", by: CHAIR.id, at: "2026-01-01T00:00:00.000Z" })).toEqual({
        versionId: "v-r1",
        documentId: "doc-1",
        openedAt: "2026-01-01T00:00:00.000Z",
        openedBy: CHAIR.id,
        closedAt: null,
        closedBy: null,
      });
      expect(await storage.signOn.closeWindow({ versionId: "v-r1", by: CHAIR.id, at: "2026-01-02T00:00:00.000Z" })).toMatchObject({ closedAt: "2026-01-02T00:00:00.000Z", closedBy: CHAIR.id });
      expect(await storage.signOn.openWindow({ versionId: "v-r1", documentId: "doc-1", by: CHAIR.id, at: "2026-01-03T00:00:00.000Z" })).toMatchObject({ openedAt: "2026-01-03T00:00:00.000Z", closedAt: null });
    });

    it("keeps one entry per version and key: a second submission takes the new link, and new fields while unconfirmed", async () => {
      const first = await storage.signOn.submit(entry());
      expect(first.created).toBe(true);
      expect(first.entry).toMatchObject({ id: "e-1", consentContact: true, status: "unconfirmed", confirmedAt: null, mergedInto: null });
      const again = await storage.signOn.submit(entry({ id: "e-2", person: "Lucía Q.", consentContact: false, tokenHash: "hash-2" }));
      expect(again).toMatchObject({ created: false, entry: { id: "e-1", person: "Lucía Q.", consentContact: false } });
      expect(await storage.signOn.byTokenHash("hash-1")).toBeNull();
      expect(await storage.signOn.byTokenHash("hash-2")).toMatchObject({ id: "e-1" });
      // Once confirmed, a submission changes only the link.
      expect(await storage.signOn.update("e-1", { status: "confirmed", confirmedAt: "2026-01-01T00:00:00.000Z" }, ["unconfirmed"])).toMatchObject({ status: "confirmed" });
      const later = await storage.signOn.submit(entry({ id: "e-3", person: "Someone else", tokenHash: "hash-3" }));
      expect(later.entry).toMatchObject({ id: "e-1", person: "Lucía Q.", status: "confirmed" });
      // Several at once: one entry.
      const many = await Promise.all(["a", "b", "c"].map((n) => storage.signOn.submit(entry({ id: `m-${n}`, dedupeKey: "same", tokenHash: `h-${n}` }))));
      expect(many.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(many.map((r) => r.entry.id)).size).toBe(1);
      // Another version may have the same key.
      await openRound("r2", "r1");
      await freeze("r2");
      expect((await storage.signOn.submit(entry({ id: "e-4", versionId: "v-r2", tokenHash: "hash-4" }))).created).toBe(true);
      expect((await storage.signOn.list("v-r1")).map((e) => e.id).sort()).toEqual(["e-1", many[0]!.entry.id].sort());
    });

    it("changes an entry only from the states given, and inserts entries by hand", async () => {
      await storage.signOn.submit(entry());
      expect(await storage.signOn.update("e-1", { status: "approved" }, ["confirmed"])).toBeNull();
      expect(await storage.signOn.update("e-1", { organisation: "Red Andina (RA)", note: "typo" })).toMatchObject({ organisation: "Red Andina (RA)", note: "typo", status: "unconfirmed" });
      expect(await storage.signOn.update("missing", { note: "x" })).toBeNull();
      const hand = await storage.signOn.insert(entry({ id: "e-hand", source: "hand", status: "approved", email: "", dedupeKey: "hand|e-hand", tokenHash: null }));
      expect(hand).toMatchObject({ source: "hand", status: "approved", email: "" });
      expect(await storage.signOn.update("e-hand", { status: "merged", mergedInto: "e-1", decidedBy: CHAIR.id, decidedAt: "2026-01-01T00:00:00.000Z" })).toMatchObject({
        status: "merged",
        mergedInto: "e-1",
        decidedBy: CHAIR.id,
      });
      await expect(store.raw("UPDATE sign_on_entries SET status = 'bogus' WHERE id = 'e-1'")).rejects.toThrow();
      expect(await storage.signOn.get("e-1")).toMatchObject({ status: "unconfirmed" });
    });

    it("keeps a chair's correction when the same organisation submits again", async () => {
      await storage.signOn.submit(entry());
      await storage.signOn.update("e-1", { organisation: "Red Andina del Perú", country: "PE", editedAt: "2026-01-01T00:00:00.000Z" });
      const again = await storage.signOn.submit(entry({ id: "e-2", organisation: "red andina", person: "Someone", tokenHash: "hash-2", language: "fr" }));
      expect(again).toMatchObject({ created: false, entry: { id: "e-1", organisation: "Red Andina del Perú", person: "Lucía", language: "fr", status: "unconfirmed", editedAt: "2026-01-01T00:00:00.000Z" } });
      expect(await storage.signOn.byTokenHash("hash-2")).toMatchObject({ id: "e-1" });
    });

    it("knows whether sign-on was ever opened for a statement, and which entries were carried from one", async () => {
      expect(await storage.signOn.everOpened("doc-1")).toBe(false);
      await storage.signOn.openWindow({ versionId: "v-r1", documentId: "doc-1", by: CHAIR.id, at: "2026-01-01T00:00:00.000Z" });
      await storage.signOn.closeWindow({ versionId: "v-r1", by: CHAIR.id, at: "2026-01-02T00:00:00.000Z" });
      expect(await storage.signOn.everOpened("doc-1")).toBe(true);
      await storage.signOn.insert(entry({ status: "approved" }));
      await openRound("r2", "r1");
      await freeze("r2");
      const copy = await storage.signOn.insert(entry({ id: "e-copy", versionId: "v-r2", status: "approved", dedupeKey: "carried|e-copy", tokenHash: null, carriedFrom: "e-1" }));
      expect(copy).toMatchObject({ carriedFrom: "e-1", editedAt: null });
      expect((await storage.signOn.copies("e-1")).map((e) => e.id)).toEqual(["e-copy"]);
      expect(await storage.signOn.copies("e-copy")).toEqual([]);
    });

    it("merges only into a live entry, and never two entries into each other", async () => {
      const add = (id: string, status: "approved" | "withdrawn" | "rejected") => storage.signOn.insert(entry({ id, status, dedupeKey: id, tokenHash: null }));
      await add("a", "approved");
      await add("b", "approved");
      await add("gone", "withdrawn");
      await add("no", "rejected");
      const by = { decidedAt: "2026-01-01T00:00:00.000Z", decidedBy: CHAIR.id };
      expect(await storage.signOn.merge("a", "gone", by)).toEqual({ refused: "target_not_live" });
      expect(await storage.signOn.merge("a", "no", by)).toEqual({ refused: "target_not_live" });
      expect(await storage.signOn.merge("a", "missing", by)).toEqual({ refused: "target_not_live" });
      // Two opposite merges at once: one wins, the other finds its target merged.
      const results = await Promise.all([storage.signOn.merge("a", "b", by), storage.signOn.merge("b", "a", by)]);
      expect(results.filter((r) => "entry" in r)).toHaveLength(1);
      expect(results.filter((r) => "refused" in r)).toEqual([{ refused: "target_not_live" }]);
      const [a, b] = [(await storage.signOn.get("a"))!, (await storage.signOn.get("b"))!];
      expect([a.status, b.status].sort()).toEqual(["approved", "merged"]);
      const merged = a.status === "merged" ? a : b;
      expect(merged).toMatchObject({ mergedInto: merged.id === "a" ? "b" : "a", decidedBy: CHAIR.id });
      expect(await storage.signOn.merge(merged.id, "gone", by)).toEqual({ refused: "target_not_live" });
      await add("c", "approved");
      expect(await storage.signOn.merge(merged.id, "c", by)).toEqual({ refused: "already_merged" });
    });
  });

  describe("mail queue", () => {
    const READER = { id: "acct-reader", email: "reader@example.org", displayName: "Reader", passwordHash: "reader-hash" };

    beforeEach(async () => {
      await seedWorkspace();
      await storage.accounts.create(READER);
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: READER.id, role: "reviewer", groupIds: [] });
    });

    function notification(id: string, accountId: string, createdAt: string): NewNotification {
      return { id, accountId, workspaceId: WORKSPACE, documentId: null, kind: "inviteAccepted", actorId: null, subject: "x", detail: { workspace: "Workspace" }, link: "/members", createdAt };
    }

    function job(id: string, accountId = CHAIR.id): NewMailJob {
      return {
        id,
        workspaceId: WORKSPACE,
        accountId,
        recipient: `${accountId}@example.org`,
        language: "fr",
        kind: "notification",
        subject: `Subject ${id}`,
        text: "Text",
        headers: { "List-Unsubscribe": `<https://example.org/api/unsubscribe/${id}>` },
        messageId: `<${id}@example.org>`,
        unsubscribeHash: `hash-${id}`,
        createdAt: "2026-01-01T00:00:00.000Z",
      };
    }

    it("queues mail and marks its notifications mailed in one step; a claimed mail is nobody else's until sent", async () => {
      await storage.notifications.add([notification("n-1", CHAIR.id, "2026-01-01T00:00:00.000Z")]);
      await storage.mail.enqueue([job("job-1")], ["n-1"], "2026-01-01T00:00:01.000Z");
      expect((await storage.notifications.list(CHAIR.id, { limit: 5 }))[0]?.mailedAt).toBe("2026-01-01T00:00:01.000Z");
      expect(await storage.mail.due(10)).toEqual(["job-1"]);
      const claimed = await storage.mail.claim("job-1", "instance-a", 60_000);
      expect(claimed).toMatchObject({ id: "job-1", recipient: "acct-chair@example.org", language: "fr", attempts: 0, claimedBy: "instance-a", headers: job("job-1").headers });
      expect(await storage.mail.due(10)).toEqual([]);
      const other = await store.reopen();
      expect(await other.mail.claim("job-1", "instance-b", 60_000)).toBeNull();
      await storage.mail.markSent("job-1", "2026-01-01T00:00:02.000Z");
      expect(await other.mail.get("job-1")).toMatchObject({ sentAt: "2026-01-01T00:00:02.000Z", claimedBy: null });
      expect(await other.mail.claim("job-1", "instance-b", 60_000)).toBeNull();
      expect(await other.mail.accountOfUnsubscribe("hash-job-1")).toBe(CHAIR.id);
      expect(await other.mail.accountOfUnsubscribe("hash-unknown")).toBeNull();
    });

    it("two instances claim the same jobs at once: each job goes to exactly one", async () => {
      const ids = Array.from({ length: 12 }, (_, i) => `job-${i}`);
      await storage.mail.enqueue(ids.map((id) => job(id)), [], "2026-01-01T00:00:00.000Z");
      const other = await store.reopen();
      const claims = await Promise.all(ids.flatMap((id) => [storage.mail.claim(id, "instance-a", 60_000), other.mail.claim(id, "instance-b", 60_000)]));
      const won = claims.filter((claim) => claim !== null);
      expect(won.map((claim) => claim.id).sort()).toEqual([...ids].sort());
    });

    it("lets another instance take a mail whose lease ran out", async () => {
      await storage.mail.enqueue([job("job-1")], [], "2026-01-01T00:00:00.000Z");
      expect(await storage.mail.claim("job-1", "instance-a", 1)).not.toBeNull();
      await pause(30);
      const other = await store.reopen();
      expect(await other.mail.claim("job-1", "instance-b", 60_000)).toMatchObject({ claimedBy: "instance-b" });
      // The first holder lost it: its failure is not recorded over the new holder's attempt.
      expect(await storage.mail.markFailed("job-1", "instance-a", "timeout", 1000, "2026-01-01T00:00:01.000Z")).toBe(false);
    });

    it("counts failed attempts, waits before the next, and gives up for good", async () => {
      await storage.mail.enqueue([job("job-1")], [], "2026-01-01T00:00:00.000Z");
      await storage.mail.claim("job-1", "instance-a", 60_000);
      expect(await storage.mail.markFailed("job-1", "instance-a", "421 try later", 3_600_000, "2026-01-01T00:00:01.000Z")).toBe(true);
      expect(await storage.mail.get("job-1")).toMatchObject({ attempts: 1, lastError: "421 try later", claimedBy: null, failedAt: null });
      expect(await storage.mail.due(10)).toEqual([]);
      expect(await storage.mail.claim("job-1", "instance-a", 60_000)).toBeNull();
      await storage.mail.enqueue([job("job-2")], [], "2026-01-01T00:00:00.000Z");
      await storage.mail.claim("job-2", "instance-a", 60_000);
      await storage.mail.markFailed("job-2", "instance-a", "550 no such mailbox", null, "2026-01-01T00:00:02.000Z");
      expect(await storage.mail.get("job-2")).toMatchObject({ attempts: 1, failedAt: "2026-01-01T00:00:02.000Z" });
      expect(await storage.mail.due(10)).toEqual([]);
      expect(await storage.mail.claim("job-2", "instance-a", 60_000)).toBeNull();
    });

    it("finds digest readers' unmailed notifications of a day, and two instances digesting them at once queue one digest", async () => {
      await storage.notifications.setEmailMode(READER.id, "digest");
      await storage.notifications.add([
        notification("n-old", READER.id, "2026-01-01T06:59:59.000Z"),
        notification("n-1", READER.id, "2026-01-01T08:00:00.000Z"),
        notification("n-2", READER.id, "2026-01-02T06:00:00.000Z"),
        notification("n-late", READER.id, "2026-01-02T07:00:00.000Z"),
        // Each at once: not for a digest.
        notification("n-chair", CHAIR.id, "2026-01-01T09:00:00.000Z"),
      ]);
      const pending = await storage.mail.undigested("2026-01-01T07:00:00.000Z", "2026-01-02T07:00:00.000Z");
      expect(pending.map((n) => n.id)).toEqual(["n-1", "n-2"]);
      expect(pending[0]).toMatchObject({ accountId: READER.id, detail: { workspace: "Workspace" }, mailedAt: null });

      const other = await store.reopen();
      const ids = pending.map((n) => n.id);
      const [a, b] = await Promise.all([
        storage.mail.enqueueDigest(ids, "2026-01-02T07:00:01.000Z", (taken) => ({ ...job("digest-a", READER.id), kind: "digest", text: taken.join(",") })),
        other.mail.enqueueDigest(ids, "2026-01-02T07:00:01.000Z", (taken) => ({ ...job("digest-b", READER.id), kind: "digest", text: taken.join(",") })),
      ]);
      expect([a, b].map((taken) => taken.length).sort()).toEqual([0, 2]);
      const jobs = await storage.mail.listFor(READER.id);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ kind: "digest", text: "n-1,n-2" });
      expect(await storage.mail.undigested("2026-01-01T07:00:00.000Z", "2026-01-02T07:00:00.000Z")).toEqual([]);
      expect(await storage.mail.enqueueDigest(ids, "2026-01-02T08:00:00.000Z", () => job("digest-c", READER.id))).toEqual([]);
    });

    it("leaves out of digests, and sets aside, the notifications of a workspace their reader has left", async () => {
      await storage.notifications.setEmailMode(READER.id, "digest");
      await storage.notifications.add([notification("n-before", READER.id, "2026-01-01T06:00:00.000Z"), notification("n-1", READER.id, "2026-01-01T08:00:00.000Z")]);
      expect((await storage.mail.undigested("2026-01-01T07:00:00.000Z", "2026-01-02T07:00:00.000Z")).map((n) => n.id)).toEqual(["n-1"]);
      // Still a member: nothing set aside.
      expect(await storage.mail.dropFormerMembers("2026-01-01T07:00:00.000Z", "2026-01-02T07:00:00.000Z")).toBe(0);
      await storage.workspaces.removeMember(WORKSPACE, READER.id);
      expect(await storage.mail.undigested("2026-01-01T07:00:00.000Z", "2026-01-02T07:00:00.000Z")).toEqual([]);
      expect(await storage.mail.dropFormerMembers("2026-01-01T07:00:00.000Z", "2026-01-02T07:00:01.000Z")).toBe(1);
      // Back in the workspace later: what was set aside stays aside (and the bell shows the workspace's again).
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: READER.id, role: "reviewer", groupIds: [] });
      expect(await storage.mail.undigested("2026-01-01T07:00:00.000Z", "2026-01-02T07:00:00.000Z")).toEqual([]);
      const rows = await storage.notifications.list(READER.id, { limit: 5 });
      // Only the window's: the older one is left as it was.
      expect(Object.fromEntries(rows.map((n) => [n.id, n.mailedAt]))).toEqual({ "n-1": "2026-01-02T07:00:01.000Z", "n-before": null });
    });

    it("finds the unmailed notifications of readers who want each one (by default too), members only, oldest first", async () => {
      await storage.accounts.create({ id: "acct-digest", email: "digest@example.org", displayName: "Digest", passwordHash: "x" });
      await storage.accounts.create({ id: "acct-off", email: "off@example.org", displayName: "Off", passwordHash: "x" });
      await storage.accounts.create({ id: "acct-gone", email: "gone@example.org", displayName: "Gone", passwordHash: "x" });
      for (const id of ["acct-digest", "acct-off"]) await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: id, role: "reviewer", groupIds: [] });
      await storage.notifications.setEmailMode(READER.id, "immediate");
      await storage.notifications.setEmailMode("acct-digest", "digest");
      await storage.notifications.setEmailMode("acct-off", "off");
      await storage.notifications.add([
        notification("n-reader", READER.id, "2026-01-01T08:00:00.000Z"),
        // The chair chose nothing: each one by mail, the default.
        notification("n-chair", CHAIR.id, "2026-01-01T09:00:00.000Z"),
        notification("n-mailed", CHAIR.id, "2026-01-01T09:30:00.000Z"),
        notification("n-digest", "acct-digest", "2026-01-01T10:00:00.000Z"),
        notification("n-off", "acct-off", "2026-01-01T10:00:00.000Z"),
        notification("n-gone", "acct-gone", "2026-01-01T10:00:00.000Z"),
        notification("n-old", READER.id, "2026-01-01T06:00:00.000Z"),
        notification("n-recent", READER.id, "2026-01-01T11:59:50.000Z"),
      ]);
      await storage.mail.enqueue([job("job-mailed")], ["n-mailed"], "2026-01-01T09:30:01.000Z");
      const since = "2026-01-01T07:00:00.000Z";
      const before = "2026-01-01T11:59:30.000Z";
      expect((await storage.mail.unmailedImmediate(since, before, 10)).map((n) => n.id)).toEqual(["n-reader", "n-chair"]);
      expect((await storage.mail.unmailedImmediate(since, before, 1)).map((n) => n.id)).toEqual(["n-reader"]);
      expect(await storage.mail.unmailedImmediate(since, before, 10).then((rows) => rows[0])).toMatchObject({ accountId: READER.id, detail: { workspace: "Workspace" }, mailedAt: null });
      // Taken once, as digests are: the second instance finds it taken.
      const other = await store.reopen();
      const [a, b] = await Promise.all([
        storage.mail.enqueueDigest(["n-reader"], "2026-01-01T12:00:00.000Z", () => job("missed-a", READER.id)),
        other.mail.enqueueDigest(["n-reader"], "2026-01-01T12:00:00.000Z", () => job("missed-b", READER.id)),
      ]);
      expect([a, b].map((taken) => taken.length).sort()).toEqual([0, 1]);
      expect(await storage.mail.listFor(READER.id)).toHaveLength(1);
      expect((await storage.mail.unmailedImmediate(since, before, 10)).map((n) => n.id)).toEqual(["n-chair"]);
      // A reader who switches from the digest to each one: the day's notifications are found.
      await storage.notifications.setEmailMode("acct-digest", "immediate");
      expect((await storage.mail.unmailedImmediate(since, before, 10)).map((n) => n.id)).toEqual(["n-chair", "n-digest"]);
    });

    it("cancels a claimed mail only for its holder, and stops every unsent mail of an account with its unmailed notifications", async () => {
      await storage.notifications.add([notification("n-1", READER.id, "2026-01-01T08:00:00.000Z"), notification("n-chair", CHAIR.id, "2026-01-01T08:00:00.000Z")]);
      await storage.mail.enqueue([job("job-1", READER.id), job("job-2", READER.id), job("job-3", READER.id), job("job-chair")], [], "2026-01-01T00:00:00.000Z");
      await storage.mail.claim("job-1", "instance-a", 60_000);
      expect(await storage.mail.cancel("job-1", "instance-b", "email mode off", "2026-01-01T00:00:01.000Z")).toBe(false);
      expect(await storage.mail.cancel("job-1", "instance-a", "email mode off", "2026-01-01T00:00:01.000Z")).toBe(true);
      expect(await storage.mail.get("job-1")).toMatchObject({ failedAt: "2026-01-01T00:00:01.000Z", lastError: "cancelled: email mode off", sentAt: null, claimedBy: null, attempts: 0 });
      expect(await storage.mail.claim("job-1", "instance-a", 60_000)).toBeNull();
      await storage.mail.claim("job-2", "instance-a", 60_000);
      await storage.mail.markSent("job-2", "2026-01-01T00:00:02.000Z");

      expect(await storage.mail.stopFor(READER.id, "unsubscribed", "2026-01-01T00:00:03.000Z")).toBe(1);
      expect(await storage.mail.get("job-2")).toMatchObject({ sentAt: "2026-01-01T00:00:02.000Z", failedAt: null });
      expect(await storage.mail.get("job-3")).toMatchObject({ failedAt: "2026-01-01T00:00:03.000Z", lastError: "cancelled: unsubscribed", sentAt: null });
      expect(await storage.mail.due(10)).toEqual(["job-chair"]);
      expect((await storage.notifications.list(READER.id, { limit: 5 }))[0]?.mailedAt).toBe("2026-01-01T00:00:03.000Z");
      expect((await storage.notifications.list(CHAIR.id, { limit: 5 }))[0]?.mailedAt).toBeNull();
    });
  });

  describe("Surround Sound matrix", () => {
    const COORD = { id: "acct-coord", email: "coord@example.org", displayName: "Coordinator", passwordHash: "coord-hash" };
    const T0 = "2026-02-01T09:00:00.000Z";
    const at = (second: number) => `2026-02-01T09:00:${String(second).padStart(2, "0")}.000Z`;
    // Acts by their stable ids (what the matrix stores); numbers only in history entries.
    const state = (id: string, code: string, actIds: string[] = ["act-a"]) => ({ id, documentId: "doc-1", kind: "state" as const, code, name: "", actIds, addedBy: CHAIR.id, addedAt: T0 });
    const actor = (id: string, name: string) => ({ id, documentId: "doc-1", kind: "other" as const, code: null, name, actIds: ["act-b"], addedBy: CHAIR.id, addedAt: T0 });
    const LIMIT = 1000;
    const cell = (position: "supports" | "flexible" | "opposes" | "unknown", recordedAt: string, over: Partial<MatrixCellWrite> = {}): MatrixCellWrite => ({
      documentId: "doc-1",
      targetId: "t-fr",
      actId: "act-a",
      act: 1,
      roundId: "r-1",
      position,
      note: `${position} note`,
      internal: false,
      evidenceUrl: "https://example.org/statement",
      evidenceQuote: "We support it.",
      evidenceDate: "2026-01-30",
      recordedBy: COORD.id,
      recordedAt,
      ...over,
    });
    const advocate = (id: string, organisation: string, targetId = "t-fr") => ({
      id,
      documentId: "doc-1",
      targetId,
      channel: "capital" as const,
      organisation,
      contactName: "Ana",
      contactEmail: "ana@example.org",
      note: "",
      addedBy: COORD.id,
      addedAt: at(5),
    });
    /** A cell as stored: the Act's number is the history's only. */
    const stored = (write: MatrixCellWrite, more: { recordedByName: string; revision: number }): StoredMatrixCell => {
      const { act, ...kept } = write;
      expect(act).toBeGreaterThan(0);
      return { ...kept, ...more };
    };
    const count = async (table: string) => Number((await store.raw(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);

    beforeEach(async () => {
      await seedWorkspace();
      await storage.accounts.create(COORD);
      await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: COORD.id, role: "coordinator", groupIds: [] });
      await seedDocument();
      await seedDocument("doc-2");
      await openRound("r-1");
    });

    it("adds targets once per statement: a state by code, another actor by name whatever its case", async () => {
      expect(await storage.matrix.addTarget(state("t-fr", "FR", ["act-c", "act-a", "act-b"]), LIMIT)).toEqual({ ...state("t-fr", "FR"), actIds: ["act-a", "act-b", "act-c"] });
      expect(await storage.matrix.addTarget(actor("t-eu", "European Union"), LIMIT)).toEqual(actor("t-eu", "European Union"));
      expect(await conflictOf(storage.matrix.addTarget(state("t-fr2", "FR"), LIMIT))).toBe("matrix_target_exists");
      expect(await conflictOf(storage.matrix.addTarget(actor("t-eu2", "european union "), LIMIT))).toBe("matrix_target_exists");
      // Another statement may target the same.
      await storage.matrix.addTarget({ ...state("t-fr-2", "FR"), documentId: "doc-2" }, LIMIT);
      expect((await storage.matrix.targets("doc-1")).map((t) => t.id).sort()).toEqual(["t-eu", "t-fr"]);
      expect(await storage.matrix.target("doc-1", "t-fr")).toMatchObject({ code: "FR", actIds: ["act-a", "act-b", "act-c"] });
      expect(await storage.matrix.target("doc-2", "t-fr")).toBeNull();
      expect(await storage.matrix.history("doc-1", "t-fr", 10)).toEqual([
        { id: expect.any(String), documentId: "doc-1", targetId: "t-fr", action: "target_added", act: null, actId: null, roundId: null, before: null, after: null, detail: null, by: CHAIR.id, byName: CHAIR.displayName, at: T0 },
      ]);
    });

    it("seeds several targets at once, skipping those already there, and sets a target's Acts with its history", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      await storage.matrix.addTargets([state("t-fr-again", "FR"), state("t-br", "BR", ["act-d"]), actor("t-eu", "EU")]);
      expect((await storage.matrix.targets("doc-1")).map((t) => t.id).sort()).toEqual(["t-br", "t-eu", "t-fr"]);
      expect(await storage.matrix.history("doc-1", "t-fr", 10)).toHaveLength(1);
      const acts = (actIds: string[], expected: string[]) => ({ actIds, expected, detail: "1, 3, 9" });
      expect(await storage.matrix.setTargetActs("doc-1", "t-br", acts(["act-c", "act-b", "act-a", "act-b"], ["act-d"]), COORD.id, at(1))).toMatchObject({ id: "t-br", actIds: ["act-a", "act-b", "act-c"] });
      expect((await storage.matrix.history("doc-1", "t-br", 10))[0]).toMatchObject({ action: "target_acts_set", detail: "1, 3, 9", by: COORD.id, byName: COORD.displayName, at: at(1) });
      // Changed on Acts it no longer has: refused, nothing written.
      expect(await conflictOf(storage.matrix.setTargetActs("doc-1", "t-br", acts(["act-e"], ["act-d"]), COORD.id, at(2)))).toBe("matrix_stale");
      expect(await storage.matrix.target("doc-1", "t-br")).toMatchObject({ actIds: ["act-a", "act-b", "act-c"] });
      expect(await storage.matrix.history("doc-1", "t-br", 10)).toHaveLength(2);
      expect(await storage.matrix.setTargetActs("doc-2", "t-br", acts(["act-a"], []), COORD.id, at(2))).toBeNull();
    });

    it("records a position only on the revision it was based on, with its history", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      const first = await storage.matrix.setCell(cell("supports", at(1)), null);
      expect(first).toEqual({ cell: stored(cell("supports", at(1)), { recordedByName: COORD.displayName, revision: 1 }) });
      // Based on no cell, but there is one now: refused with the cell as it is.
      expect(await storage.matrix.setCell(cell("opposes", at(2)), null)).toEqual({ conflict: stored(cell("supports", at(1)), { recordedByName: COORD.displayName, revision: 1 }) });
      expect(await storage.matrix.setCell(cell("opposes", at(2)), 3)).toMatchObject({ conflict: { revision: 1, position: "supports" } });
      // A cell nobody recorded, changed on a revision: refused with no cell.
      expect(await storage.matrix.setCell(cell("opposes", at(2), { actId: "act-b", act: 2 }), 1)).toEqual({ conflict: null });
      const second = await storage.matrix.setCell(cell("flexible", at(3), { internal: true, recordedBy: CHAIR.id }), 1);
      expect(second).toEqual({ cell: stored(cell("flexible", at(3), { internal: true, recordedBy: CHAIR.id }), { recordedByName: CHAIR.displayName, revision: 2 }) });
      expect(await storage.matrix.cells("doc-1", ["r-1"])).toEqual([(second as { cell: StoredMatrixCell }).cell]);
      expect(await storage.matrix.cellsOf("doc-1", "t-fr")).toEqual([(second as { cell: StoredMatrixCell }).cell]);
      expect(await storage.matrix.cells("doc-1", [])).toEqual([]);
      expect(await storage.matrix.cells("doc-2", ["r-1"])).toEqual([]);
      const history = await storage.matrix.history("doc-1", "t-fr", 10);
      expect(history.map(({ action, act, actId, roundId, before, after, by }) => ({ action, act, actId, roundId, before, after, by }))).toEqual([
        { action: "cell_set", act: 1, actId: "act-a", roundId: "r-1", before: "supports", after: "flexible", by: CHAIR.id },
        { action: "cell_set", act: 1, actId: "act-a", roundId: "r-1", before: null, after: "supports", by: COORD.id },
        { action: "target_added", act: null, actId: null, roundId: null, before: null, after: null, by: CHAIR.id },
      ]);
      expect(await storage.matrix.history("doc-1", "t-fr", 1)).toHaveLength(1);
    });

    it("keeps each round's positions apart", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      await storage.matrix.setCell(cell("opposes", at(1)), null);
      await freeze("r-1");
      await openRound("r-2", "r-1");
      await storage.matrix.setCell(cell("supports", at(2), { roundId: "r-2" }), null);
      expect((await storage.matrix.cells("doc-1", ["r-2"])).map((c) => c.position)).toEqual(["supports"]);
      expect((await storage.matrix.cells("doc-1", ["r-1", "r-2"])).map((c) => [c.roundId, c.position])).toEqual([
        ["r-1", "opposes"],
        ["r-2", "supports"],
      ]);
      expect(await storage.matrix.cellsOf("doc-1", "t-fr")).toHaveLength(2);
    });

    it("lets exactly one of two changes based on the same revision in, from two instances at once", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      const other = await store.reopen();
      const firsts = await Promise.all([storage.matrix.setCell(cell("supports", at(1)), null), other.matrix.setCell(cell("opposes", at(1)), null)]);
      expect(firsts.filter((result) => "cell" in result)).toHaveLength(1);
      const winner = firsts.find((result): result is { cell: StoredMatrixCell } => "cell" in result)!.cell;
      expect(firsts.find((result) => "conflict" in result)).toEqual({ conflict: winner });
      const seconds = await Promise.all([storage.matrix.setCell(cell("flexible", at(2)), 1), other.matrix.setCell(cell("unknown", at(2)), 1)]);
      expect(seconds.filter((result) => "cell" in result)).toHaveLength(1);
      expect(seconds.find((result) => "conflict" in result)).toMatchObject({ conflict: { revision: 2 } });
      expect((await storage.matrix.cellsOf("doc-1", "t-fr"))[0]?.revision).toBe(2);
      expect((await storage.matrix.history("doc-1", "t-fr", 10)).filter((change) => change.action === "cell_set")).toHaveLength(2);
    });

    it("adds, changes and removes advocates with their history", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      const added = await storage.matrix.addAdvocate(advocate("adv-1", "Oxfam"), LIMIT);
      expect(added).toEqual({ ...advocate("adv-1", "Oxfam"), addedByName: COORD.displayName });
      expect(await storage.matrix.advocate("doc-1", "adv-1")).toEqual(added);
      expect(await storage.matrix.advocate("doc-2", "adv-1")).toBeNull();
      const changed = await storage.matrix.updateAdvocate("doc-1", "adv-1", { channel: "geneva", contactName: "Bea" }, CHAIR.id, at(6));
      expect(changed).toEqual({ ...added, channel: "geneva", contactName: "Bea" });
      expect(await storage.matrix.updateAdvocate("doc-1", "adv-1", { organisation: "Oxfam International" }, CHAIR.id, at(7))).toMatchObject({ organisation: "Oxfam International", channel: "geneva" });
      expect(await storage.matrix.updateAdvocate("doc-2", "adv-1", { note: "x" }, CHAIR.id, at(8))).toBeNull();
      await storage.matrix.addAdvocate(advocate("adv-2", "Amnesty"), LIMIT);
      expect((await storage.matrix.advocates("doc-1")).map((a) => a.id)).toEqual(["adv-1", "adv-2"]);
      expect(await storage.matrix.removeAdvocate("doc-1", "adv-1", CHAIR.id, at(9))).toBe(true);
      expect(await storage.matrix.removeAdvocate("doc-1", "adv-1", CHAIR.id, at(9))).toBe(false);
      expect((await storage.matrix.advocates("doc-1")).map((a) => a.id)).toEqual(["adv-2"]);
      const history = await storage.matrix.history("doc-1", "t-fr", 10);
      expect(history.map(({ action, detail, byName }) => [action, detail, byName])).toEqual([
        ["advocate_removed", "Oxfam International", CHAIR.displayName],
        ["advocate_changed", "Oxfam International", CHAIR.displayName],
        ["advocate_changed", "Oxfam", CHAIR.displayName],
        ["advocate_added", "Amnesty", COORD.displayName],
        ["advocate_added", "Oxfam", COORD.displayName],
        ["target_added", null, CHAIR.displayName],
      ]);
    });

    it("removes a target with its cells, advocates and history", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      await storage.matrix.addTarget(state("t-br", "BR"), LIMIT);
      await storage.matrix.setCell(cell("supports", at(1)), null);
      await storage.matrix.setCell(cell("supports", at(1), { targetId: "t-br" }), null);
      await storage.matrix.addAdvocate(advocate("adv-1", "Oxfam"), LIMIT);
      expect(await storage.matrix.removeTarget("doc-2", "t-fr")).toBe(false);
      expect(await storage.matrix.removeTarget("doc-1", "t-fr")).toBe(true);
      expect(await storage.matrix.removeTarget("doc-1", "t-fr")).toBe(false);
      expect((await storage.matrix.targets("doc-1")).map((t) => t.id)).toEqual(["t-br"]);
      expect(await count("matrix_cells")).toBe(1);
      expect(await count("matrix_advocates")).toBe(0);
      expect(await store.raw("SELECT DISTINCT target_id FROM matrix_history")).toEqual([{ target_id: "t-br" }]);
      // The same state may be added again afterwards.
      await storage.matrix.addTarget(state("t-fr-new", "FR"), LIMIT);
    });

    it("imports targets, positions, advocates and history all at once, or nothing", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      await storage.matrix.setCell(cell("opposes", at(1)), null);
      await storage.matrix.importAll({
        documentId: "doc-1",
        by: COORD.id,
        at: at(10),
        targets: [{ id: "t-br", documentId: "doc-1", kind: "state", code: "BR", name: "", actIds: ["act-c", "act-a"] }],
        cells: [
          { ...cell("supports", ""), targetId: "t-br", note: "imported" },
          { ...cell("flexible", ""), targetId: "t-fr" },
        ],
        advocates: [{ ...advocate("adv-1", "Oxfam", "t-br") }],
        changes: [
          { id: "h-1", targetId: "t-br", action: "imported", act: 1, actId: "act-a", roundId: "r-1", before: null, after: "supports", detail: null },
          { id: "h-2", targetId: "t-fr", action: "imported", act: 1, actId: "act-a", roundId: "r-1", before: "opposes", after: "flexible", detail: null },
        ],
      });
      expect(await storage.matrix.target("doc-1", "t-br")).toMatchObject({ actIds: ["act-a", "act-c"], addedBy: COORD.id, addedAt: at(10) });
      expect((await storage.matrix.cells("doc-1", ["r-1"])).map((c) => [c.targetId, c.position, c.revision, c.recordedBy, c.recordedAt])).toEqual([
        ["t-br", "supports", 1, COORD.id, at(10)],
        ["t-fr", "flexible", 2, COORD.id, at(10)],
      ]);
      expect(await storage.matrix.advocates("doc-1")).toEqual([{ ...advocate("adv-1", "Oxfam", "t-br"), addedAt: at(10), addedByName: COORD.displayName }]);
      expect((await storage.matrix.history("doc-1", "t-br", 10))[0]).toMatchObject({ id: "h-1", action: "imported", after: "supports", by: COORD.id, byName: COORD.displayName, at: at(10) });

      // A duplicate target midway: nothing of that import is written.
      const [cellsBefore, advocatesBefore, historyBefore] = [await count("matrix_cells"), await count("matrix_advocates"), await count("matrix_history")];
      const failed = storage.matrix.importAll({
        documentId: "doc-1",
        by: COORD.id,
        at: at(20),
        targets: [
          { id: "t-de", documentId: "doc-1", kind: "state", code: "DE", name: "", actIds: ["act-a"] },
          { id: "t-fr-again", documentId: "doc-1", kind: "state", code: "FR", name: "", actIds: ["act-a"] },
        ],
        cells: [{ ...cell("opposes", ""), targetId: "t-br" }],
        advocates: [advocate("adv-2", "Amnesty", "t-br")],
        changes: [{ id: "h-3", targetId: "t-br", action: "imported", act: 1, actId: "act-a", roundId: "r-1", before: "supports", after: "opposes", detail: null }],
      });
      expect(await conflictOf(failed)).toBe("matrix_target_exists");
      expect(await storage.matrix.target("doc-1", "t-de")).toBeNull();
      expect([await count("matrix_cells"), await count("matrix_advocates"), await count("matrix_history")]).toEqual([cellsBefore, advocatesBefore, historyBefore]);
      expect((await storage.matrix.cellsOf("doc-1", "t-br"))[0]?.position).toBe("supports");
    });

    it("imports thousands of positions at once (inserts in batches under SQLite's variable limit)", async () => {
      const targets = Array.from({ length: 320 }, (_, index) => ({ id: `t-${index}`, documentId: "doc-1", kind: "other" as const, code: null, name: `Actor ${index}`, actIds: ["act-a"] }));
      const acts = Array.from({ length: 10 }, (_, index) => `act-${index}`);
      const cells = targets.flatMap((target) => acts.map((actId, index) => ({ ...cell("supports", ""), targetId: target.id, actId, act: index + 1 })));
      expect(cells).toHaveLength(3200);
      await storage.matrix.importAll({
        documentId: "doc-1",
        by: COORD.id,
        at: at(10),
        targets,
        cells,
        advocates: targets.map((target) => advocate(`adv-${target.id}`, "Oxfam", target.id)),
        changes: cells.map((c, index) => ({ id: `h-${index}`, targetId: c.targetId, action: "imported", act: c.act, actId: c.actId, roundId: "r-1", before: null, after: "supports", detail: null })),
      });
      expect([await count("matrix_targets"), await count("matrix_cells"), await count("matrix_advocates"), await count("matrix_history")]).toEqual([320, 3200, 320, 3200]);
    });

    it("keeps an organisation once per target and channel, whatever its case, and an import skips one there already", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      await storage.matrix.addAdvocate(advocate("adv-1", "Oxfam"), LIMIT);
      expect(await conflictOf(storage.matrix.addAdvocate(advocate("adv-2", "OXFAM "), LIMIT))).toBe("matrix_advocate_exists");
      await storage.matrix.addAdvocate({ ...advocate("adv-3", "Oxfam"), channel: "geneva" }, LIMIT);
      expect(await conflictOf(storage.matrix.updateAdvocate("doc-1", "adv-3", { channel: "capital" }, CHAIR.id, at(6)))).toBe("matrix_advocate_exists");
      await storage.matrix.addAdvocate(advocate("adv-4", "Amnesty"), LIMIT);
      expect(await conflictOf(storage.matrix.updateAdvocate("doc-1", "adv-4", { organisation: "oxfam" }, CHAIR.id, at(6)))).toBe("matrix_advocate_exists");
      const other = await store.reopen();
      const write = (id: string) => ({ documentId: "doc-1", by: COORD.id, at: at(10), targets: [], cells: [], advocates: [advocate(id, "Kituo cha Sheria")], changes: [] });
      // The same file imported twice at once, and one naming an organisation there already: each once.
      await Promise.all([storage.matrix.importAll(write("adv-5")), other.matrix.importAll(write("adv-6")), storage.matrix.importAll({ ...write("adv-7"), advocates: [advocate("adv-7", "oxfam")] })]);
      expect((await storage.matrix.advocates("doc-1")).map((a) => `${a.channel} ${a.organisation}`).sort()).toEqual(["capital Amnesty", "capital Kituo cha Sheria", "capital Oxfam", "geneva Oxfam"]);
    });

    it("counts targets, a target's advocates and a workspace's groups in the add's transaction, from two instances at once", async () => {
      const other = await store.reopen();
      const both = [storage, other];
      const outcomes = async (adds: Array<Promise<unknown>>) => (await Promise.allSettled(adds)).map((outcome) => (outcome.status === "fulfilled" ? "added" : (outcome.reason as StorageConflict).id)).sort();
      const codes = ["FR", "DE", "BR", "KE", "IN", "JP"];
      expect(await outcomes(codes.map((code, index) => both[index % 2]!.matrix.addTarget(state(`t-${code}`, code), 3)))).toEqual(["added", "added", "added", "matrix_too_many", "matrix_too_many", "matrix_too_many"]);
      expect(await outcomes(codes.map((code, index) => both[index % 2]!.matrix.addAdvocate(advocate(`adv-${code}`, `Organisation ${code}`, "t-FR"), 2)))).toEqual(["added", "added", "matrix_too_many", "matrix_too_many", "matrix_too_many", "matrix_too_many"]);
      expect(await outcomes(codes.map((code, index) => both[index % 2]!.matrix.addGroup({ id: `ng-${code}`, workspaceId: WORKSPACE, name: `Group ${code}`, codes: [code] }, 4)))).toEqual(["added", "added", "added", "added", "matrix_too_many", "matrix_too_many"]);
      expect(await count("matrix_targets")).toBe(3);
      expect(await count("matrix_advocates")).toBe(2);
      expect(await count("negotiating_groups")).toBe(4);
    });

    it("refuses a position, an advocate or an import for a target removed meanwhile as not found", async () => {
      await storage.matrix.addTarget(state("t-fr", "FR"), LIMIT);
      await storage.matrix.removeTarget("doc-1", "t-fr");
      expect(await conflictOf(storage.matrix.setCell(cell("supports", at(1)), null))).toBe("matrix_target_not_found");
      expect(await conflictOf(storage.matrix.addAdvocate(advocate("adv-1", "Oxfam"), LIMIT))).toBe("matrix_target_not_found");
      const imported = storage.matrix.importAll({ documentId: "doc-1", by: COORD.id, at: at(10), targets: [], cells: [{ ...cell("supports", "") }], advocates: [], changes: [] });
      expect(await conflictOf(imported)).toBe("matrix_target_not_found");
      expect([await count("matrix_cells"), await count("matrix_advocates")]).toEqual([0, 0]);
    });

    it("keeps each workspace's negotiating groups, one per name whatever its case", async () => {
      const added = await storage.matrix.addGroup({ id: "ng-1", workspaceId: WORKSPACE, name: "African Group", codes: ["ZA", "NG", "KE", "NG"] }, LIMIT);
      expect(added).toEqual({ id: "ng-1", workspaceId: WORKSPACE, name: "African Group", codes: ["KE", "NG", "ZA"] });
      expect(await conflictOf(storage.matrix.addGroup({ id: "ng-2", workspaceId: WORKSPACE, name: "african group", codes: [] }, LIMIT))).toBe("group_exists");
      await storage.matrix.addGroup({ id: "ng-3", workspaceId: WORKSPACE, name: "EU", codes: ["FR", "DE"] }, LIMIT);
      expect(await storage.matrix.groups(WORKSPACE)).toEqual([added, { id: "ng-3", workspaceId: WORKSPACE, name: "EU", codes: ["DE", "FR"] }]);
      expect(await storage.matrix.updateGroup(WORKSPACE, "ng-3", { name: "European Union", codes: ["IT", "FR"] })).toEqual({ id: "ng-3", workspaceId: WORKSPACE, name: "European Union", codes: ["FR", "IT"] });
      expect(await conflictOf(storage.matrix.updateGroup(WORKSPACE, "ng-3", { name: "AFRICAN GROUP", codes: [] }))).toBe("group_exists");
      expect(await storage.matrix.updateGroup("ws-other", "ng-3", { name: "X", codes: [] })).toBeNull();
      expect(await storage.matrix.removeGroup(WORKSPACE, "ng-1")).toBe(true);
      expect(await storage.matrix.removeGroup(WORKSPACE, "ng-1")).toBe(false);
      expect((await storage.matrix.groups(WORKSPACE)).map((g) => g.name)).toEqual(["European Union"]);
      expect(await storage.matrix.groups("ws-other")).toEqual([]);
    });

    it("stores a member's organisation, shown with their account", async () => {
      expect(await storage.accounts.setOrganisation(COORD.id, "Oxfam")).toMatchObject({ id: COORD.id, organisation: "Oxfam" });
      expect(await storage.accounts.get(COORD.id)).toMatchObject({ organisation: "Oxfam" });
      expect((await storage.workspaces.listMembers(WORKSPACE)).find((m) => m.account.id === COORD.id)?.account.organisation).toBe("Oxfam");
    });
  });

  describe("migrations", () => {
    it("runs each migration once; reopening finds the data and migrates nothing", async () => {
      await seedWorkspace();
      const before = await store.raw("SELECT name, timestamp FROM kysely_migration ORDER BY name");
      const again = await store.reopen();
      expect(await again.workspaces.get(WORKSPACE)).toMatchObject({ name: "Workspace" });
      const after = await store.raw("SELECT name, timestamp FROM kysely_migration ORDER BY name");
      expect(after).toEqual(before);
      expect(after.map((row) => row.name)).toEqual(migrationNames);
    });

    it("marks the database so that a server from before the migrator refuses it as newer", async () => {
      expect(await store.raw("SELECT MAX(version) AS v FROM schema_migrations")).toEqual([{ v: LEGACY_FENCE }]);
    });
  });
}

describe.each([[sqlite.name, sqlite] as const])("storage contract on %s", (_name, kind) => contract(kind));
describe.skipIf(!testDatabaseUrl).each([[postgres.name, postgres] as const])("storage contract on %s", (_name, kind) => contract(kind));

describe.skipIf(!testDatabaseUrl)("PostgreSQL schema set-up (set TEST_DATABASE_URL to run)", () => {
  it("migrates a new schema once when several instances start at the same moment", async () => {
    const schema = freshTestSchema();
    const instances = await Promise.all(Array.from({ length: 4 }, () => PgStorage.open(testDatabaseUrl!, { schema, maxConnections: 2 })));
    const client = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>("SELECT name FROM kysely_migration ORDER BY name");
      expect(rows.map((row) => row.name)).toEqual(migrationNames);
      await instances[0]!.workspaces.createWithChair({ workspace: { id: WORKSPACE, name: "Shared" }, chair: CHAIR, groups: [] });
      expect(await instances[3]!.workspaces.get(WORKSPACE)).toMatchObject({ name: "Shared" });
    } finally {
      await client.end();
      for (const instance of instances) await instance.close();
    }
    // Opened once more on the migrated schema, then dropped with it.
    const last = await PgStorage.open(testDatabaseUrl!, { schema, dropSchemaOnClose: true });
    await last.close();
    const check = new pg.Client({ connectionString: testDatabaseUrl });
    await check.connect();
    try {
      expect((await check.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount).toBe(0);
    } finally {
      await check.end();
    }
  });

  it("refuses a database that a newer server migrated, saying so", async () => {
    const schema = freshTestSchema();
    const first = await PgStorage.open(testDatabaseUrl!, { schema, maxConnections: 1 });
    await first.close();
    const client = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      await client.query("INSERT INTO kysely_migration (name, timestamp) VALUES ('999-from-a-newer-server', $1)", [new Date().toISOString()]);
      await expect(PgStorage.open(testDatabaseUrl!, { schema, maxConnections: 1 })).rejects.toThrow(/migrations this server does not know \(999-from-a-newer-server\)[\s\S]*newer version/);
      // Nothing was changed: the migrations stay as the newer server left them.
      expect((await client.query("SELECT name FROM kysely_migration")).rowCount).toBe(migrationNames.length + 1);
    } finally {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    }
  });

  it("refuses a schema made before the migrator by a newer server of that time, changing nothing", async () => {
    const schema = freshTestSchema();
    const client = new pg.Client({ connectionString: testDatabaseUrl });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`CREATE TABLE "${schema}".schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
      await client.query(`INSERT INTO "${schema}".schema_migrations VALUES (3, 'then')`);
      await expect(PgStorage.open(testDatabaseUrl!, { schema, maxConnections: 1 })).rejects.toThrow(/schema version 3, newer than this server knows \(2\)[\s\S]*newer version/);
      const tables = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = $1", [schema]);
      expect(tables.rows.map((row: { tablename: string }) => row.tablename)).toEqual(["schema_migrations"]);
    } finally {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    }
  });

  it("refuses a schema name it would have to quote", async () => {
    await expect(PgStorage.open(testDatabaseUrl!, { schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/schema name/);
  });
});
