import type { FastifyReply, FastifyRequest } from "fastify";
import { limits } from "../../shared/limits.js";
import type { EventHub } from "../comments/EventHub.js";
import { tooMany } from "./errors.js";

const SSE_KEEPALIVE_MS = 25_000;

/**
 * Answer with a server-sent event stream on `hub` under `key` (a statement's id, an
 * account's id), capped per account and per address. The stream closes with the
 * credential that opened it (sign-out, revoked token) and, for a statement, when the
 * member leaves its workspace (`workspaceId`).
 */
export function serveEventStream(hub: EventHub, key: string, request: FastifyRequest, reply: FastifyReply, stream: { accountId: string; workspaceId: string; what: string }): void {
  // Checked and counted with no await in between, so parallel requests cannot overshoot.
  if (hub.openFor(stream.accountId) >= limits.eventStreamsPerAccount) {
    throw tooMany("too_many_streams", `This account has ${limits.eventStreamsPerAccount} ${stream.what} streams open; close a tab and try again.`);
  }
  if (hub.openFrom(request.ip) >= limits.eventStreamsPerAddress) {
    throw tooMany("too_many_streams", `${limits.eventStreamsPerAddress} ${stream.what} streams are open from this address; close a tab and try again.`);
  }
  reply.hijack();
  const raw = reply.raw;
  // The client may have gone while access was checked: then its close already fired, and
  // a stream subscribed now would be counted against its account and address for good.
  if (request.raw.socket.destroyed || raw.destroyed) return;
  // The stream is meant to stay open: no idle timeout (its keep-alive comments are its pulse).
  request.raw.socket.setTimeout(0);
  raw.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
  raw.write(": connected\n\n");
  const keepAlive = setInterval(() => raw.write(": keep-alive\n\n"), SSE_KEEPALIVE_MS);
  const unsubscribe = hub.subscribe(key, {
    accountId: stream.accountId,
    workspaceId: stream.workspaceId,
    credentialId: request.principal!.credential.id,
    address: request.ip,
    send: (event, data) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    close: () => raw.end(),
  });
  raw.on("close", () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}
