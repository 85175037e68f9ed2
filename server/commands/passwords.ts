import type { Storage, StoredPasswordReset } from "../storage/Storage.js";
import { hashPassword } from "../auth/password.js";
import { hashSecret, newId, newSecret } from "../auth/secrets.js";
import { canManageMembers } from "../../shared/roles.js";
import { limits } from "../../shared/limits.js";
import { CommandError } from "./CommandError.js";

/** Path of the page where a reset link is used. */
export function passwordResetPath(token: string): string {
  return `/reset/${token}`;
}

/**
 * Set a new password for one's own account; every other browser session of the account
 * ends (`keepSession` is the one that asked, or null when a token asked). Returns the
 * ended sessions' id hashes.
 */
export async function changePassword(storage: Storage, input: { accountId: string; newPassword: string; keepSession: string | null }): Promise<string[]> {
  return storage.accounts.setPassword(input.accountId, await hashPassword(input.newPassword), input.keepSession);
}

/**
 * A chair makes a single-use link for a member who forgot their password. An account is
 * one across workspaces, so the chair must chair every workspace the member is in: a
 * chair of a small workspace must not be able to take over a chair of another.
 */
export async function createPasswordReset(
  storage: Storage,
  input: { workspaceId: string; accountId: string; createdBy: string },
): Promise<{ reset: StoredPasswordReset; token: string }> {
  if (input.accountId === input.createdBy) {
    throw new CommandError("invalid", "reset_own_password", "Change your own password on your account page.");
  }
  await checkChairMayReset(storage, input);
  const token = newSecret();
  const now = new Date();
  const reset: StoredPasswordReset = {
    id: newId(),
    accountId: input.accountId,
    workspaceId: input.workspaceId,
    createdBy: input.createdBy,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + limits.passwordResetHours * 3600 * 1000).toISOString(),
    usedAt: null,
  };
  await storage.accounts.createPasswordReset({ ...reset, tokenHash: hashSecret(token) });
  return { reset, token };
}

/**
 * A chair may reset the password of a member of the workspace only when they chair every
 * workspace that member belongs to. Checked when the link is made and again when it is
 * used: the member may have joined another workspace, or the chair lost the role, since.
 */
async function checkChairMayReset(storage: Storage, input: { workspaceId: string; accountId: string; createdBy: string }): Promise<void> {
  const theirs = await storage.workspaces.memberships(input.accountId);
  if (!theirs.some(({ workspace }) => workspace.id === input.workspaceId)) {
    throw new CommandError("not_found", "member_not_found", "That person is not a member of this workspace.");
  }
  const chaired = new Set(
    (await storage.workspaces.memberships(input.createdBy)).filter(({ membership }) => canManageMembers(membership.role)).map(({ workspace }) => workspace.id),
  );
  const elsewhere = theirs.find(({ workspace }) => !chaired.has(workspace.id));
  if (elsewhere) {
    throw new CommandError(
      "forbidden",
      "reset_needs_other_chair",
      `This person is also a member of “${elsewhere.workspace.name}”, which you do not chair: a chair of every workspace they belong to must make the link.`,
    );
  }
}

/** The reset link behind a token, if it can still be used; otherwise a `gone`/`not_found` refusal. */
export async function usablePasswordReset(storage: Storage, token: string): Promise<StoredPasswordReset> {
  const reset = await storage.accounts.passwordResetByTokenHash(hashSecret(token));
  if (!reset) throw new CommandError("not_found", "reset_not_found", "This reset link is not valid: a newer one may have replaced it. Ask your chair for a new one.");
  if (reset.usedAt) throw new CommandError("gone", "reset_used", "This reset link has already been used. Ask your chair for a new one.");
  if (reset.expiresAt <= new Date().toISOString()) throw new CommandError("gone", "reset_expired", "This reset link has expired. Ask your chair for a new one.");
  return reset;
}

/** Use a reset link, once: the new password is set, every session of the account ends and its API tokens are revoked. */
export async function usePasswordReset(
  storage: Storage,
  token: string,
  password: string,
): Promise<{ reset: StoredPasswordReset; signedOut: string[]; revokedTokens: string[] }> {
  const reset = await usablePasswordReset(storage, token);
  await checkChairMayReset(storage, reset);
  const signedOut = await storage.accounts.usePasswordReset({ resetId: reset.id, passwordHash: await hashPassword(password), now: new Date().toISOString() });
  if (!signedOut) throw new CommandError("gone", "reset_used", "This reset link has already been used. Ask your chair for a new one.");
  // Someone who learnt the old password may have made API tokens with it: they end too.
  const now = new Date().toISOString();
  const tokens = await storage.accounts.listTokens(reset.accountId);
  for (const t of tokens) await storage.accounts.revokeToken(reset.accountId, t.id, now);
  return { reset, signedOut, revokedTokens: tokens.map((t) => t.id) };
}
