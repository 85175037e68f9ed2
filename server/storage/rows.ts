/**
 * What the stores share about rows. Each store selects its columns under the names of
 * the Storage interface's types (`created_at as createdAt`), so a row needs no
 * conversion beyond reading the JSON lists; and the rules every store applies inside
 * its transactions.
 */
import type { StoredComment, StoredRound, StoredThread } from "./Storage.js";

/** An account's columns under the API's names, its password hash left out. */
export const accountColumns = ["accounts.id", "accounts.email", "accounts.display_name as displayName", "accounts.language", "accounts.organisation", "accounts.created_at as createdAt"] as const;

/** A row with its JSON list of reference group ids read. */
export function withGroupIds<T extends { groupIds: string }>(row: T): Omit<T, "groupIds"> & { groupIds: string[] } {
  return { ...row, groupIds: JSON.parse(row.groupIds) as string[] };
}

/** Give threads their comments (already in order), keeping only threads that have one. */
export function threadsWithComments(threads: Omit<StoredThread, "comments">[], comments: StoredComment[]): StoredThread[] {
  const byThread = new Map<string, StoredComment[]>();
  for (const comment of comments) {
    const list = byThread.get(comment.threadId) ?? [];
    list.push(comment);
    byThread.set(comment.threadId, list);
  }
  return threads.filter((thread) => byThread.has(thread.id)).map((thread) => ({ ...thread, comments: byThread.get(thread.id)! }));
}

/**
 * Why a round cannot be opened after `latest` (the statement's latest round, or null),
 * or null when it can.
 */
export function refusalToOpen(latest: Pick<StoredRound, "id" | "frozenAt"> | null, after: string | null): "round_exists" | "round_not_current" | "round_open" | null {
  if (after === null) return latest ? "round_exists" : null;
  if (!latest || latest.id !== after) return "round_not_current";
  return latest.frozenAt ? null : "round_open";
}

/** Whether `displayName` looks like one of `others`. */
export function nameClashes(displayName: string, others: string[], looksAlike: (a: string, b: string) => boolean): boolean {
  return others.some((other) => looksAlike(displayName, other));
}
