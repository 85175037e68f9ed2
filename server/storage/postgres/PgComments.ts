import type pg from "pg";
import type { CommentStore, StoredThread } from "../Storage.js";
import { threadsWithComments, toComment, toThread, type CommentRow, type ThreadRow } from "../rows.js";
import { inTransaction } from "./transaction.js";

const threadColumns = `t.*, c.display_name AS created_by_name, r.display_name AS resolved_by_name
  FROM comment_threads t JOIN accounts c ON c.id = t.created_by LEFT JOIN accounts r ON r.id = t.resolved_by`;

const commentColumns = "m.id, m.thread_id, m.author_id, a.display_name AS author_name, m.body, m.created_at, m.edited_at";

/** Comment threads in PostgreSQL; a deleted comment stays as a tombstone row with its text erased. */
export class PgComments implements CommentStore {
  constructor(private readonly pool: pg.Pool) {}

  async createThread(thread: Parameters<CommentStore["createThread"]>[0]): Promise<StoredThread> {
    const now = new Date().toISOString();
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO comment_threads (id, document_id, anchor_start, anchor_end, quote, group_id, status, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8)`,
        [thread.id, thread.documentId, thread.anchorStart, thread.anchorEnd, thread.quote, thread.groupId, thread.createdBy, now],
      );
      await client.query("INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)", [
        thread.firstComment.id,
        thread.id,
        thread.createdBy,
        thread.firstComment.body,
        now,
      ]);
    });
    return (await this.getThread(thread.documentId, thread.id))!;
  }

  async listThreads(documentId: string): Promise<StoredThread[]> {
    const [threads, comments] = await Promise.all([
      this.pool.query<ThreadRow>(`SELECT ${threadColumns} WHERE t.document_id = $1 ORDER BY t.created_at COLLATE "C", t.id COLLATE "C"`, [documentId]),
      this.pool.query<CommentRow>(
        `SELECT ${commentColumns} FROM comments m JOIN accounts a ON a.id = m.author_id
         JOIN comment_threads t ON t.id = m.thread_id
         WHERE t.document_id = $1 AND m.deleted_at IS NULL ORDER BY m.created_at COLLATE "C", m.id COLLATE "C"`,
        [documentId],
      ),
    ]);
    return threadsWithComments(threads.rows, comments.rows);
  }

  async getThread(documentId: string, threadId: string): Promise<StoredThread | null> {
    const { rows } = await this.pool.query<ThreadRow>(`SELECT ${threadColumns} WHERE t.document_id = $1 AND t.id = $2`, [documentId, threadId]);
    const row = rows[0];
    if (!row) return null;
    const comments = await this.pool.query<CommentRow>(
      `SELECT ${commentColumns} FROM comments m JOIN accounts a ON a.id = m.author_id
       WHERE m.thread_id = $1 AND m.deleted_at IS NULL ORDER BY m.created_at COLLATE "C", m.id COLLATE "C"`,
      [threadId],
    );
    return comments.rows.length > 0 ? toThread(row, comments.rows.map(toComment)) : null;
  }

  async addComment(comment: { id: string; threadId: string; authorId: string; body: string }): Promise<void> {
    await this.pool.query("INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES ($1, $2, $3, $4, $5)", [
      comment.id,
      comment.threadId,
      comment.authorId,
      comment.body,
      new Date().toISOString(),
    ]);
  }

  async editComment(commentId: string, body: string): Promise<void> {
    await this.pool.query("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3 AND deleted_at IS NULL", [body, new Date().toISOString(), commentId]);
  }

  async deleteComment(commentId: string): Promise<void> {
    await this.pool.query("UPDATE comments SET body = '', deleted_at = $1 WHERE id = $2", [new Date().toISOString(), commentId]);
  }

  async setStatus(threadId: string, status: "open" | "resolved", by: string): Promise<void> {
    const resolved = status === "resolved";
    await this.pool.query("UPDATE comment_threads SET status = $1, resolved_by = $2, resolved_at = $3 WHERE id = $4", [
      status,
      resolved ? by : null,
      resolved ? new Date().toISOString() : null,
      threadId,
    ]);
  }
}
