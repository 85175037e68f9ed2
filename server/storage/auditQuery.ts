import type { AuditFilter } from "./Storage.js";

/**
 * The audit log's one query, written once for both databases: only the placeholder
 * differs (`?` in SQLite, `$n` in PostgreSQL). Stored times are ISO UTC strings of one
 * length, so comparing them as text compares them as times.
 */
export function auditListQuery(workspaceId: string, limit: number, filter: AuditFilter, placeholder: (n: number) => string): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return placeholder(values.length);
  };
  // A workspace's entries, and the sign-ins and tokens (recorded without a workspace) of its members.
  const where = [
    `(l.workspace_id = ${param(workspaceId)} OR (l.workspace_id IS NULL AND l.actor_id IN (SELECT account_id FROM members WHERE workspace_id = ${param(workspaceId)})))`,
  ];
  if (filter.personId) where.push(`(l.actor_id = ${param(filter.personId)} OR l.subject = ${param(filter.personId)})`);
  if (filter.action) where.push(`l.action = ${param(filter.action)}`);
  if (filter.from) where.push(`l.at >= ${param(filter.from)}`);
  if (filter.to) where.push(`l.at < ${param(filter.to)}`);
  if (filter.before) where.push(`l.id < ${param(filter.before)}`);
  const sql = `SELECT l.*, a.display_name AS actor_name, s.display_name AS subject_account_name
    FROM audit_log l
    LEFT JOIN accounts a ON a.id = l.actor_id
    LEFT JOIN accounts s ON s.id = l.subject
    WHERE ${where.join(" AND ")}
    ORDER BY l.id DESC LIMIT ${param(limit)}`;
  return { sql, values };
}

/** Everyone a workspace's log can be filtered by: its members, and whoever acted or was acted on in it. */
export function auditPeopleQuery(workspaceId: string, placeholder: (n: number) => string): { sql: string; values: unknown[] } {
  return {
    sql: `SELECT id, display_name AS name FROM accounts
      WHERE id IN (SELECT account_id FROM members WHERE workspace_id = ${placeholder(1)})
         OR id IN (SELECT actor_id FROM audit_log WHERE workspace_id = ${placeholder(2)})
         OR id IN (SELECT subject FROM audit_log WHERE workspace_id = ${placeholder(3)})
      ORDER BY display_name, id`,
    values: [workspaceId, workspaceId, workspaceId],
  };
}
