import type pg from "pg";
import type { Role } from "../../../shared/roles.js";
import type { LooksAlike, StoredAccount, StoredGroup, StoredInvite, StoredMembership, StoredWorkspace, WorkspaceStore } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { nameClashes, toAccount, toInvite, toMembership, type InviteRow, type MemberRow } from "../rows.js";
import { inTransaction, isUniqueViolation, type Queryable } from "./transaction.js";

const upsertMemberSql = `INSERT INTO members (workspace_id, account_id, role, group_ids, joined_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (workspace_id, account_id) DO UPDATE SET role = EXCLUDED.role, group_ids = EXCLUDED.group_ids`;

const insertAccountSql = "INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)";

async function insertGroups(client: Queryable, groups: StoredGroup[]): Promise<void> {
  for (const group of groups) {
    await client.query("INSERT INTO reference_groups (id, workspace_id, name, acts) VALUES ($1, $2, $3, $4)", [
      group.id,
      group.workspaceId,
      group.name,
      JSON.stringify(group.acts),
    ]);
  }
}

async function emailTaken(client: Queryable, email: string): Promise<boolean> {
  return ((await client.query("SELECT id FROM accounts WHERE email = $1", [email])).rowCount ?? 0) > 0;
}

/** `work`, with a duplicate email (even one inserted by another instance meanwhile) reported as `email_taken`. */
async function emailChecked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, "accounts_email_key")) throw new StorageConflict("email_taken");
    throw error;
  }
}

/**
 * Make name checks in these workspaces take turns (until the transaction ends): two
 * look-alike names checked at the same moment would each find the other absent. In id
 * order, so two transactions locking several never wait on each other in a circle.
 */
export async function lockForNames(client: Queryable, workspaceIds: string[]): Promise<void> {
  await client.query('SELECT 1 FROM workspaces WHERE id = ANY($1::text[]) ORDER BY id COLLATE "C" FOR NO KEY UPDATE', [workspaceIds]);
}

/** Workspaces, members, reference groups and invitations in PostgreSQL. */
export class PgWorkspaces implements WorkspaceStore {
  constructor(private readonly pool: pg.Pool) {}

  async createWithChair(input: {
    workspace: { id: string; name: string };
    chair: { id: string; email: string; displayName: string; passwordHash: string };
    groups: StoredGroup[];
  }): Promise<void> {
    const now = new Date().toISOString();
    const { chair, workspace } = input;
    await emailChecked(() =>
      inTransaction(this.pool, async (client) => {
        if (await emailTaken(client, chair.email)) throw new StorageConflict("email_taken");
        await client.query(insertAccountSql, [chair.id, chair.email, chair.displayName, chair.passwordHash, now]);
        await client.query("INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)", [workspace.id, workspace.name, now]);
        await insertGroups(client, input.groups);
        await client.query(upsertMemberSql, [workspace.id, chair.id, "chair", "[]", now]);
        await client.query("UPDATE documents SET workspace_id = $1 WHERE workspace_id IS NULL", [workspace.id]);
      }),
    );
  }

  async create(input: { workspace: { id: string; name: string }; chairId: string; groups: StoredGroup[] }): Promise<StoredWorkspace> {
    const now = new Date().toISOString();
    await inTransaction(this.pool, async (client) => {
      await client.query("INSERT INTO workspaces (id, name, created_at) VALUES ($1, $2, $3)", [input.workspace.id, input.workspace.name, now]);
      await insertGroups(client, input.groups);
      await client.query(upsertMemberSql, [input.workspace.id, input.chairId, "chair", "[]", now]);
    });
    return { ...input.workspace, createdAt: now };
  }

  async get(id: string): Promise<StoredWorkspace | null> {
    const { rows } = await this.pool.query<{ id: string; name: string; created_at: string }>("SELECT * FROM workspaces WHERE id = $1", [id]);
    return rows[0] ? { id: rows[0].id, name: rows[0].name, createdAt: rows[0].created_at } : null;
  }

  async membership(workspaceId: string, accountId: string): Promise<StoredMembership | null> {
    const { rows } = await this.pool.query<MemberRow>("SELECT * FROM members WHERE workspace_id = $1 AND account_id = $2", [workspaceId, accountId]);
    return rows[0] ? toMembership(rows[0]) : null;
  }

  async memberships(accountId: string): Promise<{ workspace: StoredWorkspace; membership: StoredMembership }[]> {
    const { rows } = await this.pool.query<MemberRow & { name: string; created_at: string }>(
      `SELECT m.*, w.name, w.created_at FROM members m JOIN workspaces w ON w.id = m.workspace_id
       WHERE m.account_id = $1 ORDER BY w.created_at COLLATE "C", w.id COLLATE "C"`,
      [accountId],
    );
    return rows.map((row) => ({ workspace: { id: row.workspace_id, name: row.name, createdAt: row.created_at }, membership: toMembership(row) }));
  }

  async listMembers(workspaceId: string): Promise<{ account: StoredAccount; membership: StoredMembership }[]> {
    // lower() under "C" folds ASCII letters only: SQLite's NOCASE.
    const { rows } = await this.pool.query<MemberRow & { id: string; email: string; display_name: string; created_at: string }>(
      `SELECT m.*, a.id, a.email, a.display_name, a.created_at FROM members m JOIN accounts a ON a.id = m.account_id
       WHERE m.workspace_id = $1 ORDER BY lower(a.display_name COLLATE "C")`,
      [workspaceId],
    );
    return rows.map((row) => ({ account: toAccount(row), membership: toMembership(row) }));
  }

  async addMember(membership: Omit<StoredMembership, "joinedAt">): Promise<void> {
    await this.pool.query(upsertMemberSql, [
      membership.workspaceId,
      membership.accountId,
      membership.role,
      JSON.stringify(membership.groupIds),
      new Date().toISOString(),
    ]);
  }

  async updateMember(workspaceId: string, accountId: string, change: { role?: Role; groupIds?: string[] }): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      if (change.role) await client.query("UPDATE members SET role = $1 WHERE workspace_id = $2 AND account_id = $3", [change.role, workspaceId, accountId]);
      if (change.groupIds) {
        await client.query("UPDATE members SET group_ids = $1 WHERE workspace_id = $2 AND account_id = $3", [JSON.stringify(change.groupIds), workspaceId, accountId]);
      }
    });
  }

  async removeMember(workspaceId: string, accountId: string): Promise<void> {
    await this.pool.query("DELETE FROM members WHERE workspace_id = $1 AND account_id = $2", [workspaceId, accountId]);
  }

  async listGroups(workspaceId: string): Promise<StoredGroup[]> {
    const { rows } = await this.pool.query<{ id: string; workspace_id: string; name: string; acts: string }>(
      `SELECT * FROM reference_groups WHERE workspace_id = $1 ORDER BY name COLLATE "C"`,
      [workspaceId],
    );
    return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id, name: row.name, acts: JSON.parse(row.acts) as number[] }));
  }

  async createInvite(invite: Omit<StoredInvite, "usedAt" | "note"> & { tokenHash: string; note?: string | null }): Promise<void> {
    await this.pool.query(
      `INSERT INTO invites (id, workspace_id, token_hash, role, group_ids, created_by, created_at, expires_at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [invite.id, invite.workspaceId, invite.tokenHash, invite.role, JSON.stringify(invite.groupIds), invite.createdBy, invite.createdAt, invite.expiresAt, invite.note ?? null],
    );
  }

  async listInvites(workspaceId: string, now: string): Promise<StoredInvite[]> {
    const { rows } = await this.pool.query<InviteRow>(
      `SELECT * FROM invites WHERE workspace_id = $1 AND used_at IS NULL AND expires_at > $2 COLLATE "C" ORDER BY created_at COLLATE "C" DESC`,
      [workspaceId, now],
    );
    return rows.map(toInvite);
  }

  async inviteByTokenHash(tokenHash: string): Promise<StoredInvite | null> {
    const { rows } = await this.pool.query<InviteRow>("SELECT * FROM invites WHERE token_hash = $1", [tokenHash]);
    return rows[0] ? toInvite(rows[0]) : null;
  }

  async acceptInvite(input: {
    inviteId: string;
    accountId: string;
    newAccount?: { email: string; displayName: string; passwordHash: string };
    now: string;
    looksAlike: LooksAlike;
  }): Promise<boolean> {
    return emailChecked(() =>
      inTransaction(this.pool, async (client) => {
        if (input.newAccount && (await emailTaken(client, input.newAccount.email))) throw new StorageConflict("email_taken");
        // The row lock makes this once only: a second accept waits, then finds it used.
        const used = await client.query<InviteRow>(
          `UPDATE invites SET used_at = $1, used_by = $2 WHERE id = $3 AND used_at IS NULL AND expires_at > $1 COLLATE "C" RETURNING *`,
          [input.now, input.accountId, input.inviteId],
        );
        const invite = used.rows[0];
        if (!invite) return false;
        const existing = await client.query("SELECT 1 FROM members WHERE workspace_id = $1 AND account_id = $2", [invite.workspace_id, input.accountId]);
        if (existing.rowCount === 0) {
          await lockForNames(client, [invite.workspace_id]);
          const name =
            input.newAccount?.displayName ??
            (await client.query<{ display_name: string }>("SELECT display_name FROM accounts WHERE id = $1", [input.accountId])).rows[0]?.display_name ??
            "";
          const others = await client.query<{ display_name: string }>(
            "SELECT a.display_name FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.workspace_id = $1 AND m.account_id <> $2",
            [invite.workspace_id, input.accountId],
          );
          // Throwing rolls the transaction back: the invitation stays unused.
          if (nameClashes(name, others.rows.map((row) => row.display_name), input.looksAlike)) throw new StorageConflict("name_taken");
        }
        if (input.newAccount) {
          const { email, displayName, passwordHash } = input.newAccount;
          await client.query(insertAccountSql, [input.accountId, email, displayName, passwordHash, input.now]);
        }
        // An invitation never lowers a role someone already has.
        if (existing.rowCount === 0) await client.query(upsertMemberSql, [invite.workspace_id, input.accountId, invite.role, invite.group_ids, input.now]);
        return true;
      }),
    );
  }

  async deleteInvite(workspaceId: string, inviteId: string): Promise<boolean> {
    const result = await this.pool.query("DELETE FROM invites WHERE workspace_id = $1 AND id = $2 AND used_at IS NULL", [workspaceId, inviteId]);
    return result.rowCount === 1;
  }
}
