import type Database from "better-sqlite3";
import type { CommentStore, StoredThread } from "../Storage.js";
import { threadsWithComments, toComment, toThread, type CommentRow, type ThreadRow } from "../rows.js";

const threadColumns = `t.*, c.display_name AS created_by_name, r.display_name AS resolved_by_name
  FROM comment_threads t JOIN accounts c ON c.id = t.created_by LEFT JOIN accounts r ON r.id = t.resolved_by`;

/** Comment threads in SQLite. */
export class SqliteComments implements CommentStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertThread: db.prepare<[string, string, string, string, string, string | null, string, string]>(
        `INSERT INTO comment_threads (id, document_id, anchor_start, anchor_end, quote, group_id, status, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      ),
      insertComment: db.prepare<[string, string, string, string, string]>(
        "INSERT INTO comments (id, thread_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
      ),
      listThreads: db.prepare<[string], ThreadRow>(`SELECT ${threadColumns} WHERE t.document_id = ? ORDER BY t.created_at, t.id`),
      getThread: db.prepare<[string, string], ThreadRow>(`SELECT ${threadColumns} WHERE t.document_id = ? AND t.id = ?`),
      commentsOfDocument: db.prepare<[string], CommentRow>(
        `SELECT m.*, a.display_name AS author_name FROM comments m JOIN accounts a ON a.id = m.author_id
         JOIN comment_threads t ON t.id = m.thread_id
         WHERE t.document_id = ? AND m.deleted_at IS NULL ORDER BY m.created_at, m.id`,
      ),
      commentsOfThread: db.prepare<[string], CommentRow>(
        `SELECT m.*, a.display_name AS author_name FROM comments m JOIN accounts a ON a.id = m.author_id
         WHERE m.thread_id = ? AND m.deleted_at IS NULL ORDER BY m.created_at, m.id`,
      ),
      editComment: db.prepare<[string, string, string]>("UPDATE comments SET body = ?, edited_at = ? WHERE id = ? AND deleted_at IS NULL"),
      deleteComment: db.prepare<[string, string]>("UPDATE comments SET body = '', deleted_at = ? WHERE id = ?"),
      setStatus: db.prepare<[string, string | null, string | null, string]>(
        "UPDATE comment_threads SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
      ),
    };
  }

  async createThread(thread: Parameters<CommentStore["createThread"]>[0]): Promise<StoredThread> {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.statements.insertThread.run(thread.id, thread.documentId, thread.anchorStart, thread.anchorEnd, thread.quote, thread.groupId, thread.createdBy, now);
      this.statements.insertComment.run(thread.firstComment.id, thread.id, thread.createdBy, thread.firstComment.body, now);
    })();
    return (await this.getThread(thread.documentId, thread.id))!;
  }

  async listThreads(documentId: string): Promise<StoredThread[]> {
    return threadsWithComments(this.statements.listThreads.all(documentId), this.statements.commentsOfDocument.all(documentId));
  }

  async getThread(documentId: string, threadId: string): Promise<StoredThread | null> {
    const row = this.statements.getThread.get(documentId, threadId);
    if (!row) return null;
    const comments = this.statements.commentsOfThread.all(threadId).map(toComment);
    return comments.length > 0 ? toThread(row, comments) : null;
  }

  async addComment(comment: { id: string; threadId: string; authorId: string; body: string }): Promise<void> {
    this.statements.insertComment.run(comment.id, comment.threadId, comment.authorId, comment.body, new Date().toISOString());
  }

  async editComment(commentId: string, body: string): Promise<void> {
    this.statements.editComment.run(body, new Date().toISOString(), commentId);
  }

  async deleteComment(commentId: string): Promise<void> {
    this.statements.deleteComment.run(new Date().toISOString(), commentId);
  }

  async setStatus(threadId: string, status: "open" | "resolved", by: string): Promise<void> {
    const resolved = status === "resolved";
    this.statements.setStatus.run(status, resolved ? by : null, resolved ? new Date().toISOString() : null, threadId);
  }
}
