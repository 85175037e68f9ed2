import type pg from "pg";
import type { AuditFilter, AuditRecord, AuditStore, StoredAuditEntry } from "../Storage.js";
import { toAuditEntry, type AuditRow } from "../rows.js";
import { auditListQuery, auditPeopleQuery } from "../auditQuery.js";

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

  async list(workspaceId: string, limit: number, filter: AuditFilter = {}): Promise<StoredAuditEntry[]> {
    const { sql, values } = auditListQuery(workspaceId, limit, filter, (n) => `$${n}`);
    const { rows } = await this.pool.query<AuditRow>(sql, values);
    return rows.map(toAuditEntry);
  }

  async people(workspaceId: string): Promise<{ id: string; name: string }[]> {
    const { sql, values } = auditPeopleQuery(workspaceId, (n) => `$${n}`);
    return (await this.pool.query<{ id: string; name: string }>(sql, values)).rows;
  }
}
