import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  apiTokenListSchema,
  createdTokenSchema,
  createTokenSchema,
  idSchema,
  loginSchema,
  meSchema,
  okSchema,
  passwordResetParamsSchema,
  passwordResetPreviewSchema,
  usePasswordResetSchema,
} from "../../shared/api.js";
import { SESSION_COOKIE, sessionCookie } from "../auth/authenticate.js";
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from "../auth/password.js";
import { hashSecret, newId, newSecret } from "../auth/secrets.js";
import type { StoredAccount } from "../storage/Storage.js";
import { audit, requireUser, startSession, type AppContext } from "./context.js";
import { notFound, TooManyRequests, unauthorized, type HttpError } from "./errors.js";
import { usablePasswordReset, usePasswordReset } from "../commands/passwords.js";
import { describeMe } from "./meRoutes.js";

/**
 * Check an email and password, throttled per (account, address) and per address (see
 * LoginThrottle): a wrong answer is held for a delay that grows with recent failures.
 * Failures are audited; an unknown email costs the same time as a wrong password.
 * `refusal` is what a wrong answer gets (signing in: 401 `invalid_credentials`).
 */
export async function checkPassword(
  context: AppContext,
  request: FastifyRequest,
  email: string,
  password: string,
  refusal: () => HttpError = () => unauthorized("invalid_credentials", "Wrong email or password."),
): Promise<StoredAccount> {
  const admission = context.throttle.begin(email, request.ip);
  if (admission.kind === "refused") throw new TooManyRequests(admission.retryAfterMs / 1000);
  const { attempt } = admission;
  try {
    const found = await context.storage.accounts.findByEmail(email);
    const valid = await verifyPassword(password, found?.passwordHash ?? UNUSABLE_PASSWORD_HASH);
    if (!found || !valid) {
      const holdMs = attempt.fail();
      await audit(context, request, { workspaceId: null, action: "login_failed", actorId: found?.id ?? null, subject: email });
      await new Promise((resolve) => setTimeout(resolve, holdMs));
      throw refusal();
    }
    attempt.succeed();
    const { passwordHash: _hash, ...account } = found;
    return account;
  } finally {
    attempt.end();
  }
}

/** Sign in and out; tokens for scripts and other Yjs clients; reset links (used signed out). */
export function authRoutes(app: FastifyInstance, context: AppContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post("/api/auth/login", { schema: { tags: ["auth"], body: loginSchema, response: { 200: meSchema } } }, async (request, reply) => {
    const account = await checkPassword(context, request, request.body.email, request.body.password);
    await startSession(context, reply, account.id);
    await audit(context, request, { workspaceId: null, action: "login", actorId: account.id, subject: account.email });
    return describeMe(context, account);
  });

  api.post("/api/auth/logout", { schema: { tags: ["auth"], body: z.object({}).strict().nullish(), response: { 200: okSchema } } }, async (request, reply) => {
    const secret = sessionCookie(request.headers);
    if (secret) {
      const idHash = hashSecret(secret);
      await context.storage.accounts.deleteSession(idHash);
      context.live.closeCredential(idHash);
    }
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true as const };
  });

  api.post(
    "/api/auth/token",
    { schema: { tags: ["auth"], body: createTokenSchema, response: { 201: createdTokenSchema } } },
    async (request, reply) => {
      const account = await checkPassword(context, request, request.body.email, request.body.password);
      const token = newSecret();
      const stored = await context.storage.accounts.createToken({ id: newId(), accountId: account.id, name: request.body.name, tokenHash: hashSecret(token) });
      await audit(context, request, { workspaceId: null, action: "token_created", actorId: account.id, subject: stored.name });
      reply.code(201);
      return { id: stored.id, token };
    },
  );

  api.get("/api/auth/tokens", { schema: { tags: ["auth"], response: { 200: apiTokenListSchema } } }, async (request) => {
    const principal = requireUser(request);
    const tokens = await context.storage.accounts.listTokens(principal.account.id);
    return { tokens: tokens.map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt })) };
  });

  api.delete(
    "/api/auth/tokens/:tokenId",
    { schema: { tags: ["auth"], params: z.object({ tokenId: idSchema }).strict(), response: { 200: okSchema } } },
    async (request) => {
      const principal = requireUser(request);
      const revoked = await context.storage.accounts.revokeToken(principal.account.id, request.params.tokenId, new Date().toISOString());
      if (!revoked) throw notFound("token_not_found", "You have no token with that id.");
      context.live.closeCredential(request.params.tokenId);
      await audit(context, request, { workspaceId: null, action: "token_revoked", subject: request.params.tokenId });
      return { ok: true as const };
    },
  );

  api.get(
    "/api/password-resets/:token",
    { schema: { tags: ["auth"], params: passwordResetParamsSchema, response: { 200: passwordResetPreviewSchema } } },
    async (request) => {
      const reset = await usablePasswordReset(context.storage, request.params.token);
      const account = await context.storage.accounts.get(reset.accountId);
      if (!account) throw notFound("reset_not_found", "This reset link is not valid.");
      return { displayName: account.displayName, email: account.email, expiresAt: reset.expiresAt };
    },
  );

  api.post(
    "/api/password-resets/:token",
    { schema: { tags: ["auth"], params: passwordResetParamsSchema, body: usePasswordResetSchema, response: { 200: meSchema } } },
    async (request, reply) => {
      const { reset, signedOut, revokedTokens } = await usePasswordReset(context.storage, request.params.token, request.body.password);
      // Whoever held a session or a token (the member, or someone who learnt the old password) is out.
      for (const credential of [...signedOut, ...revokedTokens]) context.live.closeCredential(credential);
      await startSession(context, reply, reset.accountId);
      await audit(context, request, { workspaceId: reset.workspaceId, action: "password_reset", actorId: reset.accountId, subject: reset.accountId, detail: { signedOut: signedOut.length } });
      return describeMe(context, (await context.storage.accounts.get(reset.accountId))!);
    },
  );
}
