import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { healthSchema } from "../../shared/api.js";
import type { RoomRegistry } from "../collab/RoomRegistry.js";

/** `GET /api/health`: liveness, rooms and sockets open, updates refused. */
export function healthRoutes(app: FastifyInstance, registry: RoomRegistry): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/health",
    { schema: { tags: ["service"], response: { 200: healthSchema } } },
    async () => ({ status: "ok" as const, rooms: registry.size, sockets: registry.peerCount, refusedUpdates: registry.refusedUpdates, pendingBytes: registry.pendingBytes, commits: registry.commits.commits, committedUpdates: registry.commits.committedUpdates, turnsWithUpdates: registry.commits.turnsWithUpdates, commitMs: Math.round(registry.commits.commitMs) }),
  );
}
