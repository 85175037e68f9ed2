import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { okSchema, unsubscribeRequestSchema, unsubscribeTokenSchema, unsubscribedSchema } from "../../shared/api.js";
import { hashSecret } from "../auth/secrets.js";
import type { AppContext } from "./context.js";
import { badRequest, notFound } from "./errors.js";

/**
 * The one-click address in `List-Unsubscribe` (RFC 8058). Mail clients POST to it from
 * anywhere, without a session: the same-origin check of unsafe methods spares it (app.ts).
 */
export const ONE_CLICK_ROUTE = "/api/unsubscribe/:token";

/**
 * Leaving notification mails by a mail's link, no session needed: the secret identifies
 * the account (only its hash is stored). Both ways set the account's email mode to `off`
 * and cancel the mail still waiting for it.
 */
export async function unsubscribeRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { storage } = context;

  async function unsubscribe(token: string): Promise<void> {
    const accountId = await storage.mail.accountOfUnsubscribe(hashSecret(token));
    if (!accountId) throw notFound("unsubscribe_not_found", "No notification mail carried this unsubscribe link.");
    await storage.notifications.setEmailMode(accountId, "off");
    await storage.mail.stopFor(accountId, "unsubscribed", new Date().toISOString());
  }

  // A mail client without one-click support opens the address in a browser: nothing
  // changes on a GET; the unsubscribe page asks the person (the secret in its fragment).
  app.withTypeProvider<ZodTypeProvider>().get(
    ONE_CLICK_ROUTE,
    {
      schema: {
        tags: ["notifications"],
        description: "A browser opening a notification mail's `List-Unsubscribe` address: changes nothing and redirects (302) to the unsubscribe page.",
        params: z.object({ token: unsubscribeTokenSchema }),
      },
    },
    async (request, reply) => reply.redirect(`/unsubscribe#${encodeURIComponent(request.params.token)}`, 302),
  );

  // Mail clients send a form (`List-Unsubscribe=One-Click`): a parser for forms here only.
  await app.register(async (scope) => {
    scope.addContentTypeParser(["application/x-www-form-urlencoded", "multipart/form-data"], { parseAs: "string" }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      ONE_CLICK_ROUTE,
      {
        schema: {
          tags: ["notifications"],
          description: "RFC 8058 one-click unsubscribe: a form POST with `List-Unsubscribe=One-Click` to the address in a notification mail's `List-Unsubscribe` header stops notification mails.",
          params: z.object({ token: unsubscribeTokenSchema }),
          response: { 200: okSchema },
        },
      },
      async (request) => {
        const body = typeof request.body === "string" ? request.body : "";
        const oneClick = new URLSearchParams(body).get("List-Unsubscribe") === "One-Click" || /name="List-Unsubscribe"\s+One-Click/.test(body);
        if (!oneClick) throw badRequest("invalid_request", "Send List-Unsubscribe=One-Click as a form (RFC 8058).");
        await unsubscribe(request.params.token);
        return { ok: true as const };
      },
    );
  });

  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/unsubscribe",
    {
      schema: {
        tags: ["notifications"],
        description: "The unsubscribe page's request: the secret from a notification mail's link; the account gets no more notification mail.",
        body: unsubscribeRequestSchema,
        response: { 200: unsubscribedSchema },
      },
    },
    async (request) => {
      await unsubscribe(request.body.token);
      return { email: "off" as const };
    },
  );
}
