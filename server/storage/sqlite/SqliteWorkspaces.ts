import type Database from "better-sqlite3";
import type { Role } from "../../../shared/roles.js";
import type { LooksAlike, StoredAccount, StoredGroup, StoredInvite, StoredMembership, StoredWorkspace, WorkspaceStore } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { nameClashes, toAccount, toInvite, toMembership, type InviteRow, type MemberRow } from "../rows.js";

/** Workspaces, members, reference groups and invitations in SQLite. */
export class SqliteWorkspaces implements WorkspaceStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertWorkspace: db.prepare<[string, string, string]>("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)"),
      getWorkspace: db.prepare<[string], StoredWorkspace & { created_at: string }>("SELECT * FROM workspaces WHERE id = ?"),
      insertAccount: db.prepare<[string, string, string, string, string]>(
        "INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
      ),
      emailTaken: db.prepare<[string], { id: string }>("SELECT id FROM accounts WHERE email = ?"),
      insertGroup: db.prepare<[string, string, string, string]>(
        "INSERT INTO reference_groups (id, workspace_id, name, acts) VALUES (?, ?, ?, ?)",
      ),
      listGroups: db.prepare<[string], { id: string; workspace_id: string; name: string; acts: string }>(
        "SELECT * FROM reference_groups WHERE workspace_id = ? ORDER BY name",
      ),
      upsertMember: db.prepare<[string, string, string, string, string]>(
        `INSERT INTO members (workspace_id, account_id, role, group_ids, joined_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (workspace_id, account_id) DO UPDATE SET role = excluded.role, group_ids = excluded.group_ids`,
      ),
      membership: db.prepare<[string, string], MemberRow>("SELECT * FROM members WHERE workspace_id = ? AND account_id = ?"),
      memberships: db.prepare<[string], MemberRow & { name: string; created_at: string }>(
        `SELECT m.*, w.name, w.created_at FROM members m JOIN workspaces w ON w.id = m.workspace_id
         WHERE m.account_id = ? ORDER BY w.created_at, w.id`,
      ),
      listMembers: db.prepare<[string], MemberRow & { id: string; email: string; display_name: string; created_at: string }>(
        `SELECT m.*, a.id, a.email, a.display_name, a.created_at FROM members m JOIN accounts a ON a.id = m.account_id
         WHERE m.workspace_id = ? ORDER BY a.display_name COLLATE NOCASE`,
      ),
      setRole: db.prepare<[string, string, string]>("UPDATE members SET role = ? WHERE workspace_id = ? AND account_id = ?"),
      setGroups: db.prepare<[string, string, string]>("UPDATE members SET group_ids = ? WHERE workspace_id = ? AND account_id = ?"),
      removeMember: db.prepare<[string, string]>("DELETE FROM members WHERE workspace_id = ? AND account_id = ?"),
      adoptOrphans: db.prepare<[string]>("UPDATE documents SET workspace_id = ? WHERE workspace_id IS NULL"),
      insertInvite: db.prepare<[string, string, string, string, string, string, string, string, string | null]>(
        `INSERT INTO invites (id, workspace_id, token_hash, role, group_ids, created_by, created_at, expires_at, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      listInvites: db.prepare<[string, string], InviteRow>(
        "SELECT * FROM invites WHERE workspace_id = ? AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC",
      ),
      inviteByToken: db.prepare<[string], InviteRow>("SELECT * FROM invites WHERE token_hash = ?"),
      useInvite: db.prepare<[string, string, string, string]>(
        "UPDATE invites SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?",
      ),
      getInvite: db.prepare<[string], InviteRow>("SELECT * FROM invites WHERE id = ?"),
      displayName: db.prepare<[string], { display_name: string }>("SELECT display_name FROM accounts WHERE id = ?"),
      otherMemberNames: db.prepare<[string, string], { display_name: string }>(
        "SELECT a.display_name FROM members m JOIN accounts a ON a.id = m.account_id WHERE m.workspace_id = ? AND m.account_id <> ?",
      ),
      deleteInvite: db.prepare<[string, string]>("DELETE FROM invites WHERE workspace_id = ? AND id = ? AND used_at IS NULL"),
    };
  }

  private insertGroups(groups: StoredGroup[]): void {
    for (const group of groups) this.statements.insertGroup.run(group.id, group.workspaceId, group.name, JSON.stringify(group.acts));
  }

  async createWithChair(input: {
    workspace: { id: string; name: string };
    chair: { id: string; email: string; displayName: string; passwordHash: string };
    groups: StoredGroup[];
  }): Promise<void> {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      if (this.statements.emailTaken.get(input.chair.email)) throw new StorageConflict("email_taken");
      const { chair, workspace } = input;
      this.statements.insertAccount.run(chair.id, chair.email, chair.displayName, chair.passwordHash, now);
      this.statements.insertWorkspace.run(workspace.id, workspace.name, now);
      this.insertGroups(input.groups);
      this.statements.upsertMember.run(workspace.id, chair.id, "chair", "[]", now);
      this.statements.adoptOrphans.run(workspace.id);
    })();
  }

  async create(input: { workspace: { id: string; name: string }; chairId: string; groups: StoredGroup[] }): Promise<StoredWorkspace> {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.statements.insertWorkspace.run(input.workspace.id, input.workspace.name, now);
      this.insertGroups(input.groups);
      this.statements.upsertMember.run(input.workspace.id, input.chairId, "chair", "[]", now);
    })();
    return { ...input.workspace, createdAt: now };
  }

  async get(id: string): Promise<StoredWorkspace | null> {
    const row = this.statements.getWorkspace.get(id);
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  async membership(workspaceId: string, accountId: string): Promise<StoredMembership | null> {
    const row = this.statements.membership.get(workspaceId, accountId);
    return row ? toMembership(row) : null;
  }

  async memberships(accountId: string): Promise<{ workspace: StoredWorkspace; membership: StoredMembership }[]> {
    return this.statements.memberships.all(accountId).map((row) => ({
      workspace: { id: row.workspace_id, name: row.name, createdAt: row.created_at },
      membership: toMembership(row),
    }));
  }

  async listMembers(workspaceId: string): Promise<{ account: StoredAccount; membership: StoredMembership }[]> {
    return this.statements.listMembers.all(workspaceId).map((row) => ({ account: toAccount(row), membership: toMembership(row) }));
  }

  async addMember(membership: Omit<StoredMembership, "joinedAt">): Promise<void> {
    this.statements.upsertMember.run(
      membership.workspaceId,
      membership.accountId,
      membership.role,
      JSON.stringify(membership.groupIds),
      new Date().toISOString(),
    );
  }

  async updateMember(workspaceId: string, accountId: string, change: { role?: Role; groupIds?: string[] }): Promise<void> {
    this.db.transaction(() => {
      if (change.role) this.statements.setRole.run(change.role, workspaceId, accountId);
      if (change.groupIds) this.statements.setGroups.run(JSON.stringify(change.groupIds), workspaceId, accountId);
    })();
  }

  async removeMember(workspaceId: string, accountId: string): Promise<void> {
    this.statements.removeMember.run(workspaceId, accountId);
  }

  async listGroups(workspaceId: string): Promise<StoredGroup[]> {
    return this.statements.listGroups.all(workspaceId).map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      name: row.name,
      acts: JSON.parse(row.acts) as number[],
    }));
  }

  async createInvite(invite: Omit<StoredInvite, "usedAt" | "note"> & { tokenHash: string; note?: string | null }): Promise<void> {
    this.statements.insertInvite.run(
      invite.id,
      invite.workspaceId,
      invite.tokenHash,
      invite.role,
      JSON.stringify(invite.groupIds),
      invite.createdBy,
      invite.createdAt,
      invite.expiresAt,
      invite.note ?? null,
    );
  }

  async listInvites(workspaceId: string, now: string): Promise<StoredInvite[]> {
    return this.statements.listInvites.all(workspaceId, now).map(toInvite);
  }

  async inviteByTokenHash(tokenHash: string): Promise<StoredInvite | null> {
    const row = this.statements.inviteByToken.get(tokenHash);
    return row ? toInvite(row) : null;
  }

  async acceptInvite(input: {
    inviteId: string;
    accountId: string;
    newAccount?: { email: string; displayName: string; passwordHash: string };
    now: string;
    looksAlike: LooksAlike;
  }): Promise<boolean> {
    return this.db.transaction(() => {
      if (input.newAccount && this.statements.emailTaken.get(input.newAccount.email)) throw new StorageConflict("email_taken");
      if (this.statements.useInvite.run(input.now, input.accountId, input.inviteId, input.now).changes !== 1) return false;
      const invite = this.statements.getInvite.get(input.inviteId)!;
      const existing = this.statements.membership.get(invite.workspace_id, input.accountId);
      if (!existing) {
        const name = input.newAccount?.displayName ?? this.statements.displayName.get(input.accountId)?.display_name ?? "";
        const others = this.statements.otherMemberNames.all(invite.workspace_id, input.accountId).map((row) => row.display_name);
        // Throwing rolls the transaction back: the invitation stays unused.
        if (nameClashes(name, others, input.looksAlike)) throw new StorageConflict("name_taken");
      }
      if (input.newAccount) {
        const { email, displayName, passwordHash } = input.newAccount;
        this.statements.insertAccount.run(input.accountId, email, displayName, passwordHash, input.now);
      }
      // An invitation never lowers a role someone already has.
      if (!existing) this.statements.upsertMember.run(invite.workspace_id, input.accountId, invite.role, invite.group_ids, input.now);
      return true;
    })();
  }

  async deleteInvite(workspaceId: string, inviteId: string): Promise<boolean> {
    return this.statements.deleteInvite.run(workspaceId, inviteId).changes === 1;
  }
}
