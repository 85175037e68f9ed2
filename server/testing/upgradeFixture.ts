/**
 * The upgrade fixture (`server/storage/upgrade-fixture/`): databases made by an earlier
 * version of the server, and what they hold, read through the Storage interface only.
 * `scripts/makeUpgradeFixture.ts` writes them; `server/storage/upgrade.test.ts` starts
 * the current server on them and reads the same again, so neither depends on tables.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import * as Y from "yjs";
import type { Schema } from "@tiptap/pm/model";
import type { Storage, StoredAuditEntry } from "../storage/Storage.js";
import type { Role } from "../../shared/roles.js";
import { contentHash, snapshotOf } from "../commands/rounds.js";
import { SCHEMA_NAME } from "../storage/postgres/PgStorage.js";

/** The folder of the committed fixture. */
export const UPGRADE_FIXTURE_DIR = fileURLToPath(new URL("../storage/upgrade-fixture/", import.meta.url));

/** The SQLite database, one self-contained file (no write-ahead log beside it). */
export const FIXTURE_SQLITE = path.join(UPGRADE_FIXTURE_DIR, "workspace.sqlite");

/** The PostgreSQL dump, its schema name written as `FIXTURE_SCHEMA_TOKEN`. */
export const FIXTURE_POSTGRES = path.join(UPGRADE_FIXTURE_DIR, "postgres.sql");

/** What the fixture's databases hold (`WorkspaceSnapshot` per store). */
export const FIXTURE_EXPECTED = path.join(UPGRADE_FIXTURE_DIR, "expected.json");

/** Stands for the schema name in `postgres.sql`; the loader puts the target schema's name there. */
export const FIXTURE_SCHEMA_TOKEN = "__SCHEMA__";

/** A statement as stored: metadata, text, comments, rounds and versions. */
export interface StatementSnapshot {
  id: string;
  title: string;
  createdAt: string;
  /** The live text, blocks separated by newlines. */
  text: string;
  /** `contentHash` of the live content (what a version frozen now would carry). */
  contentSha256: string;
  threads: {
    id: string;
    quote: string;
    status: "open" | "resolved";
    groupId: string | null;
    createdBy: string;
    createdAt: string;
    resolvedBy: string | null;
    resolvedAt: string | null;
    comments: { id: string; authorId: string; body: string; createdAt: string; editedAt: string | null }[];
  }[];
  rounds: { id: string; seq: number; name: string; draftPublished: string; openedAt: string; openedBy: string; frozen: boolean; frozenAt: string | null }[];
  versions: { id: string; roundId: string; roundName: string; draftPublished: string; createdAt: string; createdBy: string; sha256: string }[];
}

/** A workspace as stored, with everything in it. */
export interface WorkspaceContent {
  id: string;
  name: string;
  createdAt: string;
  groups: { id: string; name: string; acts: number[] }[];
  members: { accountId: string; role: Role; groupIds: string[]; joinedAt: string }[];
  /** Invitations unused and unexpired at `asOf`. */
  invites: { id: string; role: Role; groupIds: string[]; createdBy: string; createdAt: string; expiresAt: string; note: string | null }[];
  /** Its audit log before `asOf`, oldest first. */
  audit: StoredAuditEntry[];
  statements: StatementSnapshot[];
}

/** What a store holds for a set of accounts, as of one moment. */
export interface WorkspaceSnapshot {
  /** Every account in the store. */
  accountCount: number;
  accounts: { id: string; email: string; displayName: string; createdAt: string }[];
  workspaces: WorkspaceContent[];
}

/** One store of the fixture: when it was read, and what it held. */
export interface FixtureStore {
  /** ISO time the snapshot was read, after the last write: the `asOf` that reads it again. */
  madeAt: string;
  snapshot: WorkspaceSnapshot;
}

/** `expected.json`. */
export interface FixtureExpected {
  /** Commit of the code that made the fixture. */
  commit: string;
  /** Password of every account. */
  password: string;
  stores: { sqlite: FixtureStore; postgres: FixtureStore };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Oldest first; ids order rows made in the same millisecond, whatever order a store returns them in. */
const byTime = <T extends { id: string; createdAt: string }>(a: T, b: T) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : byId(a, b));

/** The live content of a document, from its update log as stored. */
export async function liveContent(storage: Storage, schema: Schema, documentId: string) {
  const doc = new Y.Doc();
  try {
    for (const update of await storage.documents.loadUpdates(documentId)) Y.applyUpdate(doc, update.data);
    return snapshotOf(doc, schema).content;
  } finally {
    doc.destroy();
  }
}

async function readStatement(storage: Storage, schema: Schema, id: string): Promise<StatementSnapshot> {
  const document = await storage.documents.get(id);
  if (!document) throw new Error(`no statement ${id}`);
  const content = await liveContent(storage, schema, id);
  const threads = await storage.comments.listThreads(id);
  const rounds = await storage.rounds.list(id);
  const versions = await storage.rounds.listVersions(id);
  return {
    id,
    title: document.title,
    createdAt: document.createdAt,
    text: content.textBetween(0, content.content.size, "\n", "\n"),
    contentSha256: contentHash(content),
    threads: threads.sort(byTime).map((t) => ({
      id: t.id,
      quote: t.quote,
      status: t.status,
      groupId: t.groupId,
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      resolvedBy: t.resolvedBy,
      resolvedAt: t.resolvedAt,
      comments: t.comments.sort(byTime).map((c) => ({ id: c.id, authorId: c.authorId, body: c.body, createdAt: c.createdAt, editedAt: c.editedAt })),
    })),
    rounds: rounds
      .sort((a, b) => a.seq - b.seq)
      .map((r) => ({ id: r.id, seq: r.seq, name: r.name, draftPublished: r.draftPublished, openedAt: r.openedAt, openedBy: r.openedBy, frozen: r.frozenAt !== null, frozenAt: r.frozenAt })),
    versions: versions
      .sort(byTime)
      .map((v) => ({ id: v.id, roundId: v.roundId, roundName: v.roundName, draftPublished: v.draftPublished, createdAt: v.createdAt, createdBy: v.createdBy, sha256: v.sha256 })),
  };
}

/**
 * Everything the store holds for the accounts with these emails and the workspaces they
 * belong to, as of `asOf` (invitations still valid then, audit entries before then).
 */
export async function readWorkspaceSnapshot(storage: Storage, schema: Schema, emails: string[], asOf: string): Promise<WorkspaceSnapshot> {
  const accounts = [];
  for (const email of emails) {
    const found = await storage.accounts.findByEmail(email);
    if (!found) throw new Error(`no account ${email}`);
    accounts.push({ id: found.id, email: found.email, displayName: found.displayName, createdAt: found.createdAt });
  }
  const workspaceIds = new Set<string>();
  for (const account of accounts) for (const { workspace } of await storage.workspaces.memberships(account.id)) workspaceIds.add(workspace.id);
  const workspaces: WorkspaceContent[] = [];
  for (const workspaceId of [...workspaceIds].sort()) {
    const workspace = (await storage.workspaces.get(workspaceId))!;
    const members = await storage.workspaces.listMembers(workspaceId);
    const groups = await storage.workspaces.listGroups(workspaceId);
    const invites = await storage.workspaces.listInvites(workspaceId, asOf);
    const audit = await storage.audit.list(workspaceId, 10_000, { to: asOf });
    const statements = [];
    for (const document of (await storage.documents.listForWorkspaces([workspaceId])).sort(byId)) statements.push(await readStatement(storage, schema, document.id));
    workspaces.push({
      id: workspace.id,
      name: workspace.name,
      createdAt: workspace.createdAt,
      groups: groups.sort(byId).map((g) => ({ id: g.id, name: g.name, acts: g.acts })),
      members: members
        .map(({ membership: m }) => ({ accountId: m.accountId, role: m.role, groupIds: [...m.groupIds].sort(), joinedAt: m.joinedAt }))
        .sort((a, b) => (a.accountId < b.accountId ? -1 : 1)),
      invites: invites.sort(byId).map((i) => ({ id: i.id, role: i.role, groupIds: [...i.groupIds].sort(), createdBy: i.createdBy, createdAt: i.createdAt, expiresAt: i.expiresAt, note: i.note })),
      audit: audit.sort((a, b) => a.id - b.id),
      statements,
    });
  }
  return { accountCount: await storage.accounts.count(), accounts, workspaces };
}

/**
 * Load `postgres.sql` (its text, as `dump`) into `schema`, which must not exist yet:
 * the dump makes it. One simple-protocol query on a connection of its own.
 */
export async function loadPostgresFixture(url: string, schema: string, dump: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Not a usable PostgreSQL schema name: ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(dump.replaceAll(FIXTURE_SCHEMA_TOKEN, schema));
  } finally {
    await client.end();
  }
}
