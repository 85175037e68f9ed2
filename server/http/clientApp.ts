import { existsSync } from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import fastifyStatic from "@fastify/static";
import { notFound } from "./errors.js";

/** Source maps are never served, even when a build left some in the client folder. */
const sourceMap = /\.map$/i;

/**
 * Files a browser must ask for again at every use: the service worker (a stale one would
 * keep serving an old client), the page it is the shell of, and the manifest. The rest of
 * the build has hashed names and may be cached.
 */
const revalidated = new Set(["sw.js", "index.html", "manifest.webmanifest"]);

/** The manifest's registered type (not every MIME table knows `.webmanifest`). */
const manifestType = "application/manifest+json; charset=utf-8";

/**
 * Serves the built client at `/`; any other page path gets `index.html` (the client
 * routes it). Unknown `/api` paths answer a JSON 404.
 */
export async function clientAppRoutes(app: FastifyInstance, clientDir: string): Promise<void> {
  const built = existsSync(path.join(clientDir, "index.html"));
  if (built) await app.register(fastifyStatic, { root: clientDir, allowedPath: (pathName) => !sourceMap.test(pathName) });
  // In onSend: the static plugin writes its own cache-control after any setHeaders callback.
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api")) return;
    const name = path.basename(request.url.split("?")[0] ?? "");
    if (revalidated.has(name) || String(reply.getHeader("content-type") ?? "").startsWith("text/html")) reply.header("cache-control", "no-cache");
    if (name.endsWith(".webmanifest")) reply.header("content-type", manifestType);
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api") || request.method !== "GET") {
      const error = notFound("not_found", `No route ${request.method} ${request.url.split("?")[0]}`);
      return reply.code(404).send(error.toBody());
    }
    if (/\.[a-z0-9]+$/i.test(request.url.split("?")[0] ?? "")) return reply.code(404).type("text/plain").send("Not found");
    if (!built) return reply.code(503).type("text/plain").send("The client is not built yet: run `npm run build`.");
    return reply.type("text/html").sendFile("index.html");
  });
}
