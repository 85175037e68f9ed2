import type Database from "better-sqlite3";
import type { AccountStore, LooksAlike, StoredAccount, StoredPasswordReset, StoredToken } from "../Storage.js";
import { StorageConflict } from "../StorageConflict.js";
import { nameClashes, toAccount, toPasswordReset, toToken, type AccountRow, type PasswordResetRow, type TokenRow } from "../rows.js";

/** Accounts, sessions and API tokens in SQLite. */
export class SqliteAccounts implements AccountStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      count: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM accounts"),
      insert: db.prepare<[string, string, string, string, string]>(
        "INSERT INTO accounts (id, email, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
      ),
      get: db.prepare<[string], AccountRow>("SELECT * FROM accounts WHERE id = ?"),
      byEmail: db.prepare<[string], AccountRow>("SELECT * FROM accounts WHERE email = ?"),
      insertSession: db.prepare<[string, string, string, string]>(
        "INSERT INTO sessions (id_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
      ),
      sessionAccount: db.prepare<[string, string], AccountRow>(
        "SELECT a.* FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ? AND s.expires_at > ?",
      ),
      deleteSession: db.prepare<[string]>("DELETE FROM sessions WHERE id_hash = ?"),
      insertToken: db.prepare<[string, string, string, string, string]>(
        "INSERT INTO api_tokens (id, account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
      ),
      tokenAccount: db.prepare<[string], AccountRow & { token_id: string }>(
        "SELECT a.*, t.id AS token_id FROM api_tokens t JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ? AND t.revoked_at IS NULL",
      ),
      // At most one write a minute per token, not one per request.
      touchToken: db.prepare<[string, string, string]>(
        "UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
      ),
      listTokens: db.prepare<[string], TokenRow>(
        "SELECT * FROM api_tokens WHERE account_id = ? AND revoked_at IS NULL ORDER BY created_at DESC",
      ),
      revokeToken: db.prepare<[string, string, string]>(
        "UPDATE api_tokens SET revoked_at = ? WHERE account_id = ? AND id = ? AND revoked_at IS NULL",
      ),
      fellowMemberNames: db.prepare<[string, string], { display_name: string }>(
        `SELECT DISTINCT a.display_name FROM members mine JOIN members m ON m.workspace_id = mine.workspace_id JOIN accounts a ON a.id = m.account_id
         WHERE mine.account_id = ? AND m.account_id <> ?`,
      ),
      rename: db.prepare<[string, string]>("UPDATE accounts SET display_name = ? WHERE id = ?"),
      setPassword: db.prepare<[string, string]>("UPDATE accounts SET password_hash = ? WHERE id = ?"),
      sessionsOf: db.prepare<[string], { id_hash: string }>("SELECT id_hash FROM sessions WHERE account_id = ?"),
      deleteSessionsOf: db.prepare<[string, string]>("DELETE FROM sessions WHERE account_id = ? AND id_hash <> ?"),
      dropUnusedResets: db.prepare<[string]>("DELETE FROM password_resets WHERE account_id = ? AND used_at IS NULL"),
      insertReset: db.prepare<[string, string, string, string, string, string, string]>(
        `INSERT INTO password_resets (id, account_id, workspace_id, token_hash, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      resetByToken: db.prepare<[string], PasswordResetRow>("SELECT * FROM password_resets WHERE token_hash = ?"),
      useReset: db.prepare<[string, string, string], PasswordResetRow>(
        "UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ? RETURNING *",
      ),
    };
  }

  async count(): Promise<number> {
    return this.statements.count.get()?.n ?? 0;
  }

  async create(account: { id: string; email: string; displayName: string; passwordHash: string }): Promise<StoredAccount> {
    const now = new Date().toISOString();
    if (this.statements.byEmail.get(account.email)) throw new StorageConflict("email_taken");
    this.statements.insert.run(account.id, account.email, account.displayName, account.passwordHash, now);
    return { id: account.id, email: account.email, displayName: account.displayName, createdAt: now };
  }

  async get(id: string): Promise<StoredAccount | null> {
    const row = this.statements.get.get(id);
    return row ? toAccount(row) : null;
  }

  async findByEmail(email: string): Promise<(StoredAccount & { passwordHash: string }) | null> {
    const row = this.statements.byEmail.get(email);
    return row ? { ...toAccount(row), passwordHash: row.password_hash } : null;
  }

  async createSession(session: { idHash: string; accountId: string; expiresAt: string }): Promise<void> {
    this.statements.insertSession.run(session.idHash, session.accountId, new Date().toISOString(), session.expiresAt);
  }

  async sessionAccount(idHash: string, now: string): Promise<StoredAccount | null> {
    const row = this.statements.sessionAccount.get(idHash, now);
    return row ? toAccount(row) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.statements.deleteSession.run(idHash);
  }

  async createToken(token: { id: string; accountId: string; name: string; tokenHash: string }): Promise<StoredToken> {
    const now = new Date().toISOString();
    this.statements.insertToken.run(token.id, token.accountId, token.name, token.tokenHash, now);
    return { id: token.id, accountId: token.accountId, name: token.name, createdAt: now, lastUsedAt: null };
  }

  async tokenAccount(tokenHash: string, now: string): Promise<{ account: StoredAccount; tokenId: string } | null> {
    const row = this.statements.tokenAccount.get(tokenHash);
    if (!row) return null;
    this.statements.touchToken.run(now, row.token_id, new Date(Date.parse(now) - 60_000).toISOString());
    return { account: toAccount(row), tokenId: row.token_id };
  }

  async listTokens(accountId: string): Promise<StoredToken[]> {
    return this.statements.listTokens.all(accountId).map(toToken);
  }

  async revokeToken(accountId: string, tokenId: string, now: string): Promise<boolean> {
    return this.statements.revokeToken.run(now, accountId, tokenId).changes === 1;
  }

  async rename(accountId: string, displayName: string, looksAlike: LooksAlike): Promise<StoredAccount> {
    return this.db.transaction(() => {
      const others = this.statements.fellowMemberNames.all(accountId, accountId).map((row) => row.display_name);
      if (nameClashes(displayName, others, looksAlike)) throw new StorageConflict("name_taken");
      this.statements.rename.run(displayName, accountId);
      return toAccount(this.statements.get.get(accountId)!);
    })();
  }

  /** End the account's sessions but `keep`; their id hashes. Runs inside the caller's transaction. */
  private endSessions(accountId: string, keep: string | null): string[] {
    const ended = this.statements.sessionsOf.all(accountId).map((row) => row.id_hash).filter((idHash) => idHash !== keep);
    this.statements.deleteSessionsOf.run(accountId, keep ?? "");
    return ended;
  }

  async setPassword(accountId: string, passwordHash: string, keepSession: string | null): Promise<string[]> {
    return this.db.transaction(() => {
      this.statements.setPassword.run(passwordHash, accountId);
      return this.endSessions(accountId, keepSession);
    })();
  }

  async createPasswordReset(reset: Omit<StoredPasswordReset, "usedAt"> & { tokenHash: string }): Promise<void> {
    this.db.transaction(() => {
      this.statements.dropUnusedResets.run(reset.accountId);
      this.statements.insertReset.run(reset.id, reset.accountId, reset.workspaceId, reset.tokenHash, reset.createdBy, reset.createdAt, reset.expiresAt);
    })();
  }

  async passwordResetByTokenHash(tokenHash: string): Promise<StoredPasswordReset | null> {
    const row = this.statements.resetByToken.get(tokenHash);
    return row ? toPasswordReset(row) : null;
  }

  async usePasswordReset(input: { resetId: string; passwordHash: string; now: string }): Promise<string[] | null> {
    return this.db.transaction(() => {
      const used = this.statements.useReset.get(input.now, input.resetId, input.now);
      if (!used) return null;
      this.statements.setPassword.run(input.passwordHash, used.account_id);
      return this.endSessions(used.account_id, null);
    })();
  }
}
