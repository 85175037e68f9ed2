import Fastify from "fastify";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifySwagger from "@fastify/swagger";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { createLogger } from "./logging.js";
import { statementSchema } from "../shared/schema/statementExtensions.js";
import { SqliteStorage } from "./storage/sqlite/SqliteStorage.js";
import { PgStorage } from "./storage/postgres/PgStorage.js";
import type { Storage } from "./storage/Storage.js";
import { LocalCluster, type Cluster, type ControlMessage } from "./cluster/Cluster.js";
import { RedisCluster } from "./cluster/RedisCluster.js";
import { RoomRegistry, type RefusedUpdateListener } from "./collab/RoomRegistry.js";
import type { Peer } from "./collab/Peer.js";
import { createCollabEndpoint } from "./collab/collabSocket.js";
import { createCollabGate } from "./collab/collabGate.js";
import { schemaNames } from "./collab/checkUpdateSchema.js";
import { authenticate } from "./auth/authenticate.js";
import { isSameOrigin } from "./auth/sameOrigin.js";
import { AllowedHosts } from "./auth/AllowedHosts.js";
import { clientAddress, requestedHost, trustFunction } from "./auth/clientAddress.js";
import { LoginThrottle } from "./auth/LoginThrottle.js";
import type { AppContext } from "./http/context.js";
import type { LiveAccess } from "./commands/changeMember.js";
import { EventHub } from "./comments/EventHub.js";
import { commentRoutes } from "./http/commentRoutes.js";
import { suggestionRoutes } from "./http/suggestionRoutes.js";
import { createMailer } from "./mail/mailer.js";
import { auditRoutes } from "./http/auditRoutes.js";
import { notificationRoutes } from "./http/notificationRoutes.js";
import { Notifier } from "./notifications/Notifier.js";
import { notifySuggestions } from "./notifications/triggers.js";
import { FreezeScheduler } from "./commands/freezeSchedule.js";
import { MailQueue } from "./mail/MailQueue.js";
import { ONE_CLICK_ROUTE, unsubscribeRoutes } from "./http/unsubscribeRoutes.js";
import { roundRoutes } from "./http/roundRoutes.js";
import { signOnRoutes } from "./http/signOnRoutes.js";
import { matrixRoutes } from "./http/matrixRoutes.js";
import { announceMatrixResync } from "./matrix/live.js";
import { negotiatingGroupRoutes } from "./http/negotiatingGroupRoutes.js";
import { matrixTransferRoutes } from "./http/matrixTransferRoutes.js";
import { publicSignOnRoutes } from "./http/publicSignOnRoutes.js";
import { errorHandler } from "./http/errorHandler.js";
import { forbidden, misdirected } from "./http/errors.js";
import { healthRoutes } from "./http/health.js";
import { setupRoutes } from "./http/setupRoutes.js";
import { authRoutes } from "./http/authRoutes.js";
import { meRoutes, sessionRoutes } from "./http/meRoutes.js";
import { documentRoutes } from "./http/documentRoutes.js";
import { workspaceRoutes } from "./http/workspaceRoutes.js";
import { inviteRoutes } from "./http/inviteRoutes.js";
import { clientAppRoutes } from "./http/clientApp.js";

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  port: number;
  storage: Storage;
  registry: RoomRegistry;
  cluster: Cluster;
  /** This instance's scheduled freezes and reminders (`tick` looks at once). */
  scheduler: FreezeScheduler;
  /** Records notifications (and queues their mail). */
  notifier: Notifier;
  /** The mail queue's worker on this instance; null without an SMTP server. */
  mailQueue: MailQueue | null;
  /** Graceful stop: store pending changes, close sockets with "going away", close storage. */
  close(): Promise<void>;
}

/**
 * Choices that are not configuration: which store to use (default: PostgreSQL when
 * configured, else SQLite in `dataDir`).
 */
export interface ServerOptions {
  storage?: Storage;
  /** The clock the mail queue's digests follow (tests move it); epoch ms. */
  now?: () => number;
}

/** The store the configuration asks for. */
async function openStorage(config: Config, log: Logger): Promise<Storage> {
  if (config.database) return PgStorage.open(config.database.url, { schema: config.database.schema });
  const storage = await SqliteStorage.open(config.dataDir, { freshStart: config.freshStart });
  if (storage.setAside) log.warn({ setAside: storage.setAside }, "FRESH_START: the refused database was moved aside; this is a new workspace, set up by whoever opens the site first");
  else if (config.freshStart) log.warn("FRESH_START is set: unset it once the workspace is set up, or a damaged database would silently become a new workspace at a later start");
  return storage;
}

/**
 * After messages between instances may have been lost: freezes and members' roles as
 * storage has them now, applied to the open sockets; open matrix streams reload.
 */
async function resync(storage: Storage, registry: RoomRegistry, comments: EventHub, matrix: EventHub): Promise<void> {
  registry.resetFrozen(await storage.rounds.frozenDocuments());
  for (const access of registry.connectedMembers()) {
    const role = (await storage.workspaces.membership(access.workspaceId, access.accountId))?.role ?? null;
    if (role === access.role) continue;
    registry.applyAccess(access.workspaceId, access.accountId, role);
    comments.applyAccess(access.workspaceId, access.accountId, role);
    matrix.applyAccess(access.workspaceId, access.accountId, role);
  }
  announceMatrixResync(matrix);
}

/** Act on what any instance (this one included) announces. */
function controlHandler(registry: RoomRegistry, comments: EventHub, notifications: EventHub, matrix: EventHub): (message: ControlMessage) => void {
  return (message) => {
    switch (message.kind) {
      case "freezing":
        registry.freeze(message.documentId);
        return;
      case "frozen":
        registry.freeze(message.documentId);
        registry.reconnectAll(message.documentId);
        return;
      case "unfrozen":
        registry.unfreeze(message.documentId);
        registry.reconnectAll(message.documentId);
        return;
      case "access":
        registry.applyAccess(message.workspaceId, message.accountId, message.role);
        comments.applyAccess(message.workspaceId, message.accountId, message.role);
        matrix.applyAccess(message.workspaceId, message.accountId, message.role);
        return;
      case "credential":
        registry.closeCredential(message.credentialId);
        comments.closeCredential(message.credentialId);
        notifications.closeCredential(message.credentialId);
        matrix.closeCredential(message.credentialId);
        return;
      case "comment":
        comments.deliver(message.documentId, message.event, message.data);
        return;
      case "matrix":
        matrix.deliver(message.documentId, message.event, message.data);
        return;
      case "notification":
        for (const accountId of message.accountIds) notifications.deliver(accountId, "notification", {});
        return;
    }
  };
}

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Refusals audited per socket at most once in this window; the rest are counted into the next entry. */
const REFUSAL_AUDIT_WINDOW_MS = 10_000;

/**
 * Log and audit updates refused from read-only sockets. A socket that keeps sending
 * cannot flood the audit log: one entry per socket per window, carrying the count.
 */
function auditRefusals(storage: Storage, log: Logger): RefusedUpdateListener {
  const recent = new WeakMap<Peer, { at: number; unrecorded: number }>();
  return (room, peer, bytes, reason) => {
    const seen = recent.get(peer);
    const now = Date.now();
    if (seen && now - seen.at < REFUSAL_AUDIT_WINDOW_MS) {
      seen.unrecorded += 1;
      return;
    }
    const count = 1 + (seen?.unrecorded ?? 0);
    recent.set(peer, { at: now, unrecorded: 0 });
    log.warn({ room: room.id, account: peer.access.accountId, role: peer.access.role, bytes, count, reason }, "update refused");
    storage.audit
      .record({
        workspaceId: peer.access.workspaceId,
        actorId: peer.access.accountId,
        action: "update_refused",
        subject: room.id,
        detail: { role: peer.access.role, count, reason },
        address: null,
      })
      .catch((error: unknown) => log.error({ err: String(error) }, "audit write failed"));
  };
}

/**
 * How often Node looks for requests past their timeouts (its default, 30 s, would let a
 * trickling client stay up to 30 s beyond the timeout).
 */
function checkingIntervalMs(timeouts: Config["timeouts"]): number {
  return Math.max(50, Math.min(1000, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)));
}

/** Start the workspace server: storage, HTTP API, collaboration websocket, client. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const trust = trustFunction(config.trustProxy);
  const allowed = new AllowedHosts(config.allowedHosts, config.allowedOrigins);
  const { timeouts } = config;
  const app = Fastify({
    loggerInstance: createLogger(config),
    bodyLimit: 1024 * 1024,
    // One function for `request.ip` here and for websocket upgrades (see clientAddress.ts).
    trustProxy: trust,
    // A whole request (headers and body) within `requestMs`, its headers within `headersMs`:
    // a client trickling bytes is cut. Both end once a request is complete, so event
    // streams and upgraded websockets, which outlive their request, are not bound by them.
    requestTimeout: timeouts.requestMs,
    // Idle sockets (a client that stops reading an answer) are dropped after as long;
    // event streams lift it for their socket, `ws` does for websockets.
    connectionTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: checkingIntervalMs(timeouts) },
  });
  const log = app.log as unknown as Logger;
  const storage = options.storage ?? (await openStorage(config, log));
  const cluster: Cluster = config.redis ? await RedisCluster.connect(config.redis.url, log, config.redis.prefix) : new LocalCluster();
  const schema = statementSchema();
  const registry = new RoomRegistry(
    storage.documents,
    log,
    cluster,
    schemaNames(schema),
    // Rooms load after start-up, once `comments` exists.
    {
      store: storage.suggestions,
      writers: storage.writers,
      announce: (documentId, rows) => {
        comments.publish(documentId, "suggestions", { ids: rows.map((row) => row.id) });
        notifySuggestions(context, documentId, rows).catch((error: unknown) => log.error({ err: String(error) }, "could not notify about suggestions"));
      },
    },
    auditRefusals(storage, log),
    { idleUnloadMs: config.roomIdleUnloadMs },
  );
  const announce = (message: ControlMessage) => {
    cluster.control(message).catch((error: unknown) => log.error({ err: String(error), kind: message.kind }, "could not tell the other instances"));
  };
  const comments = new EventHub((documentId, event, data) => announce({ kind: "comment", documentId, event, data }));
  const matrix = new EventHub((documentId, event, data) => announce({ kind: "matrix", documentId, event, data }));
  const live: LiveAccess = {
    applyAccess: (workspaceId, accountId, role) => announce({ kind: "access", workspaceId, accountId, role }),
    closeCredential: (credentialId) => announce({ kind: "credential", credentialId }),
  };
  // Each account's bell: a nudge reaches its streams on every instance.
  const nudge = (accountIds: string[]) => {
    if (accountIds.length > 0) announce({ kind: "notification", accountIds: [...new Set(accountIds)] });
  };
  const notifications = new EventHub((accountId) => nudge([accountId]));
  const notifier = new Notifier(storage, nudge, log);
  cluster.onControl(controlHandler(registry, comments, notifications, matrix));
  cluster.onResync(() => {
    // What other instances announced meanwhile may be lost: read it back from storage.
    void registry.catchUpAll();
    resync(storage, registry, comments, matrix).catch((error: unknown) => log.error({ err: String(error) }, "could not check freezes and roles after a reconnect"));
  });
  registry.startCatchingUp(config.catchUpMs);
  const mailer = createMailer(config.mail);
  // Links in mail: PUBLIC_URL, else this server's own address once it listens.
  let ownUrl = config.publicUrl ?? "http://localhost";
  const mailQueue = mailer.configured
    ? new MailQueue(
        storage,
        mailer,
        { holder: cluster.instanceId, origin: () => config.publicUrl ?? ownUrl, ...config.mailQueue, now: options.now ?? Date.now },
        log,
      )
    : null;
  if (mailQueue) notifier.addSink(mailQueue.sink);
  if (mailQueue && !config.publicUrl) log.warn("PUBLIC_URL is not set: links in notification mail will point at this server's own address");
  const context: AppContext = { config, storage, schema, registry, throttle: new LoginThrottle(), live, comments, matrix, notifications, notifier, nudge, cluster, mailer };
  registry.markFrozen(await storage.rounds.frozenDocuments());
  const scheduler = new FreezeScheduler(context, cluster.instanceId, log);
  const gate = createCollabGate(storage, allowed, trust, (id) => registry.isFrozen(id));
  const collab = createCollabEndpoint(registry, log, gate, (request) => clientAddress(request, trust));

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Before anything else: a Host this server does not answer to reaches nothing. The health
  // check is spared, since balancers probe instances by their internal address.
  app.addHook("onRequest", async (request) => {
    if (request.routeOptions.url === "/api/health") return;
    if (!allowed.allowsHost(requestedHost(request.raw, trust))) {
      throw misdirected("unknown_host", "This server does not answer to that host name; see ALLOWED_HOSTS.");
    }
  });
  await app.register(fastifyCookie);
  const policy: Record<string, string[]> = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Inline style attributes (presence colours) and the print styles of exports.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'", ...config.allowedOrigins],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameSrc: ["'self'"],
    frameAncestors: ["'self'"],
    // The app shell's service worker (/sw.js) and web app manifest, from this origin only.
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
  };
  await app.register(fastifyHelmet, { contentSecurityPolicy: { useDefaults: false, directives: policy } });
  // The public sign-on pages (/sign/<version>, the mailed /sign-on/ links) are opened by anyone
  // and need no inline styles: they get the same policy with styles from this origin only.
  const publicPolicy = Object.entries({ ...policy, styleSrc: ["'self'"] })
    .map(([name, sources]) => `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${sources.join(" ")}`)
    .join(";");
  app.addHook("onSend", async (request, reply) => {
    if (/^\/sign(-on)?\//.test(request.url) && reply.hasHeader("content-security-policy")) reply.header("content-security-policy", publicPolicy);
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Drafting workspace API", description: "Statements, members, invitations and sessions.", version: "1" },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "dw_session" },
          token: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
  });

  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) return;
    // The one-click unsubscribe address is posted to by mail clients, from any origin.
    const oneClick = request.routeOptions.url === ONE_CLICK_ROUTE;
    if (unsafeMethods.has(request.method) && !oneClick && !isSameOrigin(request.headers, allowed)) {
      throw forbidden("cross_site_request", "Requests from other sites are refused.");
    }
    request.principal = await authenticate(storage.accounts, request.headers);
  });

  healthRoutes(app, registry);
  setupRoutes(app, context);
  authRoutes(app, context);
  meRoutes(app, context);
  sessionRoutes(app, context);
  documentRoutes(app, context);
  workspaceRoutes(app, context);
  inviteRoutes(app, context);
  commentRoutes(app, context);
  suggestionRoutes(app, context);
  roundRoutes(app, context);
  signOnRoutes(app, context);
  matrixRoutes(app, context);
  negotiatingGroupRoutes(app, context);
  matrixTransferRoutes(app, context);
  publicSignOnRoutes(app, context);
  auditRoutes(app, context);
  notificationRoutes(app, context);
  await unsubscribeRoutes(app, context);
  app.get("/api/openapi.json", async () => app.swagger());
  await clientAppRoutes(app, config.clientDir);

  app.server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head));
  // The port is known once listening (0 picks one); "listening" comes before any connection.
  app.server.once("listening", () => {
    const bound = app.server.address();
    allowed.listening(config.host, typeof bound === "object" && bound ? bound.port : config.port);
  });
  await app.listen({ port: config.port, host: config.host });
  scheduler.start(config.schedulerTickMs);
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  ownUrl = url;
  mailQueue?.start();

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    storage,
    registry,
    cluster,
    scheduler,
    notifier,
    mailQueue,
    close() {
      closing ??= (async () => {
        await scheduler.stop();
        collab.stopAccepting();
        comments.closeAll();
        notifications.closeAll();
        matrix.closeAll();
        await registry.closeAll();
        collab.close();
        await app.close();
        await mailQueue?.stop();
        await cluster.close();
        mailer.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
