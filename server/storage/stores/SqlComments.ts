import type { CommentStore, StoredComment, StoredMention, StoredThread } from "../Storage.js";
import { threadsWithComments } from "../rows.js";
import type { Db } from "../schema.js";
import type { SqlDialect } from "../dialect.js";

/** Mentions as stored: a JSON list, null for none. */
function storedMentions(mentions: StoredMention[] | undefined): string | null {
  return mentions && mentions.length > 0 ? JSON.stringify(mentions.map(({ kind, id }) => ({ kind, id }))) : null;
}

/** Comment threads; a deleted comment stays as a tombstone row with its text erased. */
export class SqlComments implements CommentStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
  ) {}

  /** Threads with the display names of their creator and resolver. */
  private threads() {
    return this.db
      .selectFrom("comment_threads as t")
      .innerJoin("accounts as c", "c.id", "t.created_by")
      .leftJoin("accounts as r", "r.id", "t.resolved_by")
      .select([
        "t.id",
        "t.document_id as documentId",
        "t.anchor_start as anchorStart",
        "t.anchor_end as anchorEnd",
        "t.quote",
        "t.group_id as groupId",
        "t.status",
        "t.created_by as createdBy",
        "c.display_name as createdByName",
        "t.created_at as createdAt",
        "t.resolved_by as resolvedBy",
        "r.display_name as resolvedByName",
        "t.resolved_at as resolvedAt",
      ]);
  }

  /** Live comments of a document or of one thread, with their author's display name, oldest first. */
  private async liveComments(of: { documentId: string } | { threadId: string }): Promise<StoredComment[]> {
    const query = this.db
      .selectFrom("comments as m")
      .innerJoin("accounts as a", "a.id", "m.author_id")
      .select(["m.id", "m.thread_id as threadId", "m.author_id as authorId", "a.display_name as authorName", "m.body", "m.created_at as createdAt", "m.edited_at as editedAt", "m.mentions"])
      .where("m.deleted_at", "is", null);
    const inScope =
      "threadId" in of
        ? query.where("m.thread_id", "=", of.threadId)
        : query.where("m.thread_id", "in", this.db.selectFrom("comment_threads").select("id").where("document_id", "=", of.documentId));
    const rows = await inScope.orderBy(this.dialect.binary("m.created_at")).orderBy(this.dialect.binary("m.id")).execute();
    return rows.map((row) => ({ ...row, mentions: row.mentions ? (JSON.parse(row.mentions) as StoredMention[]) : [] }));
  }

  async createThread(thread: Parameters<CommentStore["createThread"]>[0]): Promise<StoredThread> {
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("comment_threads")
        .values({
          id: thread.id,
          document_id: thread.documentId,
          anchor_start: thread.anchorStart,
          anchor_end: thread.anchorEnd,
          quote: thread.quote,
          group_id: thread.groupId,
          status: "open",
          created_by: thread.createdBy,
          created_at: now,
        })
        .execute();
      await trx.insertInto("comments").values({ id: thread.firstComment.id, thread_id: thread.id, author_id: thread.createdBy, body: thread.firstComment.body, created_at: now, mentions: storedMentions(thread.firstComment.mentions) })
        .execute();
    });
    return (await this.getThread(thread.documentId, thread.id))!;
  }

  async listThreads(documentId: string): Promise<StoredThread[]> {
    const [threads, comments] = await Promise.all([
      this.threads().where("t.document_id", "=", documentId).orderBy(this.dialect.binary("t.created_at")).orderBy(this.dialect.binary("t.id")).execute(),
      this.liveComments({ documentId }),
    ]);
    return threadsWithComments(threads, comments);
  }

  async getThread(documentId: string, threadId: string): Promise<StoredThread | null> {
    const row = await this.threads().where("t.document_id", "=", documentId).where("t.id", "=", threadId).executeTakeFirst();
    if (!row) return null;
    const comments = await this.liveComments({ threadId });
    return comments.length > 0 ? { ...row, comments } : null;
  }

  async addComment(comment: { id: string; threadId: string; authorId: string; body: string; mentions?: StoredMention[] }): Promise<void> {
    await this.db
      .insertInto("comments")
      .values({
        id: comment.id,
        thread_id: comment.threadId,
        author_id: comment.authorId,
        body: comment.body,
        created_at: new Date().toISOString(),
        mentions: storedMentions(comment.mentions),
      })
      .execute();
  }

  async editComment(commentId: string, body: string, mentions?: StoredMention[]): Promise<void> {
    await this.db
      .updateTable("comments")
      .set({ body, edited_at: new Date().toISOString(), ...(mentions !== undefined ? { mentions: storedMentions(mentions) } : {}) })
      .where("id", "=", commentId)
      .where("deleted_at", "is", null)
      .execute();
  }

  async deleteComment(commentId: string): Promise<void> {
    await this.db.updateTable("comments").set({ body: "", mentions: null, deleted_at: new Date().toISOString() }).where("id", "=", commentId).execute();
  }


  async setStatus(threadId: string, status: "open" | "resolved", by: string): Promise<void> {
    const resolved = status === "resolved";
    await this.db
      .updateTable("comment_threads")
      .set({ status, resolved_by: resolved ? by : null, resolved_at: resolved ? new Date().toISOString() : null })
      .where("id", "=", threadId)
      .execute();
  }
}
