import Fastify, { type FastifyError } from "fastify";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { statementSchema } from "../shared/schema/statementExtensions.js";
import { SqliteStorage } from "./storage/sqlite/SqliteStorage.js";
import type { Storage } from "./storage/Storage.js";
import { RoomRegistry } from "./collab/RoomRegistry.js";
import { createCollabEndpoint } from "./collab/collabSocket.js";
import { HttpError } from "./http/errors.js";
import { documentRoutes } from "./http/documents.js";
import { healthRoutes } from "./http/health.js";
import { clientAppRoutes } from "./http/clientApp.js";

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:43121`. */
  url: string;
  port: number;
  storage: Storage;
  registry: RoomRegistry;
  /** Graceful stop: store pending changes, close sockets with "going away", close storage. */
  close(): Promise<void>;
}

function errorBody(error: FastifyError | HttpError): { status: number; body: { error: { id: string; message: string } } } {
  if (error instanceof HttpError) return { status: error.statusCode, body: error.toBody() };
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) return { status, body: { error: { id: "internal_error", message: "Something went wrong on the server." } } };
  const id = error.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? "body_too_large" : error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" ? "unsupported_media_type" : "invalid_request";
  return { status, body: { error: { id, message: error.message } } };
}

/** Choices that are not configuration: which store to use (default: SQLite in `dataDir`). */
export interface ServerOptions {
  storage?: Storage;
}

/** Start the workspace server: storage, HTTP API, collaboration websocket, client. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const app = Fastify({ logger: { level: config.logLevel }, bodyLimit: 1024 * 1024 });
  const log = app.log as unknown as Logger;
  const storage = options.storage ?? SqliteStorage.open(config.dataDir);
  const schema = statementSchema();
  const registry = new RoomRegistry(storage, log);
  const collab = createCollabEndpoint(registry, log);

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const { status, body } = errorBody(error);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    return reply.code(status).send(body);
  });
  healthRoutes(app, registry);
  documentRoutes(app, storage, schema);
  await clientAppRoutes(app, config.clientDir);

  app.server.on("upgrade", (request, socket, head) => collab.handleUpgrade(request, socket, head));
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`,
    port,
    storage,
    registry,
    close() {
      closing ??= (async () => {
        collab.stopAccepting();
        await registry.closeAll();
        collab.close();
        await app.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
