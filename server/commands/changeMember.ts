import type { Role } from "../../shared/roles.js";
import type { Storage } from "../storage/Storage.js";

/** What must hear about access changes at once: open sockets and event streams. */
export interface LiveAccess {
  applyAccess(workspaceId: string, accountId: string, role: Role | null): void;
  closeCredential(credentialId: string): void;
}
import { CommandError } from "./CommandError.js";

async function assertNotLastChair(storage: Storage, workspaceId: string, accountId: string): Promise<void> {
  const members = await storage.workspaces.listMembers(workspaceId);
  const chairs = members.filter((member) => member.membership.role === "chair");
  if (chairs.length === 1 && chairs[0]!.account.id === accountId) {
    throw new CommandError("conflict", "last_chair", "A workspace needs at least one chair: make someone else chair first.");
  }
}

/**
 * Change a member's role and reference groups. Takes effect on their open sockets at
 * once: a coordinator made reviewer stops writing mid-session.
 */
export async function changeMember(
  storage: Storage,
  live: LiveAccess,
  input: { workspaceId: string; accountId: string; role?: Role; groupIds?: string[] },
): Promise<{ before: Role; after: Role; groupIdsBefore: string[]; groupIdsAfter: string[] }> {
  const current = await storage.workspaces.membership(input.workspaceId, input.accountId);
  if (!current) throw new CommandError("not_found", "member_not_found", "That person is not a member of this workspace.");
  if (input.role && input.role !== "chair" && current.role === "chair") await assertNotLastChair(storage, input.workspaceId, input.accountId);
  if (input.groupIds) {
    const known = new Set((await storage.workspaces.listGroups(input.workspaceId)).map((group) => group.id));
    const unknown = input.groupIds.find((id) => !known.has(id));
    if (unknown) throw new CommandError("invalid", "unknown_group", `No reference group ${unknown} in this workspace.`);
  }
  await storage.workspaces.updateMember(input.workspaceId, input.accountId, { role: input.role, groupIds: input.groupIds });
  const after = input.role ?? current.role;
  if (after !== current.role) live.applyAccess(input.workspaceId, input.accountId, after);
  return { before: current.role, after, groupIdsBefore: current.groupIds, groupIdsAfter: input.groupIds ?? current.groupIds };
}

/** Remove a member; their open sockets in the workspace are disconnected at once. Answers the role they had. */
export async function removeMember(storage: Storage, live: LiveAccess, workspaceId: string, accountId: string): Promise<Role> {
  const current = await storage.workspaces.membership(workspaceId, accountId);
  if (!current) throw new CommandError("not_found", "member_not_found", "That person is not a member of this workspace.");
  if (current.role === "chair") await assertNotLastChair(storage, workspaceId, accountId);
  await storage.workspaces.removeMember(workspaceId, accountId);
  live.applyAccess(workspaceId, accountId, null);
  return current.role;
}
