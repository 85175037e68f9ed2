import type { Thread } from "../../shared/api.js";
import type { StoredThread } from "../storage/Storage.js";
import type { AppContext } from "../http/context.js";
import { locateThreads } from "./locateThreads.js";
import { mentionDirectory, mentionName } from "./mentions.js";
import { visibleName } from "../../shared/displayName.js";

/**
 * Threads as the API shows them: with where their words are now (Act, clause, detached)
 * and, unless `authors` is false (Chatham House), who wrote what.
 */
export async function presentThreads(
  context: AppContext,
  document: { id: string; workspaceId: string },
  stored: StoredThread[],
  options: { authors: boolean },
): Promise<Thread[]> {
  if (stored.length === 0) return [];
  const groups = new Map((await context.storage.workspaces.listGroups(document.workspaceId)).map((group) => [group.id, group.name]));
  const anchors = stored.map((thread) => ({ id: thread.id, anchor: { start: thread.anchorStart, end: thread.anchorEnd } }));
  const locations = await context.registry.read(document.id, (doc) => locateThreads(doc, context.schema, anchors));
  // Mentions show the names people and groups have now; someone who left the workspace keeps theirs.
  const mentioned = stored.some((thread) => thread.comments.some((comment) => comment.mentions.length > 0));
  const directory = mentioned ? await mentionDirectory(context.storage, document.workspaceId) : null;
  const formerNames = new Map<string, string>();
  if (directory) {
    const gone = new Set(stored.flatMap((t) => t.comments.flatMap((c) => c.mentions.filter((m) => m.kind === "account" && !directory.members.has(m.id)).map((m) => m.id))));
    for (const id of gone) {
      const account = await context.storage.accounts.get(id);
      if (account) formerNames.set(id, visibleName(account.displayName));
    }
  }
  const mentionsOf = (comment: StoredThread["comments"][number]) =>
    directory
      ? comment.mentions.flatMap((mention) => {
          const name = mentionName(directory, mention) ?? (mention.kind === "account" ? formerNames.get(mention.id) : undefined);
          return name === undefined || name === null ? [] : [{ kind: mention.kind, id: mention.id, name }];
        })
      : [];
  const person = (id: string | null, name: string | null) => (options.authors && id && name !== null ? { id, name } : null);
  return stored.map((thread) => {
    const where = locations.get(thread.id)!;
    const groupName = thread.groupId ? groups.get(thread.groupId) : undefined;
    return {
      id: thread.id,
      documentId: thread.documentId,
      anchor: { start: thread.anchorStart, end: thread.anchorEnd },
      quote: thread.quote,
      currentQuote: where.currentQuote,
      detached: where.detached,
      act: where.act,
      clause: where.clause,
      group: thread.groupId && groupName !== undefined ? { id: thread.groupId, name: groupName } : null,
      status: thread.status,
      createdBy: person(thread.createdBy, thread.createdByName),
      createdAt: thread.createdAt,
      resolvedBy: person(thread.resolvedBy, thread.resolvedByName),
      resolvedAt: thread.resolvedAt,
      comments: thread.comments.map((comment) => ({
        id: comment.id,
        author: person(comment.authorId, comment.authorName),
        body: comment.body,
        createdAt: comment.createdAt,
        editedAt: comment.editedAt,
        mentions: mentionsOf(comment),
      })),
    };
  });
}
