import type { AuditFilter, AuditRecord, AuditStore, StoredAuditEntry } from "../Storage.js";
import type { Db } from "../schema.js";

/**
 * The audit log: insert and select only. Stored times are ISO UTC strings of one
 * length, so comparing them as text compares them as times.
 */
export class SqlAudit implements AuditStore {
  constructor(private readonly db: Db) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.db
      .insertInto("audit_log")
      .values({
        workspace_id: entry.workspaceId,
        at: new Date().toISOString(),
        actor_id: entry.actorId,
        action: entry.action,
        subject: entry.subject,
        detail: JSON.stringify(entry.detail),
        address: entry.address,
      })
      .execute();
  }

  async list(workspaceId: string, limit: number, filter: AuditFilter = {}): Promise<StoredAuditEntry[]> {
    const rows = await this.db
      .selectFrom("audit_log as l")
      .leftJoin("accounts as a", "a.id", "l.actor_id")
      .leftJoin("accounts as s", "s.id", "l.subject")
      .select([
        "l.id",
        "l.workspace_id as workspaceId",
        "l.at",
        "l.actor_id as actorId",
        "a.display_name as actorName",
        "s.display_name as subjectAccountName",
        "l.action",
        "l.subject",
        "l.detail",
        "l.address",
      ])
      // A workspace's entries, and the sign-ins and tokens (recorded without a workspace) of its members.
      .where((eb) =>
        eb.or([
          eb("l.workspace_id", "=", workspaceId),
          eb.and([eb("l.workspace_id", "is", null), eb("l.actor_id", "in", eb.selectFrom("members").select("account_id").where("workspace_id", "=", workspaceId))]),
        ]),
      )
      .$if(Boolean(filter.personId), (query) => query.where((eb) => eb.or([eb("l.actor_id", "=", filter.personId!), eb("l.subject", "=", filter.personId!)])))
      .$if(Boolean(filter.action), (query) => query.where("l.action", "=", filter.action!))
      .$if(Boolean(filter.from), (query) => query.where("l.at", ">=", filter.from!))
      .$if(Boolean(filter.to), (query) => query.where("l.at", "<", filter.to!))
      .$if(Boolean(filter.before), (query) => query.where("l.id", "<", filter.before!))
      .orderBy("l.id", "desc")
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as Record<string, unknown> }));
  }

  /** Everyone a workspace's log can be filtered by: its members, and whoever acted or was acted on in it. */
  async people(workspaceId: string): Promise<{ id: string; name: string }[]> {
    return this.db
      .selectFrom("accounts")
      .select(["id", "display_name as name"])
      .where((eb) =>
        eb.or([
          eb("id", "in", eb.selectFrom("members").select("account_id").where("workspace_id", "=", workspaceId)),
          eb("id", "in", eb.selectFrom("audit_log").select("actor_id").where("workspace_id", "=", workspaceId)),
          eb("id", "in", eb.selectFrom("audit_log").select("subject").where("workspace_id", "=", workspaceId)),
        ]),
      )
      .orderBy("display_name")
      .orderBy("id")
      .execute();
  }
}
