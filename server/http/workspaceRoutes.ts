import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createdInviteSchema,
  createdPasswordResetSchema,
  createInviteSchema,
  inviteListSchema,
  inviteParamsSchema,
  memberListSchema,
  memberParamsSchema,
  okSchema,
  updateMemberSchema,
  workspaceParamsSchema,
} from "../../shared/api.js";
import { limits } from "../../shared/limits.js";
import { canManageMembers } from "../../shared/roles.js";
import { changeMember, removeMember } from "../commands/changeMember.js";
import { createInvite, invitePath } from "../commands/invites.js";
import { createPasswordReset, passwordResetPath } from "../commands/passwords.js";
import { newId } from "../auth/secrets.js";
import { templateGroups } from "../commands/setupWorkspace.js";
import { audit, requireMembership, requireUser, type AppContext } from "./context.js";
import { badRequest, notFound } from "./errors.js";
import { invitationMail } from "../mail/inviteMail.js";
import { readerLocale } from "../i18n.js";

const newWorkspaceSchema = z.object({ name: z.string().trim().min(1).max(limits.maxTitleLength), tenActs: z.boolean().default(true) }).strict();

/**
 * Members of a workspace (listed to every member; emails to chairs only), invitations,
 * reset links and the audit log (chairs); creating a workspace.
 */
export function workspaceRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage, live } = context;
  const chairOf = async (request: Parameters<typeof requireUser>[0], workspaceId: string) =>
    requireMembership(context, requireUser(request), workspaceId, canManageMembers);

  api.post(
    "/api/workspaces",
    { schema: { tags: ["workspaces"], body: newWorkspaceSchema, response: { 201: z.object({ id: z.string(), name: z.string() }) } } },
    async (request, reply) => {
      const principal = requireUser(request);
      const id = newId();
      const workspace = await storage.workspaces.create({
        workspace: { id, name: request.body.name },
        chairId: principal.account.id,
        groups: request.body.tenActs ? templateGroups(id) : [],
      });
      await audit(context, request, { workspaceId: id, action: "workspace_created", subject: workspace.name });
      reply.code(201);
      return { id: workspace.id, name: workspace.name };
    },
  );

  api.get(
    "/api/workspaces/:workspaceId/members",
    { schema: { tags: ["workspaces"], params: workspaceParamsSchema, response: { 200: memberListSchema } } },
    async (request) => {
      // Everyone may see who else is in the workspace and in which role: they work with them.
      const mine = await requireMembership(context, requireUser(request), request.params.workspaceId);
      const withEmails = canManageMembers(mine.role);
      const [members, groups] = await Promise.all([
        storage.workspaces.listMembers(request.params.workspaceId),
        storage.workspaces.listGroups(request.params.workspaceId),
      ]);
      return {
        members: members.map(({ account, membership }) => ({
          account: { id: account.id, email: withEmails ? account.email : null, displayName: account.displayName },
          role: membership.role,
          groupIds: membership.groupIds,
          joinedAt: membership.joinedAt,
        })),
        groups: groups.map(({ id, name, acts }) => ({ id, name, acts })),
      };
    },
  );

  api.patch(
    "/api/workspaces/:workspaceId/members/:accountId",
    { schema: { tags: ["workspaces"], params: memberParamsSchema, body: updateMemberSchema, response: { 200: okSchema } } },
    async (request) => {
      const { workspaceId, accountId } = request.params;
      await chairOf(request, workspaceId);
      const { before, after, groupIdsBefore, groupIdsAfter } = await changeMember(storage, live, { workspaceId, accountId, ...request.body });
      const groupName = new Map((await storage.workspaces.listGroups(workspaceId)).map((group) => [group.id, group.name]));
      const names = (ids: string[]) => ids.map((id) => groupName.get(id) ?? id);
      await audit(context, request, {
        workspaceId,
        action: "member_changed",
        subject: accountId,
        detail: { before, after, groupsBefore: names(groupIdsBefore), groupsAfter: names(groupIdsAfter), subjectName: (await storage.accounts.get(accountId))?.displayName },
      });
      return { ok: true as const };
    },
  );

  api.delete(
    "/api/workspaces/:workspaceId/members/:accountId",
    { schema: { tags: ["workspaces"], params: memberParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      const { workspaceId, accountId } = request.params;
      await chairOf(request, workspaceId);
      const role = await removeMember(storage, live, workspaceId, accountId);
      await audit(context, request, { workspaceId, action: "member_removed", subject: accountId, detail: { role, subjectName: (await storage.accounts.get(accountId))?.displayName } });
      return { ok: true as const };
    },
  );

  api.post(
    "/api/workspaces/:workspaceId/invites",
    { schema: { tags: ["workspaces"], params: workspaceParamsSchema, body: createInviteSchema, response: { 201: createdInviteSchema } } },
    async (request, reply) => {
      const { workspaceId } = request.params;
      await chairOf(request, workspaceId);
      const { email, ...input } = request.body;
      if (email !== undefined && !context.mailer.configured) {
        throw badRequest("mail_unavailable", "This server sends no mail (no SMTP_URL): create the invitation without an email and send its link yourself.");
      }
      const chair = request.principal!.account;
      // Whom a mailed invitation is for, in the pending list, unless the chair noted it otherwise.
      const note = input.note ?? (email !== undefined && email.length <= limits.maxInviteNoteLength ? email : undefined);
      const { invite, token } = await createInvite(storage, { workspaceId, ...input, note, createdBy: chair.id });
      const path = invitePath(token);
      let mailError: { id: "mail_not_sent"; message: string } | null = null;
      if (email !== undefined) {
        const workspace = await storage.workspaces.get(workspaceId);
        const mail = invitationMail(readerLocale(chair, request.headers["accept-language"]), {
          to: email,
          inviter: chair.displayName,
          workspace: workspace?.name ?? "",
          role: invite.role,
          expiresAt: invite.expiresAt,
          link: `${request.protocol}://${request.host}${path}`,
        });
        try {
          await context.mailer.send(mail);
        } catch (error) {
          request.log.warn({ err: error, inviteId: invite.id }, "invitation mail not sent");
          mailError = { id: "mail_not_sent", message: "The invitation was created, but the mail could not be sent: copy its link and send it yourself." };
        }
      }
      const mailed = email !== undefined && mailError === null;
      await audit(context, request, {
        workspaceId,
        action: "invite_created",
        subject: invite.id,
        detail: { role: invite.role, groupIds: invite.groupIds, expiresAt: invite.expiresAt, note: invite.note, mailed },
      });
      reply.code(201);
      const { id, role, groupIds, createdAt, expiresAt } = invite;
      return { id, role, groupIds, createdAt, expiresAt, note: invite.note, token, path, mailed, mailError };
    },
  );

  api.get(
    "/api/workspaces/:workspaceId/invites",
    { schema: { tags: ["workspaces"], params: workspaceParamsSchema, response: { 200: inviteListSchema } } },
    async (request) => {
      await chairOf(request, request.params.workspaceId);
      const invites = await storage.workspaces.listInvites(request.params.workspaceId, new Date().toISOString());
      return {
        invites: invites.map(({ id, role, groupIds, createdAt, expiresAt, note }) => ({ id, role, groupIds, createdAt, expiresAt, note })),
        mailAvailable: context.mailer.configured,
      };
    },
  );

  api.delete(
    "/api/workspaces/:workspaceId/invites/:inviteId",
    { schema: { tags: ["workspaces"], params: inviteParamsSchema, response: { 200: okSchema } } },
    async (request) => {
      const { workspaceId, inviteId } = request.params;
      await chairOf(request, workspaceId);
      const pending = (await storage.workspaces.listInvites(workspaceId, new Date().toISOString())).find((invite) => invite.id === inviteId);
      if (!(await storage.workspaces.deleteInvite(workspaceId, inviteId))) throw notFound("invite_not_found", "No pending invitation with that id.");
      await audit(context, request, { workspaceId, action: "invite_revoked", subject: inviteId, detail: pending ? { role: pending.role } : {} });
      return { ok: true as const };
    },
  );

  api.post(
    "/api/workspaces/:workspaceId/members/:accountId/password-reset",
    { schema: { tags: ["workspaces"], params: memberParamsSchema, body: z.object({}).strict().nullish(), response: { 201: createdPasswordResetSchema } } },
    async (request, reply) => {
      const { workspaceId, accountId } = request.params;
      const principal = requireUser(request);
      await chairOf(request, workspaceId);
      const { reset, token } = await createPasswordReset(storage, { workspaceId, accountId, createdBy: principal.account.id });
      await audit(context, request, { workspaceId, action: "password_reset_link_created", subject: accountId, detail: { expiresAt: reset.expiresAt } });
      reply.code(201);
      return { token, path: passwordResetPath(token), expiresAt: reset.expiresAt };
    },
  );
}
