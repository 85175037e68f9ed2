import type Database from "better-sqlite3";
import type { AuditRecord, AuditStore, StoredAuditEntry } from "../Storage.js";
import { toAuditEntry, type AuditRow } from "../rows.js";

/** The audit log in SQLite: insert and select only. */
export class SqliteAudit implements AuditStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      insert: db.prepare<[string | null, string, string | null, string, string | null, string, string | null]>(
        "INSERT INTO audit_log (workspace_id, at, actor_id, action, subject, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      list: db.prepare<[string, string, number], AuditRow>(
        `SELECT l.*, a.display_name AS actor_name FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id
         WHERE l.workspace_id = ?
            OR (l.workspace_id IS NULL AND l.actor_id IN (SELECT account_id FROM members WHERE workspace_id = ?))
         ORDER BY l.id DESC LIMIT ?`,
      ),
    };
  }

  async record(entry: AuditRecord): Promise<void> {
    this.statements.insert.run(
      entry.workspaceId,
      new Date().toISOString(),
      entry.actorId,
      entry.action,
      entry.subject,
      JSON.stringify(entry.detail),
      entry.address,
    );
  }

  async list(workspaceId: string, limit: number): Promise<StoredAuditEntry[]> {
    return this.statements.list.all(workspaceId, workspaceId, limit).map(toAuditEntry);
  }
}
