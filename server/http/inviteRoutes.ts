import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { acceptInviteSchema, invitePreviewSchema, inviteTokenParamsSchema, meSchema } from "../../shared/api.js";
import { acceptInvite, usableInvite } from "../commands/invites.js";
import { audit, startSession, type AppContext } from "./context.js";
import { badRequest } from "./errors.js";
import { notifyInviteAccepted } from "../notifications/triggers.js";
import { describeMe } from "./meRoutes.js";

/** The invitation page's calls: what a link offers, and accepting it (once). */
export function inviteRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage } = context;

  api.get(
    "/api/invites/:token",
    { schema: { tags: ["invites"], params: inviteTokenParamsSchema, response: { 200: invitePreviewSchema } } },
    async (request) => {
      const invite = await usableInvite(storage, request.params.token);
      const [workspace, groups] = await Promise.all([storage.workspaces.get(invite.workspaceId), storage.workspaces.listGroups(invite.workspaceId)]);
      return {
        workspaceName: workspace?.name ?? "",
        role: invite.role,
        groups: groups.filter((group) => invite.groupIds.includes(group.id)).map((group) => group.name),
        expiresAt: invite.expiresAt,
      };
    },
  );

  api.post(
    "/api/invites/:token/accept",
    { schema: { tags: ["invites"], params: inviteTokenParamsSchema, body: acceptInviteSchema, response: { 200: meSchema } } },
    async (request, reply) => {
      const body: { email?: string; displayName?: string; password?: string } = request.body;
      const signedIn = request.principal;
      let who: Parameters<typeof acceptInvite>[2];
      if (body.email !== undefined && body.displayName !== undefined && body.password !== undefined) {
        who = { email: body.email, displayName: body.displayName, password: body.password };
      }
      else if (signedIn) who = { accountId: signedIn.account.id };
      else throw badRequest("account_required", "Give a name, email and password to create your account, or sign in first.");
      const { invite, accountId, created } = await acceptInvite(storage, request.params.token, who);
      if (created) await startSession(context, reply, accountId);
      await audit(context, request, { workspaceId: invite.workspaceId, action: "invite_accepted", actorId: accountId, subject: invite.id, detail: { role: invite.role } });
      await notifyInviteAccepted(context, invite, accountId);
      return describeMe(context, (await storage.accounts.get(accountId))!);
    },
  );
}
