import type { FastifyInstance } from "fastify";
import type { Health } from "../../shared/api.js";
import type { RoomRegistry } from "../collab/RoomRegistry.js";

/** `GET /api/health`: liveness plus how many rooms and sockets are open. */
export function healthRoutes(app: FastifyInstance, registry: RoomRegistry): void {
  app.get("/api/health", async (): Promise<Health> => ({
    status: "ok",
    rooms: registry.size,
    sockets: registry.peerCount,
  }));
}
