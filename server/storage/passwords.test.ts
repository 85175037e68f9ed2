/**
 * The storage contract for passwords (changing one, reset links) and invitation notes,
 * on SQLite and (with TEST_DATABASE_URL) PostgreSQL, each test on a fresh store.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Storage } from "./Storage.js";
import { SqliteStorage } from "./sqlite/SqliteStorage.js";
import { PgStorage } from "./postgres/PgStorage.js";
import { removeDataDir, tempDataDir } from "../testing/testServer.js";
import { freshTestSchema, testDatabaseUrl } from "../testing/testDatabase.js";

/** A fresh store and how to dispose of it. */
type Opened = { storage: Storage; dispose(): Promise<void> };

const kinds: { name: string; open(): Promise<Opened> }[] = [
  {
    name: "SQLite",
    async open() {
      const dataDir = tempDataDir();
      const storage = await SqliteStorage.open(dataDir);
      return { storage, dispose: async () => (await storage.close(), removeDataDir(dataDir)) };
    },
  },
  ...(testDatabaseUrl
    ? [
        {
          name: "PostgreSQL",
          async open(): Promise<Opened> {
            const storage = await PgStorage.open(testDatabaseUrl!, { schema: freshTestSchema(), maxConnections: 4, dropSchemaOnClose: true });
            return { storage, dispose: () => storage.close() };
          },
        },
      ]
    : []),
];

const WORKSPACE = "ws-1";
const CHAIR = { id: "acct-chair", email: "chair@example.org", displayName: "Chair", passwordHash: "chair-hash" };
const MEMBER = { id: "acct-member", email: "member@example.org", displayName: "Member", passwordHash: "old-hash" };
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe.each(kinds)("passwords and invitation notes on $name", (kind) => {
  let opened: Opened;
  let storage: Storage;

  beforeEach(async () => {
    opened = await kind.open();
    storage = opened.storage;
    await storage.workspaces.createWithChair({ workspace: { id: WORKSPACE, name: "Workspace" }, chair: CHAIR, groups: [] });
    await storage.accounts.create(MEMBER);
    await storage.workspaces.addMember({ workspaceId: WORKSPACE, accountId: MEMBER.id, role: "reviewer", groupIds: [] });
    for (const idHash of ["s-1", "s-2", "s-3"]) await storage.accounts.createSession({ idHash, accountId: MEMBER.id, expiresAt: inAnHour() });
    await storage.accounts.createSession({ idHash: "s-chair", accountId: CHAIR.id, expiresAt: inAnHour() });
  });
  afterEach(async () => {
    await opened.dispose();
  });

  const live = (idHash: string) => storage.accounts.sessionAccount(idHash, new Date().toISOString());
  const reset = (id: string, tokenHash: string, expiresAt = inAnHour()) => ({
    id,
    accountId: MEMBER.id,
    workspaceId: WORKSPACE,
    createdBy: CHAIR.id,
    createdAt: new Date().toISOString(),
    expiresAt,
    tokenHash,
  });

  it("sets a password and ends the account's other sessions, not anyone else's", async () => {
    expect((await storage.accounts.setPassword(MEMBER.id, "new-hash", "s-2")).sort()).toEqual(["s-1", "s-3"]);
    expect((await storage.accounts.findByEmail(MEMBER.email))!.passwordHash).toBe("new-hash");
    expect(await live("s-1")).toBeNull();
    expect(await live("s-2")).toMatchObject({ id: MEMBER.id });
    expect(await live("s-chair")).toMatchObject({ id: CHAIR.id });
    expect(await storage.accounts.setPassword(MEMBER.id, "newer-hash", null)).toEqual(["s-2"]);
  });

  it("uses a reset link once: the password is set and every session of the account ends", async () => {
    await storage.accounts.createPasswordReset(reset("r-1", "h-1"));
    expect(await storage.accounts.passwordResetByTokenHash("h-1")).toEqual({
      id: "r-1",
      accountId: MEMBER.id,
      workspaceId: WORKSPACE,
      createdBy: CHAIR.id,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      usedAt: null,
    });
    const now = new Date().toISOString();
    const both = await Promise.all(["hash-a", "hash-b"].map((passwordHash) => storage.accounts.usePasswordReset({ resetId: "r-1", passwordHash, now })));
    expect(both.filter((ended) => ended !== null)).toHaveLength(1);
    expect(both.find((ended) => ended !== null)!.sort()).toEqual(["s-1", "s-2", "s-3"]);
    expect(["hash-a", "hash-b"]).toContain((await storage.accounts.findByEmail(MEMBER.email))!.passwordHash);
    expect((await storage.accounts.passwordResetByTokenHash("h-1"))!.usedAt).toBe(now);
    expect(await live("s-chair")).toMatchObject({ id: CHAIR.id });
  });

  it("refuses an expired link, and forgets an unused one when a newer is made", async () => {
    await storage.accounts.createPasswordReset(reset("r-old", "h-old", "2000-01-01T00:00:00.000Z"));
    expect(await storage.accounts.usePasswordReset({ resetId: "r-old", passwordHash: "x", now: new Date().toISOString() })).toBeNull();
    expect((await storage.accounts.findByEmail(MEMBER.email))!.passwordHash).toBe(MEMBER.passwordHash);
    await storage.accounts.createPasswordReset(reset("r-1", "h-1"));
    await storage.accounts.createPasswordReset(reset("r-2", "h-2"));
    expect(await storage.accounts.passwordResetByTokenHash("h-1")).toBeNull();
    expect(await storage.accounts.passwordResetByTokenHash("h-2")).toMatchObject({ id: "r-2" });
  });

  it("keeps whom an invitation was for", async () => {
    const base = { workspaceId: WORKSPACE, role: "observer" as const, groupIds: [], createdBy: CHAIR.id, createdAt: new Date().toISOString(), expiresAt: inAnHour() };
    await storage.workspaces.createInvite({ ...base, id: "inv-1", tokenHash: "i-1", note: "Maria Santos" });
    await storage.workspaces.createInvite({ ...base, id: "inv-2", tokenHash: "i-2" });
    expect(await storage.workspaces.inviteByTokenHash("i-1")).toMatchObject({ note: "Maria Santos" });
    expect((await storage.workspaces.listInvites(WORKSPACE, new Date().toISOString())).map((i) => [i.id, i.note]).sort()).toEqual([
      ["inv-1", "Maria Santos"],
      ["inv-2", null],
    ]);
  });
});
