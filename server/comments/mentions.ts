/**
 * Mentions in comments: a comment names members and reference groups of its workspace by
 * writing "@Name" in its text and sending whom it meant by id. The server keeps the ids of
 * those it may name and whose "@Name" is still in the text; the text itself stays plain.
 */
import type { MentionRef } from "../../shared/api.js";
import { visibleName } from "../../shared/displayName.js";
import { names } from "../../shared/comments/mentionNames.js";
import type { Storage, StoredGroup, StoredMention } from "../storage/Storage.js";
import { badRequest } from "../http/errors.js";

/** The members (with their names and groups) and the reference groups of a workspace. */
export interface MentionDirectory {
  members: Map<string, { name: string; groupIds: string[] }>;
  groups: Map<string, StoredGroup>;
}

/** Who can be mentioned in a workspace, as they are now. */
export async function mentionDirectory(storage: Storage, workspaceId: string): Promise<MentionDirectory> {
  const [members, groups] = await Promise.all([storage.workspaces.listMembers(workspaceId), storage.workspaces.listGroups(workspaceId)]);
  return {
    members: new Map(members.map(({ account, membership }) => [account.id, { name: visibleName(account.displayName), groupIds: membership.groupIds }])),
    groups: new Map(groups.map((group) => [group.id, group])),
  };
}

/** The current name of a mentioned member or group, or null when it is no longer in the workspace. */
export function mentionName(directory: MentionDirectory, mention: StoredMention): string | null {
  if (mention.kind === "account") return directory.members.get(mention.id)?.name ?? null;
  const group = directory.groups.get(mention.id);
  return group ? visibleName(group.name) : null;
}

/**
 * The mentions to store for `body`: each named once, only members and reference groups of
 * the workspace (400 `bad_mention` for anyone else when `strict`; dropped silently
 * otherwise, as when keeping an edited comment's earlier mentions), and only those whose
 * whole "@Name" appears in the text (not as the start of a longer name).
 */
export function keptMentions(directory: MentionDirectory, body: string, requested: readonly MentionRef[], strict: boolean): StoredMention[] {
  const kept: StoredMention[] = [];
  const seen = new Set<string>();
  for (const { kind, id } of requested) {
    const key = `${kind}:${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = mentionName(directory, { kind, id });
    if (name === null) {
      if (!strict) continue;
      throw badRequest(
        "bad_mention",
        kind === "account" ? `Account ${id} is not a member of this workspace: only members can be mentioned.` : `Reference group ${id} is not one of this workspace's groups.`,
      );
    }
    if (names(body, name)) kept.push({ kind, id });
  }
  return kept;
}

/** The same person or group named in both lists. */
export function sameMention(a: StoredMention, b: StoredMention): boolean {
  return a.kind === b.kind && a.id === b.id;
}
