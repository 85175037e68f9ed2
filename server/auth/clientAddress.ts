import type { IncomingMessage } from "node:http";
import proxyaddr from "@fastify/proxy-addr";
import type { TrustProxy } from "../config.js";

/** Whether the peer at `hop` (0: the socket's peer) is a proxy whose forwarded headers are believed. */
export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * `TRUST_PROXY` as one function, handed to Fastify as its `trustProxy` and used for
 * websocket upgrades too, so `request.ip` and a socket's address follow the same rules.
 * A hop count trusts the nearest N peers whatever their address: only for a server that
 * nothing but the balancer can reach.
 */
export function trustFunction(trust: TrustProxy): TrustFunction {
  if (trust === true) return () => true;
  if (trust === false) return () => false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return proxyaddr.compile(trust);
}

/** The client's address: the socket's peer, or the nearest untrusted address X-Forwarded-For names. */
export function clientAddress(request: IncomingMessage, trust: TrustFunction): string {
  return proxyaddr(request, trust);
}

/**
 * The host the client asked for: the last X-Forwarded-Host when the socket's peer is a
 * trusted proxy, otherwise the Host header (the rule Fastify's `request.host` follows).
 */
export function requestedHost(request: IncomingMessage, trust: TrustFunction): string {
  const forwarded = request.headers["x-forwarded-host"];
  const peer = request.socket?.remoteAddress;
  if (typeof forwarded === "string" && forwarded !== "" && peer !== undefined && trust(peer, 0)) {
    return forwarded.slice(forwarded.lastIndexOf(",") + 1).trim();
  }
  return request.headers.host ?? "";
}
