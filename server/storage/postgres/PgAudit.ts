import type pg from "pg";
import type { AuditRecord, AuditStore, StoredAuditEntry } from "../Storage.js";
import { toAuditEntry, type AuditRow } from "../rows.js";

/** The audit log in PostgreSQL: insert and select only. */
export class PgAudit implements AuditStore {
  constructor(private readonly pool: pg.Pool) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.pool.query("INSERT INTO audit_log (workspace_id, at, actor_id, action, subject, detail, address) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
      entry.workspaceId,
      new Date().toISOString(),
      entry.actorId,
      entry.action,
      entry.subject,
      JSON.stringify(entry.detail),
      entry.address,
    ]);
  }

  async list(workspaceId: string, limit: number): Promise<StoredAuditEntry[]> {
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT l.*, a.display_name AS actor_name FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_id
       WHERE l.workspace_id = $1
          OR (l.workspace_id IS NULL AND l.actor_id IN (SELECT account_id FROM members WHERE workspace_id = $1))
       ORDER BY l.id DESC LIMIT $2`,
      [workspaceId, limit],
    );
    return rows.map(toAuditEntry);
  }
}
