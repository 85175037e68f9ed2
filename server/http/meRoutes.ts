import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { meSchema, type Me } from "../../shared/api.js";
import type { StoredAccount } from "../storage/Storage.js";
import { requireUser, type AppContext } from "./context.js";

/** The account with every workspace it belongs to, its role and reference groups there. */
export async function describeMe(context: AppContext, account: StoredAccount): Promise<Me> {
  const memberships = await context.storage.workspaces.memberships(account.id);
  return {
    account: { id: account.id, email: account.email, displayName: account.displayName },
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

/** `GET /api/me` */
export function meRoutes(app: FastifyInstance, context: AppContext): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/me",
    { schema: { tags: ["auth"], response: { 200: meSchema } } },
    async (request) => describeMe(context, requireUser(request).account),
  );
}
