import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { meSchema, setupSchema, setupStatusSchema } from "../../shared/api.js";
import { setupWorkspace } from "../commands/setupWorkspace.js";
import { audit, startSession, type AppContext } from "./context.js";
import { conflict } from "./errors.js";
import { describeMe } from "./meRoutes.js";

/** First run: with no account yet, create the first chair and the workspace. */
export function setupRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get("/api/setup", { schema: { tags: ["setup"], response: { 200: setupStatusSchema } } }, async () => ({
    needed: (await context.storage.accounts.count()) === 0,
  }));

  api.post(
    "/api/setup",
    { schema: { tags: ["setup"], body: setupSchema, response: { 201: meSchema } } },
    async (request, reply) => {
      if ((await context.storage.accounts.count()) > 0) throw conflict("already_set_up", "This workspace is already set up: sign in.");
      const { account, workspace } = await setupWorkspace(context.storage, context.schema, request.body);
      await startSession(context, reply, account.id);
      await audit(context, request, { workspaceId: workspace.id, action: "workspace_created", actorId: account.id, subject: workspace.name });
      reply.code(201);
      return describeMe(context, account);
    },
  );
}
