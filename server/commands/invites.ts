import type { Role } from "../../shared/roles.js";
import type { Storage, StoredInvite } from "../storage/Storage.js";
import { StorageConflict } from "../storage/StorageConflict.js";
import { hashPassword } from "../auth/password.js";
import { hashSecret, newId, newSecret } from "../auth/secrets.js";
import { namesLookAlike } from "../../shared/displayName.js";
import { CommandError } from "./CommandError.js";

/** Path of the page where an invitation is accepted. */
export function invitePath(token: string): string {
  return `/invite/${token}`;
}

/** Create a single-use invitation link; only its hash is stored. */
export async function createInvite(
  storage: Storage,
  input: { workspaceId: string; role: Role; groupIds: string[]; expiresInDays: number; createdBy: string; note?: string },
): Promise<{ invite: StoredInvite; token: string }> {
  const known = new Set((await storage.workspaces.listGroups(input.workspaceId)).map((group) => group.id));
  const unknown = input.groupIds.find((id) => !known.has(id));
  if (unknown) throw new CommandError("invalid", "unknown_group", `No reference group ${unknown} in this workspace.`);
  const token = newSecret();
  const now = new Date();
  const invite: StoredInvite = {
    id: newId(),
    workspaceId: input.workspaceId,
    role: input.role,
    groupIds: input.groupIds,
    createdBy: input.createdBy,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.expiresInDays * 24 * 3600 * 1000).toISOString(),
    usedAt: null,
    note: input.note || null,
  };
  await storage.workspaces.createInvite({ ...invite, tokenHash: hashSecret(token) });
  return { invite, token };
}

/** The invitation behind a link, if it can still be used; otherwise a `gone`/`not_found` refusal. */
export async function usableInvite(storage: Storage, token: string): Promise<StoredInvite> {
  const invite = await storage.workspaces.inviteByTokenHash(hashSecret(token));
  if (!invite) throw new CommandError("not_found", "invite_not_found", "This invitation link is not valid.");
  if (invite.usedAt) throw new CommandError("gone", "invite_used", "This invitation has already been used.");
  if (invite.expiresAt <= new Date().toISOString()) throw new CommandError("gone", "invite_expired", "This invitation has expired.");
  return invite;
}

/**
 * Accept an invitation, once: as the signed-in account, or by creating a new account.
 * Refused (`name_taken`, the invitation still usable) when the name joining looks like a
 * member's there, whether typed now or an existing account's. Returns the account that joined.
 */
export async function acceptInvite(
  storage: Storage,
  token: string,
  who: { accountId: string } | { email: string; displayName: string; password: string },
): Promise<{ invite: StoredInvite; accountId: string; created: boolean }> {
  const invite = await usableInvite(storage, token);
  const created = !("accountId" in who);
  const accountId = "accountId" in who ? who.accountId : newId();
  const newAccount =
    "accountId" in who ? undefined : { email: who.email, displayName: who.displayName, passwordHash: await hashPassword(who.password) };
  try {
    const accepted = await storage.workspaces.acceptInvite({ inviteId: invite.id, accountId, newAccount, now: new Date().toISOString(), looksAlike: namesLookAlike });
    if (!accepted) throw new CommandError("gone", "invite_used", "This invitation has already been used.");
  } catch (error) {
    if (error instanceof StorageConflict && error.id === "name_taken") {
      throw new CommandError(
        "conflict",
        "name_taken",
        created
          ? "A member of this workspace already has this name, or one that looks like it: choose another (add a surname or an initial)."
          : "A member of this workspace already has your name, or one that looks like it: change your name on your account page, then open the link again.",
      );
    }
    if (error instanceof StorageConflict) {
      throw new CommandError("conflict", "account_exists", "An account with this email exists: sign in first, then open the link again.");
    }
    throw error;
  }
  return { invite, accountId, created };
}
