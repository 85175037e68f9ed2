import type { ExpressionBuilder } from "kysely";
import type { EmailMode, NotificationDetail } from "../../../shared/notifications.js";
import type { NewNotification, NotificationStore, StoredFollow, StoredNotification } from "../Storage.js";
import type { Database, Db } from "../schema.js";

const columns = [
  "id",
  "account_id as accountId",
  "workspace_id as workspaceId",
  "document_id as documentId",
  "kind",
  "actor_id as actorId",
  "subject",
  "detail",
  "link",
  "created_at as createdAt",
  "read_at as readAt",
  "mailed_at as mailedAt",
] as const;

/** Only notifications of a workspace their account is a member of now. */
const stillMember = (eb: ExpressionBuilder<Database, "notifications">) =>
  eb.exists(
    eb
      .selectFrom("members")
      .select("members.account_id")
      .whereRef("members.workspace_id", "=", "notifications.workspace_id")
      .whereRef("members.account_id", "=", "notifications.account_id"),
  );

/** Notifications, email modes and follows, for both databases. */
export class SqlNotifications implements NotificationStore {
  constructor(private readonly db: Db) {}

  async add(notifications: NewNotification[]): Promise<NewNotification[]> {
    if (notifications.length === 0) return [];
    // One statement: of overlapping requests (or instances) telling the same once-only
    // news, the database records it once and says which rows it kept.
    const inserted = await this.db
      .insertInto("notifications")
      .values(
        notifications.map((n) => ({
          id: n.id,
          account_id: n.accountId,
          workspace_id: n.workspaceId,
          document_id: n.documentId,
          kind: n.kind,
          actor_id: n.actorId,
          subject: n.subject,
          detail: JSON.stringify(n.detail),
          link: n.link,
          created_at: n.createdAt,
          read_at: null,
          mailed_at: null,
          comment_id: n.commentId ?? null,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .execute();
    const kept = new Set(inserted.map((row) => row.id));
    return notifications.filter((n) => kept.has(n.id));
  }

  async list(accountId: string, options: { limit: number; before?: string }): Promise<StoredNotification[]> {
    let query = this.db.selectFrom("notifications").select(columns).where("account_id", "=", accountId).where(stillMember);
    if (options.before !== undefined) {
      const before = await this.db.selectFrom("notifications").select(["created_at", "id"]).where("id", "=", options.before).where("account_id", "=", accountId).executeTakeFirst();
      if (!before) return [];
      query = query.where((eb) => eb.or([eb("created_at", "<", before.created_at), eb.and([eb("created_at", "=", before.created_at), eb("id", "<", before.id)])]));
    }
    const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit).execute();
    return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as StoredNotification["detail"] }));
  }

  async unreadCount(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number | string>().as("count"))
      .where("account_id", "=", accountId)
      .where("read_at", "is", null)
      .where(stillMember)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  async hasSubject(subject: string, kind: string): Promise<boolean> {
    const row = await this.db.selectFrom("notifications").select("id").where("subject", "=", subject).where("kind", "=", kind).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async forgetComment(commentId: string): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom("notifications").select(["id", "detail"]).where("comment_id", "=", commentId).execute();
      for (const row of rows) {
        const { quote: _quote, excerpt: _excerpt, ...rest } = JSON.parse(row.detail) as NotificationDetail;
        await trx.updateTable("notifications").set({ detail: JSON.stringify(rest) }).where("id", "=", row.id).execute();
      }
      return rows.map((row) => row.id);
    });
  }

  async markRead(accountId: string, which: { ids: string[] } | { all: true }, at: string): Promise<number> {
    let query = this.db.updateTable("notifications").set({ read_at: at }).where("account_id", "=", accountId).where("read_at", "is", null).where(stillMember);
    if ("ids" in which) query = query.where("id", "in", which.ids);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async emailMode(accountId: string): Promise<EmailMode | null> {
    const row = await this.db.selectFrom("notification_settings").select("email_mode").where("account_id", "=", accountId).executeTakeFirst();
    return row?.email_mode ?? null;
  }

  async emailModes(accountIds: string[]): Promise<Map<string, EmailMode>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.db.selectFrom("notification_settings").select(["account_id", "email_mode"]).where("account_id", "in", accountIds).execute();
    return new Map(rows.map((row) => [row.account_id, row.email_mode]));
  }

  async setEmailMode(accountId: string, mode: EmailMode): Promise<void> {
    await this.db
      .insertInto("notification_settings")
      .values({ account_id: accountId, email_mode: mode })
      .onConflict((oc) => oc.column("account_id").doUpdateSet({ email_mode: mode }))
      .execute();
  }

  async follows(workspaceId: string, accountId?: string): Promise<StoredFollow[]> {
    let query = this.db.selectFrom("act_follows").select(["account_id as accountId", "act", "follows"]).where("workspace_id", "=", workspaceId);
    if (accountId !== undefined) query = query.where("account_id", "=", accountId);
    const rows = await query.orderBy("account_id").orderBy("act").execute();
    return rows.map((row) => ({ accountId: row.accountId, act: Number(row.act), follows: Number(row.follows) === 1 }));
  }

  async setFollows(workspaceId: string, accountId: string, follows: { act: number; follows: boolean }[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("act_follows").where("workspace_id", "=", workspaceId).where("account_id", "=", accountId).execute();
      if (follows.length === 0) return;
      await trx
        .insertInto("act_follows")
        .values(follows.map((f) => ({ workspace_id: workspaceId, account_id: accountId, act: f.act, follows: f.follows ? 1 : 0 })))
        .execute();
    });
  }
}
