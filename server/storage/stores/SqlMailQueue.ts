import { sql } from "kysely";
import { DEFAULT_EMAIL_MODE } from "../../../shared/notifications.js";
import type { MailQueueStore, NewMailJob, StoredMailJob, StoredNotification } from "../Storage.js";
import type { SqlDialect } from "../dialect.js";
import type { Db, MailQueueTable } from "../schema.js";

const columns = [
  "id",
  "workspace_id as workspaceId",
  "account_id as accountId",
  "recipient",
  "language",
  "kind",
  "subject",
  "text",
  "headers",
  "message_id as messageId",
  "unsubscribe_hash as unsubscribeHash",
  "created_at as createdAt",
  "due_at_ms as dueAtMs",
  "attempts",
  "last_error as lastError",
  "claimed_by as claimedBy",
  "sent_at as sentAt",
  "failed_at as failedAt",
] as const;

type Row = Omit<StoredMailJob, "headers" | "dueAtMs" | "attempts"> & { headers: string; dueAtMs: number | string; attempts: number | string };

function stored(row: Row): StoredMailJob {
  return { ...row, headers: JSON.parse(row.headers) as Record<string, string>, dueAtMs: Number(row.dueAtMs), attempts: Number(row.attempts) };
}

/** The mail queue, for both databases: leases on the database's clock, claims by conditional updates. */
export class SqlMailQueue implements MailQueueStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  /** A job as a row, due now. */
  private row(job: NewMailJob): Omit<MailQueueTable, "attempts" | "due_at_ms"> & { due_at_ms: ReturnType<SqlDialect["nowMs"]> } {
    return {
      id: job.id,
      workspace_id: job.workspaceId,
      account_id: job.accountId,
      recipient: job.recipient,
      language: job.language,
      kind: job.kind,
      subject: job.subject,
      text: job.text,
      headers: JSON.stringify(job.headers),
      message_id: job.messageId,
      unsubscribe_hash: job.unsubscribeHash,
      created_at: job.createdAt,
      due_at_ms: this.dialect.nowMs(),
      last_error: null,
      claimed_by: null,
      claimed_until_ms: null,
      sent_at: null,
      failed_at: null,
    };
  }

  async enqueue(jobs: NewMailJob[], mailed: string[], at: string): Promise<void> {
    if (jobs.length === 0 && mailed.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      if (jobs.length > 0) await trx.insertInto("mail_queue").values(jobs.map((job) => this.row(job))).execute();
      if (mailed.length > 0) await trx.updateTable("notifications").set({ mailed_at: at }).where("id", "in", mailed).where("mailed_at", "is", null).execute();
    });
  }

  async enqueueDigest(notificationIds: string[], at: string, build: (taken: string[]) => NewMailJob): Promise<string[]> {
    if (notificationIds.length === 0) return [];
    return this.db.transaction().execute(async (trx) => {
      // Only the rows still unmailed are taken: on PostgreSQL a concurrent digest's update
      // waits for this one and then finds them mailed; on SQLite write transactions run one at a time.
      const taken = await trx
        .updateTable("notifications")
        .set({ mailed_at: at })
        .where("id", "in", notificationIds)
        .where("mailed_at", "is", null)
        .returning("id")
        .execute();
      const ids = taken.map((row) => row.id);
      if (ids.length === 0) return [];
      await trx.insertInto("mail_queue").values(this.row(build(ids))).execute();
      return ids;
    });
  }

  /** The columns of a notification, as `StoredNotification` names them. */
  private static readonly notificationColumns = [
    "n.id",
    "n.account_id as accountId",
    "n.workspace_id as workspaceId",
    "n.document_id as documentId",
    "n.kind",
    "n.actor_id as actorId",
    "n.subject",
    "n.detail",
    "n.link",
    "n.created_at as createdAt",
    "n.read_at as readAt",
    "n.mailed_at as mailedAt",
  ] as const;

  async undigested(since: string, before: string): Promise<StoredNotification[]> {
    const rows = await this.db
      .selectFrom("notifications as n")
      .innerJoin("notification_settings as s", "s.account_id", "n.account_id")
      // Only workspaces the reader is still a member of (`dropFormerMembers` sets the others aside).
      .innerJoin("members as m", (join) => join.onRef("m.workspace_id", "=", "n.workspace_id").onRef("m.account_id", "=", "n.account_id"))
      .select(SqlMailQueue.notificationColumns)
      .where("s.email_mode", "=", "digest")
      .where("n.mailed_at", "is", null)
      .where(this.dialect.binary("n.created_at"), ">=", since)
      .where(this.dialect.binary("n.created_at"), "<", before)
      .orderBy("n.created_at")
      .orderBy("n.id")
      .execute();
    return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as StoredNotification["detail"] }));
  }

  async unmailedImmediate(since: string, before: string, limit: number): Promise<StoredNotification[]> {
    const rows = await this.db
      .selectFrom("notifications as n")
      .leftJoin("notification_settings as s", "s.account_id", "n.account_id")
      .innerJoin("members as m", (join) => join.onRef("m.workspace_id", "=", "n.workspace_id").onRef("m.account_id", "=", "n.account_id"))
      .select(SqlMailQueue.notificationColumns)
      // No settings row: the default mode, each notification by mail.
      .where((eb) => eb.or([eb("s.email_mode", "=", "immediate"), ...(DEFAULT_EMAIL_MODE === "immediate" ? [eb("s.email_mode", "is", null)] : [])]))
      .where("n.mailed_at", "is", null)
      .where(this.dialect.binary("n.created_at"), ">=", since)
      .where(this.dialect.binary("n.created_at"), "<", before)
      .orderBy("n.created_at")
      .orderBy("n.id")
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as StoredNotification["detail"] }));
  }

  async dropFormerMembers(since: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable("notifications")
      .set({ mailed_at: at })
      .where("mailed_at", "is", null)
      .where(this.dialect.binary("created_at"), ">=", since)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("members as m")
              .select("m.account_id")
              .whereRef("m.workspace_id", "=", "notifications.workspace_id")
              .whereRef("m.account_id", "=", "notifications.account_id"),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async cancel(id: string, holder: string, reason: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable("mail_queue")
      .set({ failed_at: at, last_error: `cancelled: ${reason}`.slice(0, 500), claimed_by: null, claimed_until_ms: null })
      .where("id", "=", id)
      .where("claimed_by", "=", holder)
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async stopFor(accountId: string, reason: string, at: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable("mail_queue")
        .set({ failed_at: at, last_error: `cancelled: ${reason}`.slice(0, 500) })
        .where("account_id", "=", accountId)
        .where("sent_at", "is", null)
        .where("failed_at", "is", null)
        .executeTakeFirst();
      await trx.updateTable("notifications").set({ mailed_at: at }).where("account_id", "=", accountId).where("mailed_at", "is", null).execute();
      return Number(result.numUpdatedRows);
    });
  }

  async due(limit: number): Promise<string[]> {
    const now = this.dialect.nowMs();
    const rows = await this.db
      .selectFrom("mail_queue")
      .select("id")
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .where("due_at_ms", "<=", now)
      .where((eb) => eb.or([eb("claimed_until_ms", "is", null), eb("claimed_until_ms", "<=", now)]))
      .orderBy("due_at_ms")
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  async claim(id: string, holder: string, leaseMs: number): Promise<StoredMailJob | null> {
    const now = this.dialect.nowMs();
    // One conditional update: of two instances claiming at once, one changes the row and
    // the other finds the lease taken (PostgreSQL re-reads the row after waiting for the first).
    const result = await this.db
      .updateTable("mail_queue")
      .set({ claimed_by: holder, claimed_until_ms: sql<number>`${now} + ${leaseMs}` })
      .where("id", "=", id)
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .where("due_at_ms", "<=", now)
      .where((eb) => eb.or([eb("claimed_until_ms", "is", null), eb("claimed_until_ms", "<=", now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    return this.get(id);
  }

  async markSent(id: string, at: string): Promise<void> {
    await this.db.updateTable("mail_queue").set({ sent_at: at, claimed_by: null, claimed_until_ms: null }).where("id", "=", id).where("sent_at", "is", null).execute();
  }

  async markFailed(id: string, holder: string, error: string, retryInMs: number | null, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable("mail_queue")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        last_error: error.slice(0, 500),
        claimed_by: null,
        claimed_until_ms: null,
        ...(retryInMs === null ? { failed_at: at } : { due_at_ms: sql<number>`${this.dialect.nowMs()} + ${retryInMs}` }),
      }))
      .where("id", "=", id)
      .where("claimed_by", "=", holder)
      .where("sent_at", "is", null)
      // Cancelled while this attempt ran: it stays cancelled.
      .where("failed_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async get(id: string): Promise<StoredMailJob | null> {
    const row = await this.db.selectFrom("mail_queue").select(columns).where("id", "=", id).executeTakeFirst();
    return row ? stored(row) : null;
  }

  async listFor(accountId: string): Promise<StoredMailJob[]> {
    const rows = await this.db.selectFrom("mail_queue").select(columns).where("account_id", "=", accountId).orderBy("created_at").orderBy("id").execute();
    return rows.map(stored);
  }

  async accountOfUnsubscribe(hash: string): Promise<string | null> {
    const row = await this.db.selectFrom("mail_queue").select("account_id").where("unsubscribe_hash", "=", hash).executeTakeFirst();
    return row?.account_id ?? null;
  }
}
