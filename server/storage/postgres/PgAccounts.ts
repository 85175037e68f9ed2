import type pg from "pg";
import type { AccountStore, LooksAlike, StoredAccount, StoredPasswordReset, StoredToken } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { nameClashes, toAccount, toPasswordReset, toToken, type AccountRow, type PasswordResetRow, type TokenRow } from "../rows.js";
import { inTransaction, isUniqueViolation, type Queryable } from "./transaction.js";
import { lockForNames } from "./PgWorkspaces.js";

/** Accounts, sessions and API tokens in PostgreSQL. */
export class PgAccounts implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>("SELECT COUNT(*) AS n FROM accounts");
    return rows[0]?.n ?? 0;
  }

  async create(account: { id: string; email: string; displayName: string; passwordHash: string }): Promise<StoredAccount> {
    const now = new Date().toISOString();
    try {
      await this.pool.query("INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)", [
        account.id,
        account.email,
        account.displayName,
        account.passwordHash,
        now,
      ]);
    } catch (error) {
      // The unique constraint decides, so two instances creating one email at once cannot both succeed.
      if (isUniqueViolation(error, "accounts_email_key")) throw new StorageConflict("email_taken");
      throw error;
    }
    return { id: account.id, email: account.email, displayName: account.displayName, createdAt: now };
  }

  async get(id: string): Promise<StoredAccount | null> {
    const { rows } = await this.pool.query<AccountRow>("SELECT * FROM accounts WHERE id = $1", [id]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async findByEmail(email: string): Promise<(StoredAccount & { passwordHash: string }) | null> {
    const { rows } = await this.pool.query<AccountRow>("SELECT * FROM accounts WHERE email = $1", [email]);
    return rows[0] ? { ...toAccount(rows[0]), passwordHash: rows[0].password_hash } : null;
  }

  async createSession(session: { idHash: string; accountId: string; expiresAt: string }): Promise<void> {
    await this.pool.query("INSERT INTO sessions (id_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)", [
      session.idHash,
      session.accountId,
      new Date().toISOString(),
      session.expiresAt,
    ]);
  }

  async sessionAccount(idHash: string, now: string): Promise<StoredAccount | null> {
    const { rows } = await this.pool.query<AccountRow>(
      `SELECT a.* FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = $1 AND s.expires_at > $2 COLLATE "C"`,
      [idHash, now],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query("DELETE FROM sessions WHERE id_hash = $1", [idHash]);
  }

  async createToken(token: { id: string; accountId: string; name: string; tokenHash: string }): Promise<StoredToken> {
    const now = new Date().toISOString();
    await this.pool.query("INSERT INTO api_tokens (id, account_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)", [
      token.id,
      token.accountId,
      token.name,
      token.tokenHash,
      now,
    ]);
    return { id: token.id, accountId: token.accountId, name: token.name, createdAt: now, lastUsedAt: null };
  }

  async tokenAccount(tokenHash: string, now: string): Promise<{ account: StoredAccount; tokenId: string } | null> {
    const { rows } = await this.pool.query<AccountRow & { token_id: string }>(
      `SELECT a.*, t.id AS token_id FROM api_tokens t JOIN accounts a ON a.id = t.account_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    // At most one write a minute per token, not one per request.
    await this.pool.query(`UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3 COLLATE "C")`, [
      now,
      row.token_id,
      new Date(Date.parse(now) - 60_000).toISOString(),
    ]);
    return { account: toAccount(row), tokenId: row.token_id };
  }

  async listTokens(accountId: string): Promise<StoredToken[]> {
    const { rows } = await this.pool.query<TokenRow>(
      `SELECT * FROM api_tokens WHERE account_id = $1 AND revoked_at IS NULL ORDER BY created_at COLLATE "C" DESC`,
      [accountId],
    );
    return rows.map(toToken);
  }

  async revokeToken(accountId: string, tokenId: string, now: string): Promise<boolean> {
    const result = await this.pool.query("UPDATE api_tokens SET revoked_at = $1 WHERE account_id = $2 AND id = $3 AND revoked_at IS NULL", [
      now,
      accountId,
      tokenId,
    ]);
    return result.rowCount === 1;
  }

  async rename(accountId: string, displayName: string, looksAlike: LooksAlike): Promise<StoredAccount> {
    return inTransaction(this.pool, async (client) => {
      const mine = await client.query<{ workspace_id: string }>("SELECT workspace_id FROM members WHERE account_id = $1", [accountId]);
      await lockForNames(client, mine.rows.map((row) => row.workspace_id));
      const others = await client.query<{ display_name: string }>(
        `SELECT DISTINCT a.display_name FROM members mine JOIN members m ON m.workspace_id = mine.workspace_id JOIN accounts a ON a.id = m.account_id
         WHERE mine.account_id = $1 AND m.account_id <> $1`,
        [accountId],
      );
      if (nameClashes(displayName, others.rows.map((row) => row.display_name), looksAlike)) throw new StorageConflict("name_taken");
      const { rows } = await client.query<AccountRow>("UPDATE accounts SET display_name = $1 WHERE id = $2 RETURNING *", [displayName, accountId]);
      return toAccount(rows[0]!);
    });
  }

  async setPassword(accountId: string, passwordHash: string, keepSession: string | null): Promise<string[]> {
    return inTransaction(this.pool, async (client) => {
      await client.query("UPDATE accounts SET password_hash = $1 WHERE id = $2", [passwordHash, accountId]);
      return endSessions(client, accountId, keepSession);
    });
  }

  async createPasswordReset(reset: Omit<StoredPasswordReset, "usedAt"> & { tokenHash: string }): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query("DELETE FROM password_resets WHERE account_id = $1 AND used_at IS NULL", [reset.accountId]);
      await client.query(
        `INSERT INTO password_resets (id, account_id, workspace_id, token_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [reset.id, reset.accountId, reset.workspaceId, reset.tokenHash, reset.createdBy, reset.createdAt, reset.expiresAt],
      );
    });
  }

  async passwordResetByTokenHash(tokenHash: string): Promise<StoredPasswordReset | null> {
    const { rows } = await this.pool.query<PasswordResetRow>("SELECT * FROM password_resets WHERE token_hash = $1", [tokenHash]);
    return rows[0] ? toPasswordReset(rows[0]) : null;
  }

  async usePasswordReset(input: { resetId: string; passwordHash: string; now: string }): Promise<string[] | null> {
    return inTransaction(this.pool, async (client) => {
      // The row lock makes this once only: a second use waits, then finds it used.
      const { rows } = await client.query<PasswordResetRow>(
        `UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL AND expires_at > $1 COLLATE "C" RETURNING *`,
        [input.now, input.resetId],
      );
      const used = rows[0];
      if (!used) return null;
      await client.query("UPDATE accounts SET password_hash = $1 WHERE id = $2", [input.passwordHash, used.account_id]);
      return endSessions(client, used.account_id, null);
    });
  }
}

/** End the account's sessions but `keep`; their id hashes. */
async function endSessions(client: Queryable, accountId: string, keep: string | null): Promise<string[]> {
  const { rows } = await client.query<{ id_hash: string }>("DELETE FROM sessions WHERE account_id = $1 AND id_hash <> $2 RETURNING id_hash", [
    accountId,
    keep ?? "",
  ]);
  return rows.map((row) => row.id_hash);
}
