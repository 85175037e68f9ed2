import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  markReadSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSettingsSchema,
  okSchema,
  updateNotificationSettingsSchema,
  type Notification,
} from "../../shared/api.js";
import { visibleName } from "../../shared/displayName.js";
import { DEFAULT_EMAIL_MODE } from "../../shared/notifications.js";
import type { StoredNotification } from "../storage/Storage.js";
import { requireMembership, requireUser, type AppContext } from "./context.js";
import { serveEventStream } from "./eventStream.js";

/** The bell (a member's notifications, live) and each member's notification settings. */
export function notificationRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { storage, notifier } = context;

  /** Notifications as the API answers them, actors named by their current names (as shown everywhere). */
  async function present(rows: StoredNotification[]): Promise<Notification[]> {
    const actorIds = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => id !== null))];
    const actors = new Map((await Promise.all(actorIds.map((id) => storage.accounts.get(id)))).filter((a) => a !== null).map((a) => [a.id, visibleName(a.displayName)]));
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      workspaceId: row.workspaceId,
      documentId: row.documentId,
      actor: row.actorId === null ? null : { id: row.actorId, name: actors.get(row.actorId) ?? "" },
      detail: row.detail,
      link: row.link,
      createdAt: row.createdAt,
      readAt: row.readAt,
    }));
  }

  api.get(
    "/api/notifications",
    {
      schema: {
        tags: ["notifications"],
        description: "The caller's notifications, newest first, and how many are unread. `before` (a notification id) pages on.",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (request) => {
      const { account } = requireUser(request);
      const { limit, before } = request.query;
      const [rows, unread] = await Promise.all([storage.notifications.list(account.id, { limit: limit + 1, before }), storage.notifications.unreadCount(account.id)]);
      const page = rows.slice(0, limit);
      return { notifications: await present(page), unread, nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
    },
  );

  api.post(
    "/api/notifications/read",
    { schema: { tags: ["notifications"], description: "Mark the caller's notifications read: `{ids}` or `{all: true}`. Ids that are not the caller's change nothing.", body: markReadSchema, response: { 200: okSchema } } },
    async (request) => {
      const { account } = requireUser(request);
      const changed = await storage.notifications.markRead(account.id, request.body, new Date().toISOString());
      if (changed > 0) context.nudge([account.id]);
      return { ok: true as const };
    },
  );

  api.get("/api/notifications/events", { schema: { tags: ["notifications"], description: "Server-sent events: `notification` (no data) whenever the caller's notifications change; reload the list." } }, async (request, reply) => {
    const { account } = requireUser(request);
    serveEventStream(context.notifications, account.id, request, reply, { accountId: account.id, workspaceId: "", what: "notification" });
  });

  /** The caller's settings: the email mode and, in each of their workspaces, the Acts they follow. */
  async function settingsOf(accountId: string) {
    const memberships = await storage.workspaces.memberships(accountId);
    return {
      email: (await storage.notifications.emailMode(accountId)) ?? DEFAULT_EMAIL_MODE,
      follows: await Promise.all(memberships.map(async ({ workspace }) => ({ workspaceId: workspace.id, acts: await notifier.followedActs(workspace.id, accountId) }))),
    };
  }

  api.get(
    "/api/me/notifications",
    { schema: { tags: ["notifications"], description: "How the caller gets notifications by email, and the Acts they follow in each workspace.", response: { 200: notificationSettingsSchema } } },
    async (request) => settingsOf(requireUser(request).account.id),
  );

  api.patch(
    "/api/me/notifications",
    {
      schema: {
        tags: ["notifications"],
        description: "Change the email mode (`immediate`, `digest`, `off`) and/or the Acts followed in one workspace (404 if not a member there).",
        body: updateNotificationSettingsSchema,
        response: { 200: notificationSettingsSchema },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      const { email, follows } = request.body;
      if (follows) {
        await requireMembership(context, principal, follows.workspaceId);
        await notifier.setFollowedActs(follows.workspaceId, principal.account.id, [...new Set(follows.acts)]);
      }
      if (email) await storage.notifications.setEmailMode(principal.account.id, email);
      if (email === "off") await storage.mail.stopFor(principal.account.id, "email mode off", new Date().toISOString());
      return settingsOf(principal.account.id);
    },
  );
}
