import { type Transaction } from "kysely";
import type { Role } from "../../../shared/roles.js";
import type { LooksAlike, StoredAccount, StoredGroup, StoredInvite, StoredMembership, StoredWorkspace, WorkspaceStore } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { accountColumns, nameClashes, withGroupIds } from "../rows.js";
import type { Database, Db } from "../schema.js";
import type { SqlDialect } from "../dialect.js";

/** An invitation's columns under the API's names (its token's hash left out). */
const inviteColumns = [
  "id",
  "workspace_id as workspaceId",
  "role",
  "group_ids as groupIds",
  "created_by as createdBy",
  "created_at as createdAt",
  "expires_at as expiresAt",
  "used_at as usedAt",
  "note",
] as const;

/** A membership's columns under the API's names (`m`: the members table). */
const memberColumns = ["m.workspace_id as workspaceId", "m.account_id as accountId", "m.role", "m.group_ids as groupIds", "m.joined_at as joinedAt"] as const;

/**
 * Make name checks in these workspaces take turns (until the transaction ends): two
 * look-alike names checked at the same moment would each find the other absent. In id
 * order, so two transactions locking several never wait on each other in a circle.
 */
export async function lockForNames(trx: Transaction<Database>, dialect: SqlDialect, workspaceIds: string[]): Promise<void> {
  if (workspaceIds.length === 0) return;
  await dialect.lockRows(trx.selectFrom("workspaces").select("id").where("id", "in", workspaceIds).orderBy(dialect.binary("id"))).execute();
}

/** Add a member, or change the role and groups of one already there. */
async function upsertMember(db: Db | Transaction<Database>, member: { workspace_id: string; account_id: string; role: Role; group_ids: string; joined_at: string }): Promise<void> {
  await db
    .insertInto("members")
    .values(member)
    .onConflict((conflict) => conflict.columns(["workspace_id", "account_id"]).doUpdateSet({ role: (eb) => eb.ref("excluded.role"), group_ids: (eb) => eb.ref("excluded.group_ids") }))
    .execute();
}

async function insertGroups(trx: Transaction<Database>, groups: StoredGroup[]): Promise<void> {
  if (groups.length === 0) return;
  await trx
    .insertInto("reference_groups")
    .values(groups.map((group) => ({ id: group.id, workspace_id: group.workspaceId, name: group.name, acts: JSON.stringify(group.acts) })))
    .execute();
}

async function emailTaken(trx: Transaction<Database>, email: string): Promise<boolean> {
  return (await trx.selectFrom("accounts").select("id").where("email", "=", email).executeTakeFirst()) !== undefined;
}

/** Workspaces, members, reference groups and invitations. */
export class SqlWorkspaces implements WorkspaceStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  /** `work`, with a duplicate email (even one inserted by another instance meanwhile) reported as `email_taken`. */
  private async emailChecked<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (this.dialect.isUniqueViolation(error, "accounts", "email")) throw new StorageConflict("email_taken");
      throw error;
    }
  }

  async createWithChair(input: {
    workspace: { id: string; name: string };
    chair: { id: string; email: string; displayName: string; passwordHash: string };
    groups: StoredGroup[];
  }): Promise<void> {
    const now = new Date().toISOString();
    const { chair, workspace } = input;
    await this.emailChecked(() =>
      this.db.transaction().execute(async (trx) => {
        if (await emailTaken(trx, chair.email)) throw new StorageConflict("email_taken");
        await trx
          .insertInto("accounts")
          .values({ id: chair.id, email: chair.email, display_name: chair.displayName, password_hash: chair.passwordHash, created_at: now })
          .execute();
        await trx.insertInto("workspaces").values({ id: workspace.id, name: workspace.name, created_at: now }).execute();
        await insertGroups(trx, input.groups);
        await upsertMember(trx, { workspace_id: workspace.id, account_id: chair.id, role: "chair", group_ids: "[]", joined_at: now });
        await trx.updateTable("documents").set({ workspace_id: workspace.id }).where("workspace_id", "is", null).execute();
      }),
    );
  }

  async create(input: { workspace: { id: string; name: string }; chairId: string; groups: StoredGroup[] }): Promise<StoredWorkspace> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto("workspaces").values({ id: input.workspace.id, name: input.workspace.name, created_at: now }).execute();
      await insertGroups(trx, input.groups);
      await upsertMember(trx, { workspace_id: input.workspace.id, account_id: input.chairId, role: "chair", group_ids: "[]", joined_at: now });
    });
    return { ...input.workspace, createdAt: now };
  }

  async get(id: string): Promise<StoredWorkspace | null> {
    const row = await this.db.selectFrom("workspaces").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? { id: row.id, name: row.name, createdAt: row.created_at } : null;
  }

  async membership(workspaceId: string, accountId: string): Promise<StoredMembership | null> {
    const row = await this.db.selectFrom("members as m").select(memberColumns).where("m.workspace_id", "=", workspaceId).where("m.account_id", "=", accountId).executeTakeFirst();
    return row ? withGroupIds(row) : null;
  }

  async memberships(accountId: string): Promise<{ workspace: StoredWorkspace; membership: StoredMembership }[]> {
    const rows = await this.db
      .selectFrom("members as m")
      .innerJoin("workspaces as w", "w.id", "m.workspace_id")
      .select([...memberColumns, "w.name", "w.created_at as workspaceCreatedAt"])
      .where("m.account_id", "=", accountId)
      .orderBy(this.dialect.binary("w.created_at"))
      .orderBy(this.dialect.binary("w.id"))
      .execute();
    return rows.map(({ name, workspaceCreatedAt, ...membership }) => ({
      workspace: { id: membership.workspaceId, name, createdAt: workspaceCreatedAt },
      membership: withGroupIds(membership),
    }));
  }

  async listMembers(workspaceId: string): Promise<{ account: StoredAccount; membership: StoredMembership }[]> {
    const rows = await this.db
      .selectFrom("members as m")
      .innerJoin("accounts", "accounts.id", "m.account_id")
      .select([...memberColumns, ...accountColumns])
      .where("m.workspace_id", "=", workspaceId)
      // lower() folds ASCII letters only, on both databases (as SQLite's NOCASE does).
      .orderBy((eb) => eb.fn("lower", [this.dialect.binary("accounts.display_name")]))
      .execute();
    return rows.map(({ id, email, displayName, language, organisation, createdAt, ...membership }) => ({ account: { id, email, displayName, language, organisation, createdAt }, membership: withGroupIds(membership) }));
  }

  async addMember(membership: Omit<StoredMembership, "joinedAt">): Promise<void> {
    await upsertMember(this.db, {
      workspace_id: membership.workspaceId,
      account_id: membership.accountId,
      role: membership.role,
      group_ids: JSON.stringify(membership.groupIds),
      joined_at: new Date().toISOString(),
    });
  }

  async updateMember(workspaceId: string, accountId: string, change: { role?: Role; groupIds?: string[] }): Promise<void> {
    const set = { ...(change.role ? { role: change.role } : {}), ...(change.groupIds ? { group_ids: JSON.stringify(change.groupIds) } : {}) };
    if (Object.keys(set).length === 0) return;
    await this.db.updateTable("members").set(set).where("workspace_id", "=", workspaceId).where("account_id", "=", accountId).execute();
  }

  async removeMember(workspaceId: string, accountId: string): Promise<void> {
    await this.db.deleteFrom("members").where("workspace_id", "=", workspaceId).where("account_id", "=", accountId).execute();
  }

  async listGroups(workspaceId: string): Promise<StoredGroup[]> {
    const rows = await this.db
      .selectFrom("reference_groups")
      .select(["id", "workspace_id as workspaceId", "name", "acts"])
      .where("workspace_id", "=", workspaceId)
      .orderBy(this.dialect.binary("name"))
      .execute();
    return rows.map((row) => ({ ...row, acts: JSON.parse(row.acts) as number[] }));
  }

  async createInvite(invite: Omit<StoredInvite, "usedAt" | "note"> & { tokenHash: string; note?: string | null }): Promise<void> {
    await this.db
      .insertInto("invites")
      .values({
        id: invite.id,
        workspace_id: invite.workspaceId,
        token_hash: invite.tokenHash,
        role: invite.role,
        group_ids: JSON.stringify(invite.groupIds),
        created_by: invite.createdBy,
        created_at: invite.createdAt,
        expires_at: invite.expiresAt,
        note: invite.note ?? null,
      })
      .execute();
  }

  async listInvites(workspaceId: string, now: string): Promise<StoredInvite[]> {
    const rows = await this.db
      .selectFrom("invites")
      .select(inviteColumns)
      .where("workspace_id", "=", workspaceId)
      .where("used_at", "is", null)
      .where(this.dialect.binary("expires_at"), ">", now)
      .orderBy(this.dialect.binary("created_at"), "desc")
      .execute();
    return rows.map(withGroupIds);
  }

  async inviteByTokenHash(tokenHash: string): Promise<StoredInvite | null> {
    const row = await this.db.selectFrom("invites").select(inviteColumns).where("token_hash", "=", tokenHash).executeTakeFirst();
    return row ? withGroupIds(row) : null;
  }

  async acceptInvite(input: {
    inviteId: string;
    accountId: string;
    newAccount?: { email: string; displayName: string; passwordHash: string };
    now: string;
    looksAlike: LooksAlike;
  }): Promise<boolean> {
    return this.emailChecked(() =>
      this.db.transaction().execute(async (trx) => {
        if (input.newAccount && (await emailTaken(trx, input.newAccount.email))) throw new StorageConflict("email_taken");
        // Writing the row first makes this once only: a second accept waits, then finds it used.
        const invite = await trx
          .updateTable("invites")
          .set({ used_at: input.now, used_by: input.accountId })
          .where("id", "=", input.inviteId)
          .where("used_at", "is", null)
          .where(this.dialect.binary("expires_at"), ">", input.now)
          .returning(["workspace_id", "role", "group_ids"])
          .executeTakeFirst();
        if (!invite) return false;
        const existing = await trx.selectFrom("members").select("role").where("workspace_id", "=", invite.workspace_id).where("account_id", "=", input.accountId).executeTakeFirst();
        if (!existing) {
          await lockForNames(trx, this.dialect, [invite.workspace_id]);
          const name =
            input.newAccount?.displayName ?? (await trx.selectFrom("accounts").select("display_name").where("id", "=", input.accountId).executeTakeFirst())?.display_name ?? "";
          const others = await trx
            .selectFrom("members as m")
            .innerJoin("accounts as a", "a.id", "m.account_id")
            .select("a.display_name")
            .where("m.workspace_id", "=", invite.workspace_id)
            .where("m.account_id", "<>", input.accountId)
            .execute();
          // Throwing rolls the transaction back: the invitation stays unused.
          if (nameClashes(name, others.map((row) => row.display_name), input.looksAlike)) throw new StorageConflict("name_taken");
        }
        if (input.newAccount) {
          const { email, displayName, passwordHash } = input.newAccount;
          await trx.insertInto("accounts").values({ id: input.accountId, email, display_name: displayName, password_hash: passwordHash, created_at: input.now }).execute();
        }
        // An invitation never lowers a role someone already has.
        if (!existing) await upsertMember(trx, { workspace_id: invite.workspace_id, account_id: input.accountId, role: invite.role, group_ids: invite.group_ids, joined_at: input.now });
        return true;
      }),
    );
  }

  async deleteInvite(workspaceId: string, inviteId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("invites").where("workspace_id", "=", workspaceId).where("id", "=", inviteId).where("used_at", "is", null).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}
