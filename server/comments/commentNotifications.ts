/**
 * Who hears about a comment: the people and groups it mentions (`mention`), then the
 * followers of the thread's Act for a new thread (`comment`) or the thread's participants
 * for a reply (`reply`). Nobody twice for one comment; the Notifier leaves out the author
 * and anyone no longer a member.
 */
import type { Thread } from "../../shared/api.js";
import { excerpt, notificationLink, type NotificationDetail } from "../../shared/notifications.js";
import type { AppContext } from "../http/context.js";
import type { StoredDocument, StoredMention } from "../storage/Storage.js";
import { mentionDirectory, mentionName } from "./mentions.js";

/** A comment just written, and who else hears about it besides those it mentions. */
export interface WrittenComment {
  document: StoredDocument;
  /** The thread as presented after the change (with its Act and clause). */
  thread: Thread;
  /** The comment written or edited. */
  commentId: string;
  body: string;
  authorId: string;
  /** The mentions to notify (for an edit: only those it added). */
  mentions: StoredMention[];
  /** `comment` to the Act's followers (a new thread), `reply` to these participants, or nobody else (an edit). */
  others: { kind: "comment" } | { kind: "reply"; participants: string[] } | null;
}

/** Record the notifications of a comment; never throws (the Notifier logs failures). */
export async function notifyComment(context: AppContext, written: WrittenComment, log: { error(object: object, message: string): void }): Promise<void> {
  const { document, thread, authorId } = written;
  const { workspaceId } = document;
  // Each person hears of one comment once per kind: an edit naming them again tells nobody twice.
  const base = { workspaceId, documentId: document.id, actorId: authorId, subject: thread.id, commentId: written.commentId, link: notificationLink({ documentId: document.id, threadId: thread.id }) };
  const detail: NotificationDetail = {
    statement: document.title,
    ...(thread.act ? { act: thread.act.number } : {}),
    ...(thread.clause ? { clause: thread.clause.number } : {}),
    quote: excerpt(thread.detached || !thread.currentQuote ? thread.quote : thread.currentQuote),
    excerpt: excerpt(written.body),
  };
  // The author counts as told: they are never notified of their own comment.
  const told = new Set<string>([authorId]);
  try {
    if (written.mentions.length > 0) {
      const directory = await mentionDirectory(context.storage, workspaceId);
      const people = written.mentions.filter((m) => m.kind === "account" && directory.members.has(m.id)).map((m) => m.id);
      const direct = people.filter((id) => !told.has(id));
      for (const id of direct) told.add(id);
      if (direct.length > 0) await context.notifier.notify(direct, { ...base, kind: "mention", detail });
      for (const mention of written.mentions.filter((m) => m.kind === "group")) {
        const group = mentionName(directory, mention);
        if (group === null) continue;
        const reached = [...directory.members].filter(([id, member]) => member.groupIds.includes(mention.id) && !told.has(id)).map(([id]) => id);
        for (const id of reached) told.add(id);
        if (reached.length > 0) await context.notifier.notify(reached, { ...base, kind: "mention", detail: { ...detail, group } });
      }
    }
    if (written.others?.kind === "comment" && thread.act) {
      const followers = (await context.notifier.followersOf(workspaceId, thread.act.number)).filter((id) => !told.has(id));
      if (followers.length > 0) await context.notifier.notify(followers, { ...base, kind: "comment", detail });
    } else if (written.others?.kind === "reply") {
      const participants = [...new Set(written.others.participants)].filter((id) => !told.has(id));
      if (participants.length > 0) await context.notifier.notify(participants, { ...base, kind: "reply", detail });
    }
  } catch (error) {
    // Reading members or follows failed: the comment stands; say so in the log only.
    log.error({ err: String(error), thread: thread.id }, "could not notify about a comment");
  }
}

/**
 * A comment was deleted: its words (excerpt and quote) leave the notifications about it.
 * Answers those notifications' ids, so mail not yet sent about them can be dropped.
 */
export async function forgetCommentNotifications(context: AppContext, commentId: string): Promise<string[]> {
  return context.storage.notifications.forgetComment(commentId);
}
