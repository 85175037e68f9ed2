import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { changedPasswordSchema, changePasswordSchema, meSchema, updateMeSchema, type Me } from "../../shared/api.js";
import { changePassword } from "../commands/passwords.js";
import { badRequest, forbidden } from "./errors.js";
import { checkPassword } from "./authRoutes.js";
import { renameAccount } from "../commands/renameAccount.js";
import type { StoredAccount } from "../storage/Storage.js";
import { audit, requireUser, type AppContext } from "./context.js";
import { sessionSchema } from "../../shared/api.js";

/** The account with every workspace it belongs to, its role and reference groups there. */
export async function describeMe(context: AppContext, account: StoredAccount): Promise<Me> {
  const memberships = await context.storage.workspaces.memberships(account.id);
  return {
    account: { id: account.id, email: account.email, displayName: account.displayName },
    language: account.language,
    organisation: account.organisation,
    memberships: await Promise.all(
      memberships.map(async ({ workspace, membership }) => {
        const groups = await context.storage.workspaces.listGroups(workspace.id);
        return {
          workspace: { id: workspace.id, name: workspace.name },
          role: membership.role,
          groups: groups.filter((group) => membership.groupIds.includes(group.id)).map(({ id, name, acts }) => ({ id, name, acts })),
        };
      }),
    ),
  };
}

/** `GET /api/me`, `PATCH /api/me` to change one's own display name, interface language or organisation, `POST /api/me/password`. */
export function meRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/api/me", { schema: { tags: ["auth"], response: { 200: meSchema } } }, async (request) => describeMe(context, requireUser(request).account));

  api.patch("/api/me", { schema: { tags: ["auth"], body: updateMeSchema, response: { 200: meSchema } } }, async (request) => {
    let { account } = requireUser(request);
    const { displayName, language, organisation } = request.body;
    if (displayName !== undefined) {
      const renamed = await renameAccount(context.storage, { accountId: account.id, displayName });
      // In each workspace's log, so its chairs see who renamed themselves, from what.
      for (const { workspace } of await context.storage.workspaces.memberships(account.id)) {
        await audit(context, request, { workspaceId: workspace.id, action: "name_changed", subject: account.id, detail: { from: account.displayName, to: renamed.displayName } });
      }
      account = renamed;
    }
    if (language !== undefined) account = await context.storage.accounts.setLanguage(account.id, language);
    if (organisation !== undefined) account = await context.storage.accounts.setOrganisation(account.id, organisation);
    return describeMe(context, account);
  });

  api.post("/api/me/password", { schema: { tags: ["auth"], body: changePasswordSchema, response: { 200: changedPasswordSchema } } }, async (request) => {
    const { account, credential } = requireUser(request);
    const { currentPassword, newPassword } = request.body;
    // Throttled and audited like a sign-in: a stolen session must not become a password oracle.
    await checkPassword(context, request, account.email, currentPassword, () => forbidden("wrong_password", "Your current password is not right."));
    if (newPassword === currentPassword) throw badRequest("same_password", "The new password is the same as the current one: choose another.");
    const keepSession = credential.kind === "session" ? credential.id : null;
    const signedOut = await changePassword(context.storage, { accountId: account.id, newPassword, keepSession });
    for (const idHash of signedOut) context.live.closeCredential(idHash);
    await audit(context, request, { workspaceId: null, action: "password_changed", subject: account.id, detail: { signedOut: signedOut.length } });
    return { ok: true as const, signedOut: signedOut.length };
  });
}

/**
 * `GET /api/session`: who is signed in, or `{me: null}` with 200, for the client's first
 * question. Signed out is a normal answer there, so signed-out pages log no failed request;
 * `/api/me` keeps its 401 for API clients.
 */
export function sessionRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/api/session", { schema: { tags: ["auth"], response: { 200: sessionSchema } } }, async (request) => ({
    me: request.principal ? await describeMe(context, request.principal.account) : null,
  }));
}
