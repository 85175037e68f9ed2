import type { Cluster } from "../cluster/Cluster.js";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Schema } from "@tiptap/pm/model";
import type { Mailer } from "../mail/mailer.js";
import type { Config } from "../config.js";
import type { Storage, StoredDocument, StoredMembership } from "../storage/Storage.js";
import type { RoomRegistry } from "../collab/RoomRegistry.js";
import type { LoginThrottle } from "../auth/LoginThrottle.js";
import type { LiveAccess } from "../commands/changeMember.js";
import type { EventHub } from "../comments/EventHub.js";
import type { Notifier } from "../notifications/Notifier.js";
import { SESSION_COOKIE, type Principal } from "../auth/authenticate.js";
import { hashSecret, newSecret } from "../auth/secrets.js";
import { limits } from "../../shared/limits.js";
import type { Role } from "../../shared/roles.js";
import { forbidden, notFound, unauthorized } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The authenticated caller, resolved once per request (null: anonymous). */
    principal: Principal | null;
  }
}

/** What every route module needs, passed explicitly (no module singletons). */
export interface AppContext {
  config: Config;
  storage: Storage;
  schema: Schema;
  registry: RoomRegistry;
  throttle: LoginThrottle;
  /** Open sockets and event streams, told about access changes at once. */
  live: LiveAccess;
  comments: EventHub;
  /** Each statement's Surround Sound matrix streams, keyed by statement id (server/matrix/live.ts publishes on it). */
  matrix: EventHub;
  /** Each account's notification streams (the bell), keyed by account id. */
  notifications: EventHub;
  /** Records notifications and delivers them (bell, mail). */
  notifier: Notifier;
  /** Tell these accounts' bells, on every instance, that their notifications changed. */
  nudge: (accountIds: string[]) => void;
  /** The other server instances (none when alone). */
  cluster: Cluster;
  /** Outgoing mail (`configured` false without SMTP_URL). */
  mailer: Mailer;
}

/** The caller, or 401. */
export function requireUser(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized("sign_in_required", "Sign in to do this.");
  return request.principal;
}

/**
 * The caller's membership of the workspace: 404 when they are not a member (the
 * workspace's existence is not revealed), 403 when their role may not do this.
 */
export async function requireMembership(
  context: AppContext,
  principal: Principal,
  workspaceId: string,
  permitted: (role: Role) => boolean = () => true,
): Promise<StoredMembership> {
  const membership = await context.storage.workspaces.membership(workspaceId, principal.account.id);
  if (!membership) throw notFound("workspace_not_found", "No workspace with that id.");
  if (!permitted(membership.role)) throw forbidden("role_required", `Your role (${membership.role}) may not do this.`);
  return membership;
}

/**
 * The statement and the caller's membership of its workspace; 404 when either is missing
 * (another workspace's statements are not revealed).
 */
export async function requireDocumentAccess(
  context: AppContext,
  request: FastifyRequest,
  documentId: string,
): Promise<{ document: StoredDocument; membership: StoredMembership; accountId: string }> {
  const principal = requireUser(request);
  const document = await context.storage.documents.get(documentId);
  const membership = document && (await context.storage.workspaces.membership(document.workspaceId, principal.account.id));
  if (!document || !membership) throw notFound("document_not_found", "No statement with that id.");
  return { document, membership, accountId: principal.account.id };
}

/** Record an audit entry for this request (who, from where). */
export async function audit(
  context: AppContext,
  request: FastifyRequest,
  entry: { workspaceId: string | null; action: string; subject?: string | null; detail?: Record<string, unknown>; actorId?: string | null },
): Promise<void> {
  await context.storage.audit.record({
    workspaceId: entry.workspaceId,
    actorId: entry.actorId !== undefined ? entry.actorId : (request.principal?.account.id ?? null),
    action: entry.action,
    subject: entry.subject ?? null,
    detail: entry.detail ?? {},
    address: request.ip,
  });
}

/** Open a browser session for the account: stored server-side, sent as an httpOnly cookie. */
export async function startSession(context: AppContext, reply: FastifyReply, accountId: string): Promise<void> {
  const secret = newSecret();
  const maxAgeSeconds = limits.sessionDays * 24 * 3600;
  await context.storage.accounts.createSession({
    idHash: hashSecret(secret),
    accountId,
    expiresAt: new Date(Date.now() + maxAgeSeconds * 1000).toISOString(),
  });
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.secureCookies,
    path: "/",
    maxAge: maxAgeSeconds,
  });
}
