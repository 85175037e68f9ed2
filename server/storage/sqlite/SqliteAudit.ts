import type Database from "better-sqlite3";
import type { AuditFilter, AuditRecord, AuditStore, StoredAuditEntry } from "../Storage.js";
import { toAuditEntry, type AuditRow } from "../rows.js";
import { auditListQuery, auditPeopleQuery } from "../auditQuery.js";

/** The audit log in SQLite: insert and select only. */
export class SqliteAudit implements AuditStore {
  private readonly insert;
  /** Prepared once per combination of filters. */
  private readonly prepared = new Map<string, Database.Statement<unknown[], AuditRow>>();

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare<[string | null, string, string | null, string, string | null, string, string | null]>(
      "INSERT INTO audit_log (workspace_id, at, actor_id, action, subject, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
  }

  async record(entry: AuditRecord): Promise<void> {
    this.insert.run(entry.workspaceId, new Date().toISOString(), entry.actorId, entry.action, entry.subject, JSON.stringify(entry.detail), entry.address);
  }

  async list(workspaceId: string, limit: number, filter: AuditFilter = {}): Promise<StoredAuditEntry[]> {
    const { sql, values } = auditListQuery(workspaceId, limit, filter, () => "?");
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], AuditRow>(sql);
      this.prepared.set(sql, statement);
    }
    return statement.all(...values).map(toAuditEntry);
  }

  async people(workspaceId: string): Promise<{ id: string; name: string }[]> {
    const { sql, values } = auditPeopleQuery(workspaceId, () => "?");
    return this.db.prepare<unknown[], { id: string; name: string }>(sql).all(...values);
  }
}
