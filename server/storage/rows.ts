/**
 * Rows as the stores read them (`schema.ts`) and their conversion to the stored types
 * of the Storage interface.
 */
import type { Selectable } from "kysely";
import type {
  StoredAccount,
  StoredAuditEntry,
  StoredComment,
  StoredDocument,
  StoredInvite,
  StoredMembership,
  StoredPasswordReset,
  StoredRound,
  StoredThread,
  StoredToken,
  StoredVersion,
  StoredVersionSummary,
} from "./Storage.js";
import type { AuditLogTable, CommentsTable, CommentThreadsTable, DocumentRow, VersionsTable, InviteRow, MemberRow, PasswordResetRow, RoundRow, TokenRow } from "./schema.js";

/** A document row as the API type (a document not yet adopted by a workspace has `""`). */
export function toDocument(row: Omit<DocumentRow, "writes_closed_until">): StoredDocument {
  return { id: row.id, workspaceId: row.workspace_id ?? "", title: row.title, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** An account row without its password hash. */
export function toAccount(row: { id: string; email: string; display_name: string; created_at: string }): StoredAccount {
  return { id: row.id, email: row.email, displayName: row.display_name, createdAt: row.created_at };
}

/** A token row as the API type. */
export function toToken(row: Omit<TokenRow, "token_hash" | "revoked_at">): StoredToken {
  return { id: row.id, accountId: row.account_id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

/** A member row as the API type. */
export function toMembership(row: MemberRow): StoredMembership {
  return {
    workspaceId: row.workspace_id,
    accountId: row.account_id,
    role: row.role,
    groupIds: JSON.parse(row.group_ids) as string[],
    joinedAt: row.joined_at,
  };
}

/** An invite row as the API type. */
export function toInvite(row: Omit<InviteRow, "token_hash" | "used_by">): StoredInvite {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    role: row.role,
    groupIds: JSON.parse(row.group_ids) as string[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    note: row.note,
  };
}

/** A password reset row as the stored type. */
export function toPasswordReset(row: Omit<PasswordResetRow, "token_hash">): StoredPasswordReset {
  return {
    id: row.id,
    accountId: row.account_id,
    workspaceId: row.workspace_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

/** An `audit_log` row with the display names of its actor and of the account it is about. */
export type AuditRow = Selectable<AuditLogTable> & { actor_name: string | null; subject_account_name: string | null };

/** An audit row as the API type. */
export function toAuditEntry(row: AuditRow): StoredAuditEntry {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    subjectAccountName: row.subject_account_name,
    action: row.action,
    subject: row.subject,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    address: row.address,
  };
}

/** A `comment_threads` row with the display names of its creator and resolver. */
export type ThreadRow = Selectable<CommentThreadsTable> & { created_by_name: string; resolved_by_name: string | null };

/** A live `comments` row with its author's display name. */
export type CommentRow = Omit<Selectable<CommentsTable>, "deleted_at"> & { author_name: string };

/** A comment row as the API type. */
export function toComment(row: CommentRow): StoredComment {
  return {
    id: row.id,
    threadId: row.thread_id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

/** A thread row and its live comments as the API type. */
export function toThread(row: ThreadRow, comments: StoredComment[]): StoredThread {
  return {
    id: row.id,
    documentId: row.document_id,
    anchorStart: row.anchor_start,
    anchorEnd: row.anchor_end,
    quote: row.quote,
    groupId: row.group_id,
    status: row.status,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    resolvedBy: row.resolved_by,
    resolvedByName: row.resolved_by_name,
    resolvedAt: row.resolved_at,
    comments,
  };
}

/** Group comment rows (already in order) by thread, keeping only threads that have one. */
export function threadsWithComments(threads: ThreadRow[], comments: CommentRow[]): StoredThread[] {
  const byThread = new Map<string, StoredComment[]>();
  for (const row of comments) {
    const list = byThread.get(row.thread_id) ?? [];
    list.push(toComment(row));
    byThread.set(row.thread_id, list);
  }
  return threads.filter((row) => byThread.has(row.id)).map((row) => toThread(row, byThread.get(row.id)!));
}

/** A round row as the API type. */
export function toRound(row: RoundRow): StoredRound {
  return {
    id: row.id,
    documentId: row.document_id,
    seq: row.seq,
    name: row.name,
    draftPublished: row.draft_published,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    frozenAt: row.frozen_at,
    frozenBy: row.frozen_by,
  };
}

/**
 * Why a round cannot be opened after `latest` (the statement's latest round, or null),
 * or null when it can: the one rule both stores apply inside their transaction.
 */
export function refusalToOpen(latest: Pick<RoundRow, "id" | "frozen_at"> | null, after: string | null): "round_exists" | "round_not_current" | "round_open" | null {
  if (after === null) return latest ? "round_exists" : null;
  if (!latest || latest.id !== after) return "round_not_current";
  return latest.frozen_at ? null : "round_open";
}

/** A `versions` row joined with its round and creator (content columns only when selected). */
export type VersionRow = Omit<Selectable<VersionsTable>, "state" | "content" | "html" | "threads"> &
  Partial<Pick<Selectable<VersionsTable>, "state" | "content" | "html" | "threads">> & { round_name: string; draft_published: string; created_by_name: string };

/** A version row as listed (without its content). */
export function toVersionSummary(row: VersionRow): StoredVersionSummary {
  return {
    id: row.id,
    documentId: row.document_id,
    roundId: row.round_id,
    roundName: row.round_name,
    draftPublished: row.draft_published,
    createdAt: row.created_at,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    sha256: row.sha256,
  };
}

/** A version row selected with its content columns. */
export function toVersion(row: VersionRow): StoredVersion {
  return { ...toVersionSummary(row), state: new Uint8Array(row.state!), content: row.content!, html: row.html!, threads: row.threads! };
}

/** Whether `displayName` looks like one of `others`: the one rule both stores apply. */
export function nameClashes(displayName: string, others: string[], looksAlike: (a: string, b: string) => boolean): boolean {
  return others.some((other) => looksAlike(displayName, other));
}
