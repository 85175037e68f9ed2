import type { Transaction } from "kysely";
import type { AccountStore, LooksAlike, StoredAccount, StoredPasswordReset, StoredToken } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { accountColumns, nameClashes } from "../rows.js";
import type { Database, Db } from "../schema.js";
import type { SqlDialect } from "../dialect.js";
import { lockForNames } from "./SqlWorkspaces.js";
import type { Locale } from "../../../shared/i18n/locales.js";

/** The same, in a statement on `accounts` alone (RETURNING takes no table names). */
const ownAccountColumns = ["id", "email", "display_name as displayName", "language", "organisation", "created_at as createdAt"] as const;

/** A token's columns under the API's names (its hash left out). */
const tokenColumns = ["id", "account_id as accountId", "name", "created_at as createdAt", "last_used_at as lastUsedAt"] as const;

/** A password reset link's columns under the stored type's names (its token's hash left out). */
const resetColumns = [
  "id",
  "account_id as accountId",
  "workspace_id as workspaceId",
  "created_by as createdBy",
  "created_at as createdAt",
  "expires_at as expiresAt",
  "used_at as usedAt",
] as const;

/** Accounts, sessions and API tokens. */
export class SqlAccounts implements AccountStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("accounts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async create(account: { id: string; email: string; displayName: string; passwordHash: string }): Promise<StoredAccount> {
    const now = new Date().toISOString();
    try {
      await this.db
        .insertInto("accounts")
        .values({ id: account.id, email: account.email, display_name: account.displayName, password_hash: account.passwordHash, created_at: now })
        .execute();
    } catch (error) {
      // The unique constraint decides, so two instances creating one email at once cannot both succeed.
      if (this.dialect.isUniqueViolation(error, "accounts", "email")) throw new StorageConflict("email_taken");
      throw error;
    }
    return { id: account.id, email: account.email, displayName: account.displayName, language: null, organisation: "", createdAt: now };
  }

  async get(id: string): Promise<StoredAccount | null> {
    return (await this.db.selectFrom("accounts").select(accountColumns).where("id", "=", id).executeTakeFirst()) ?? null;
  }

  async findByEmail(email: string): Promise<(StoredAccount & { passwordHash: string }) | null> {
    return (await this.db.selectFrom("accounts").select([...accountColumns, "password_hash as passwordHash"]).where("email", "=", email).executeTakeFirst()) ?? null;
  }

  async createSession(session: { idHash: string; accountId: string; expiresAt: string }): Promise<void> {
    await this.db
      .insertInto("sessions")
      .values({ id_hash: session.idHash, account_id: session.accountId, created_at: new Date().toISOString(), expires_at: session.expiresAt })
      .execute();
  }

  async sessionAccount(idHash: string, now: string): Promise<StoredAccount | null> {
    const row = this.db
      .selectFrom("sessions")
      .innerJoin("accounts", "accounts.id", "sessions.account_id")
      .select(accountColumns)
      .where("sessions.id_hash", "=", idHash)
      .where(this.dialect.binary("sessions.expires_at"), ">", now)
      .executeTakeFirst();
    return (await row) ?? null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
  }

  async createToken(token: { id: string; accountId: string; name: string; tokenHash: string }): Promise<StoredToken> {
    const now = new Date().toISOString();
    await this.db
      .insertInto("api_tokens")
      .values({ id: token.id, account_id: token.accountId, name: token.name, token_hash: token.tokenHash, created_at: now })
      .execute();
    return { id: token.id, accountId: token.accountId, name: token.name, createdAt: now, lastUsedAt: null };
  }

  async tokenAccount(tokenHash: string, now: string): Promise<{ account: StoredAccount; tokenId: string } | null> {
    const row = await this.db
      .selectFrom("api_tokens")
      .innerJoin("accounts", "accounts.id", "api_tokens.account_id")
      .select([...accountColumns, "api_tokens.id as tokenId"])
      .where("api_tokens.token_hash", "=", tokenHash)
      .where("api_tokens.revoked_at", "is", null)
      .executeTakeFirst();
    if (!row) return null;
    // At most one write a minute per token, not one per request.
    await this.db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", row.tokenId)
      .where((eb) =>
        eb.or([eb("last_used_at", "is", null), eb(this.dialect.binary("last_used_at"), "<", new Date(Date.parse(now) - 60_000).toISOString())]),
      )
      .execute();
    const { tokenId, ...account } = row;
    return { account, tokenId };
  }

  async listTokens(accountId: string): Promise<StoredToken[]> {
    return this.db
      .selectFrom("api_tokens")
      .select(tokenColumns)
      .where("account_id", "=", accountId)
      .where("revoked_at", "is", null)
      .orderBy(this.dialect.binary("created_at"), "desc")
      .execute();
  }

  async revokeToken(accountId: string, tokenId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable("api_tokens")
      .set({ revoked_at: now })
      .where("account_id", "=", accountId)
      .where("id", "=", tokenId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async rename(accountId: string, displayName: string, looksAlike: LooksAlike): Promise<StoredAccount> {
    return this.db.transaction().execute(async (trx) => {
      const mine = await trx.selectFrom("members").select("workspace_id").where("account_id", "=", accountId).execute();
      await lockForNames(trx, this.dialect, mine.map((row) => row.workspace_id));
      const others = await trx
        .selectFrom("members as mine")
        .innerJoin("members as m", "m.workspace_id", "mine.workspace_id")
        .innerJoin("accounts as a", "a.id", "m.account_id")
        .select("a.display_name")
        .distinct()
        .where("mine.account_id", "=", accountId)
        .where("m.account_id", "<>", accountId)
        .execute();
      if (nameClashes(displayName, others.map((row) => row.display_name), looksAlike)) throw new StorageConflict("name_taken");
      return trx.updateTable("accounts").set({ display_name: displayName }).where("id", "=", accountId).returning(ownAccountColumns).executeTakeFirstOrThrow();
    });
  }

  async setLanguage(accountId: string, language: Locale): Promise<StoredAccount> {
    return this.db.updateTable("accounts").set({ language }).where("id", "=", accountId).returning(ownAccountColumns).executeTakeFirstOrThrow();
  }

  async setOrganisation(accountId: string, organisation: string): Promise<StoredAccount> {
    return this.db.updateTable("accounts").set({ organisation }).where("id", "=", accountId).returning(ownAccountColumns).executeTakeFirstOrThrow();
  }

  async setPassword(accountId: string, passwordHash: string, keepSession: string | null): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable("accounts").set({ password_hash: passwordHash }).where("id", "=", accountId).execute();
      return endSessions(trx, accountId, keepSession);
    });
  }

  async createPasswordReset(reset: Omit<StoredPasswordReset, "usedAt"> & { tokenHash: string }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("password_resets").where("account_id", "=", reset.accountId).where("used_at", "is", null).execute();
      await trx
        .insertInto("password_resets")
        .values({
          id: reset.id,
          account_id: reset.accountId,
          workspace_id: reset.workspaceId,
          token_hash: reset.tokenHash,
          created_by: reset.createdBy,
          created_at: reset.createdAt,
          expires_at: reset.expiresAt,
        })
        .execute();
    });
  }

  async passwordResetByTokenHash(tokenHash: string): Promise<StoredPasswordReset | null> {
    return (await this.db.selectFrom("password_resets").select(resetColumns).where("token_hash", "=", tokenHash).executeTakeFirst()) ?? null;
  }

  async usePasswordReset(input: { resetId: string; passwordHash: string; now: string }): Promise<string[] | null> {
    return this.db.transaction().execute(async (trx) => {
      // Writing the row first makes this once only: a second use waits, then finds it used.
      const used = await trx
        .updateTable("password_resets")
        .set({ used_at: input.now })
        .where("id", "=", input.resetId)
        .where("used_at", "is", null)
        .where(this.dialect.binary("expires_at"), ">", input.now)
        .returning("account_id")
        .executeTakeFirst();
      if (!used) return null;
      await trx.updateTable("accounts").set({ password_hash: input.passwordHash }).where("id", "=", used.account_id).execute();
      return endSessions(trx, used.account_id, null);
    });
  }
}

/** End the account's sessions but `keep`; their id hashes. */
async function endSessions(trx: Transaction<Database>, accountId: string, keep: string | null): Promise<string[]> {
  const rows = await trx.deleteFrom("sessions").where("account_id", "=", accountId).where("id_hash", "<>", keep ?? "").returning("id_hash").execute();
  return rows.map((row) => row.id_hash);
}
