/**
 * Databases made by an earlier version of the server upgrade in place: the fixture in
 * `upgrade-fixture/` (made at commit 2256f87 by `scripts/makeUpgradeFixture.ts`) is
 * started on by the current server, which finds everything it held, through its storage
 * and through the API, writes to it, and starts on it again. SQLite always, PostgreSQL
 * when `TEST_DATABASE_URL` is set. Only the Storage interface and HTTP are used, never
 * tables, so the test holds whatever the storage is built on; loading the PostgreSQL
 * dump is the one exception.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as Y from "yjs";
import { Node as PMNode } from "@tiptap/pm/model";
import type { RunningServer } from "../app.js";
import { meSchema, documentListSchema, memberListSchema, roundListSchema, setupStatusSchema, threadListSchema, versionDetailSchema, versionListSchema, versionSummarySchema } from "../../shared/api.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { contentHash, contentOfState } from "../commands/rounds.js";
import { anchorOn } from "../testing/anchorOn.js";
import { testDatabaseUrl, testSchemaOf } from "../testing/testDatabase.js";
import {
  FIXTURE_EXPECTED,
  FIXTURE_POSTGRES,
  FIXTURE_SQLITE,
  loadPostgresFixture,
  readWorkspaceSnapshot,
  liveContent,
  type FixtureExpected,
  type FixtureStore,
} from "../testing/upgradeFixture.js";
import { api, connectClient, issueToken, removeDataDir, startTestServer, tempDataDir, waitFor, type TestClient, type TestStorageSetup, type TestUser } from "../testing/testServer.js";

/** The database file in a data folder: a literal, since existing installs have it under this name. */
const DATABASE_FILE = "workspace.sqlite";

const expected = JSON.parse(readFileSync(FIXTURE_EXPECTED, "utf8")) as FixtureExpected;
const schema = statementSchema();

/** Words added after the upgrade, then commented on. */
const ADDED = " Reviewed after the upgrade.";

/** How one kind of store gets the fixture into a fresh test data folder. */
interface FixtureKind {
  setup: TestStorageSetup;
  store: FixtureStore;
  /** Put the fixture where `startTestServer(dataDir, setup)` looks for its data. */
  install(dataDir: string): Promise<void>;
}

const sqlite: FixtureKind = {
  setup: { name: "SQLite", kind: "sqlite", delayMs: 0 },
  store: expected.stores.sqlite,
  async install(dataDir) {
    copyFileSync(FIXTURE_SQLITE, path.join(dataDir, DATABASE_FILE));
  },
};

const postgres: FixtureKind = {
  setup: { name: "PostgreSQL", kind: "postgres", delayMs: 0 },
  store: expected.stores.postgres,
  async install(dataDir) {
    await loadPostgresFixture(testDatabaseUrl!, testSchemaOf(dataDir), readFileSync(FIXTURE_POSTGRES, "utf8"));
  },
};

async function signIn(server: RunningServer, account: { id: string; email: string; displayName: string }): Promise<TestUser> {
  const response = await api(server, "POST", "/api/auth/login", { email: account.email, password: expected.password });
  expect(response.status, account.email).toBe(200);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("dw_session="))!.split(";")[0]!;
  return { accountId: account.id, email: account.email, password: expected.password, displayName: account.displayName, cookie, token: "" };
}

async function getJson(server: RunningServer, route: string, user: TestUser): Promise<unknown> {
  const response = await api(server, "GET", route, undefined, user);
  expect(response.status, route).toBe(200);
  return response.json();
}

const plain = (text: Y.XmlText) => text.toDelta().map((d: { insert: unknown }) => (typeof d.insert === "string" ? d.insert : "")).join("");

/** The text node (of a clause or note) holding `words`. */
function textWith(parent: Y.XmlFragment | Y.XmlElement, words: string): Y.XmlText | null {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText && plain(child).includes(words)) return child;
    if (child instanceof Y.XmlElement) {
      const found = textWith(child, words);
      if (found) return found;
    }
  }
  return null;
}

function upgradeSuite(kind: FixtureKind): void {
  const { snapshot, madeAt } = kind.store;
  const workspace = snapshot.workspaces[0]!;
  const statement = workspace.statements[0]!;
  const documentPath = `/api/documents/${statement.id}`;
  const accountOf = (role: string) => snapshot.accounts.find((a) => workspace.members.some((m) => m.accountId === a.id && m.role === role))!;
  const emails = snapshot.accounts.map((a) => a.email);

  let dataDir: string;
  let server: RunningServer;
  let writer: TestClient | null = null;

  beforeAll(async () => {
    dataDir = tempDataDir();
    await kind.install(dataDir);
  });
  afterAll(async () => {
    writer?.destroy();
    await server?.close();
    removeDataDir(dataDir);
  });

  // The steps run in order on one data folder: start, read, write, restart.

  it("starts on it as the existing workspace", async () => {
    server = await startTestServer(dataDir, kind.setup);
    expect(setupStatusSchema.parse(await (await api(server, "GET", "/api/setup")).json())).toEqual({ needed: false });
    if (kind.setup.kind === "sqlite") {
      // Recognised: not refused, not moved aside as `workspace.sqlite.refused-<time>`, not replaced.
      expect(readdirSync(dataDir).filter((name) => name !== DATABASE_FILE && name !== `${DATABASE_FILE}-wal` && name !== `${DATABASE_FILE}-shm`)).toEqual([]);
      expect(existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
    }
    expect(await server.storage.accounts.count()).toBe(snapshot.accountCount);
  });

  it("its storage holds every account, workspace, statement, thread, round, version and audit entry as they were", async () => {
    expect(await readWorkspaceSnapshot(server.storage, schema, emails, madeAt)).toEqual(snapshot);
  });

  it("every account signs in with its password, and the API shows what it showed", async () => {
    for (const account of snapshot.accounts) {
      const user = await signIn(server, account);
      const me = meSchema.parse(await getJson(server, "/api/me", user));
      expect(me.account).toEqual({ id: account.id, email: account.email, displayName: account.displayName });
      const role = workspace.members.find((m) => m.accountId === account.id)!.role;
      expect(me.memberships.map((m) => [m.workspace.id, m.workspace.name, m.role])).toEqual([[workspace.id, workspace.name, role]]);
    }
    const chair = await signIn(server, accountOf("chair"));
    const members = memberListSchema.parse(await getJson(server, `/api/workspaces/${workspace.id}/members`, chair));
    expect(members.members.map((m) => ({ accountId: m.account.id, role: m.role, groupIds: [...m.groupIds].sort() })).sort((a, b) => (a.accountId < b.accountId ? -1 : 1))).toEqual(
      workspace.members.map((m) => ({ accountId: m.accountId, role: m.role, groupIds: m.groupIds })),
    );
    const documents = documentListSchema.parse(await getJson(server, "/api/documents", chair)).documents;
    expect(documents.map((d) => ({ id: d.id, title: d.title }))).toEqual(workspace.statements.map((s) => ({ id: s.id, title: s.title })));

    const { rounds } = roundListSchema.parse(await getJson(server, `${documentPath}/rounds`, chair));
    const versionOfRound = new Map(statement.versions.map((v) => [v.roundId, v.id]));
    expect(rounds.map((r) => ({ id: r.id, name: r.name, frozen: r.frozenAt !== null, versionId: r.versionId }))).toEqual(
      statement.rounds.map((r) => ({ id: r.id, name: r.name, frozen: r.frozen, versionId: versionOfRound.get(r.id) ?? null })),
    );
    const { versions } = versionListSchema.parse(await getJson(server, `${documentPath}/versions`, chair));
    expect(versions.map((v) => ({ id: v.id, roundName: v.roundName, sha256: v.sha256 }))).toEqual(statement.versions.map((v) => ({ id: v.id, roundName: v.roundName, sha256: v.sha256 })));

    const { threads } = threadListSchema.parse(await getJson(server, `${documentPath}/comments`, chair));
    expect(threads.map((t) => ({ id: t.id, quote: t.quote, status: t.status, comments: t.comments.map((c) => c.body) }))).toEqual(
      statement.threads.map((t) => ({ id: t.id, quote: t.quote, status: t.status, comments: t.comments.map((c) => c.body) })),
    );
    // The anchors still find their words in the upgraded text.
    expect(threads.filter((t) => t.detached || t.currentQuote !== t.quote).map((t) => t.quote)).toEqual([]);

    const live = versionDetailSchema.parse(await getJson(server, `${documentPath}/versions/live`, chair));
    expect(contentHash(PMNode.fromJSON(schema, live.content))).toBe(statement.contentSha256);
  });

  it("the statement's text is intact, and each version's hash is the one recorded and the hash of its content", async () => {
    const content = await liveContent(server.storage, schema, statement.id);
    expect(content.textBetween(0, content.content.size, "\n", "\n")).toBe(statement.text);
    expect(contentHash(content)).toBe(statement.contentSha256);
    const chair = await signIn(server, accountOf("chair"));
    expect(statement.versions.length).toBeGreaterThan(0);
    for (const summary of statement.versions) {
      const version = (await server.storage.rounds.getVersion(statement.id, summary.id))!;
      expect(version.sha256).toBe(summary.sha256);
      expect(contentHash(PMNode.fromJSON(schema, JSON.parse(version.content)))).toBe(summary.sha256);
      expect(contentHash(contentOfState(version.state, schema))).toBe(summary.sha256);
      const detail = versionDetailSchema.parse(await getJson(server, `${documentPath}/versions/${summary.id}`, chair));
      expect(detail.version?.sha256).toBe(summary.sha256);
      expect(contentHash(PMNode.fromJSON(schema, detail.content))).toBe(summary.sha256);
    }
  });

  it("takes a new edit, a new thread, a reply and a freeze", async () => {
    const coordinator = await signIn(server, accountOf("coordinator"));
    writer = await connectClient(server, statement.id, { ...coordinator, token: await issueToken(server, coordinator.email, coordinator.password) });
    const thread = statement.threads.find((t) => t.status === "open")!;
    const text = textWith(writer.content, thread.quote)!;
    text.insert(text.length, ADDED);
    await waitFor("the edit stored", async () => (await liveContent(server.storage, schema, statement.id)).textContent.includes(ADDED.trim()));

    const reviewer = await signIn(server, accountOf("reviewer"));
    const created = await api(server, "POST", `${documentPath}/comments`, { body: "Added after the upgrade.", anchor: anchorOn(writer, ADDED.trim()), quote: ADDED.trim() }, reviewer);
    expect(created.status).toBe(201);
    const replied = await api(server, "POST", `${documentPath}/comments/${thread.id}/replies`, { body: "A reply after the upgrade." }, reviewer);
    expect(replied.status).toBe(201);
    const threads = await server.storage.comments.listThreads(statement.id);
    expect(threads.length).toBe(statement.threads.length + 1);
    expect(threads.find((t) => t.id === thread.id)!.comments.length).toBe(thread.comments.length + 1);
    writer.destroy();
    writer = null;

    const open = statement.rounds.find((r) => !r.frozen)!;
    const chair = await signIn(server, accountOf("chair"));
    const frozen = await api(server, "POST", `${documentPath}/rounds/${open.id}/freeze`, undefined, chair);
    expect(frozen.status).toBe(201);
    const version = versionSummarySchema.parse(await frozen.json());
    expect(version.sha256).toBe(contentHash(await liveContent(server.storage, schema, statement.id)));
    expect((await server.storage.rounds.listVersions(statement.id)).length).toBe(statement.versions.length + 1);
  });

  it("stops and starts again on the same data, which stays as it was", async () => {
    const asOf = new Date().toISOString();
    const before = await readWorkspaceSnapshot(server.storage, schema, emails, asOf);
    await server.close();
    server = await startTestServer(dataDir, kind.setup);
    expect(await readWorkspaceSnapshot(server.storage, schema, emails, asOf)).toEqual(before);
    expect(before.workspaces[0]!.statements[0]!.text).toContain(ADDED.trim());
    expect(before.workspaces[0]!.statements[0]!.rounds.every((r) => r.frozen)).toBe(true);
    await signIn(server, accountOf("observer"));
    if (kind.setup.kind === "sqlite") expect(readdirSync(dataDir).filter((name) => name.includes(".refused-"))).toEqual([]);
  });
}

describe("upgrading the SQLite fixture", () => upgradeSuite(sqlite));

describe.skipIf(!testDatabaseUrl)("upgrading the PostgreSQL fixture (set TEST_DATABASE_URL to run)", () => upgradeSuite(postgres));
