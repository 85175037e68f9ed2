import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket, type RawData } from "ws";
import type { Logger } from "pino";
import type { ErrorId } from "../../shared/errors.js";
import { limits } from "../../shared/limits.js";
import { CloseCode, COLLAB_PATH, type CloseCodeValue } from "../../shared/protocol.js";
import { SocketPeer, type PeerAccess } from "./Peer.js";
import type { Room } from "./Room.js";
import type { RoomRegistry } from "./RoomRegistry.js";
import { TokenBucket } from "./TokenBucket.js";

/** Frames a socket may send before its room has loaded; past this it is closed. */
const MAX_EARLY_FRAMES = 1_000;
/** Bytes a socket may send before its room has loaded (its first sync and an offline session's changes fit). */
const MAX_EARLY_BYTES = 2 * limits.maxFrameBytes;
/** Interval of the liveness ping; a socket that missed one pong is terminated. */
const PING_INTERVAL_MS = 30_000;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Why an upgrade is refused (the English message), with the error id the refusal's body
 * carries; a reason not listed here does not compile.
 */
const upgradeRefusals = {
  "not found": "not_found",
  "unknown host": "unknown_host",
  "cross-site origin": "cross_site_origin",
  "sign in required": "sign_in_required",
  "not a member of this workspace": "not_a_member_of_this_workspace",
  "too many open connections for this account": "too_many_open_connections_for_this_account",
  "too many open connections from this address": "too_many_open_connections_from_this_address",
  "server shutting down": "server_shutting_down",
  "upgrade failed": "upgrade_failed",
} as const satisfies Record<string, ErrorId>;

/** A reason an upgrade is refused. */
export type UpgradeRefusal = keyof typeof upgradeRefusals;

/** What the gate decides about an upgrade request, before any Yjs traffic. */
export type GateDecision =
  | { kind: "refuse"; status: 401 | 403 | 421; reason: UpgradeRefusal }
  | { kind: "close"; code: CloseCodeValue; reason: string }
  | { kind: "accept"; documentId: string; access: PeerAccess };

/** Authenticates and authorises an upgrade to `/collab/<rawDocumentId>`. */
export type CollabGate = (request: IncomingMessage, rawDocumentId: string) => Promise<GateDecision>;

/** The collaboration endpoint: a `ws` server attached to the HTTP server's upgrades. */
export interface CollabEndpoint {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Refuse new sockets (503) from now on: the server is shutting down. */
  stopAccepting(): void;
  /** Stop the ping timer and drop any socket still open. */
  close(): void;
}

function refuseUpgrade(socket: Duplex, status: number, reason: UpgradeRefusal): void {
  const text = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 421: "Misdirected Request", 429: "Too Many Requests", 503: "Service Unavailable" }[status] ?? "Error";
  const body = JSON.stringify({ error: { id: upgradeRefusals[reason], message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Open sockets per key (an account, an address), against a cap. */
class OpenCounts {
  private readonly counts = new Map<string, number>();

  /** True when `key` already has `max` open. */
  full(key: string, max: number): boolean {
    return (this.counts.get(key) ?? 0) >= max;
  }

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  remove(key: string): void {
    const count = (this.counts.get(key) ?? 1) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }
}

/**
 * Accepts websockets at `/collab/<documentId>` once the gate allows them, and wires each
 * to its room. Frames that arrive while the room loads are queued in order, not dropped.
 * `addressOf` names the client (behind a trusted proxy, the forwarded address) for the
 * per-address cap.
 */
export function createCollabEndpoint(registry: RoomRegistry, log: Logger, gate: CollabGate, addressOf: (request: IncomingMessage) => string): CollabEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  const alive = new WeakMap<WebSocket, boolean>();
  const pinger = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  function watch(socket: WebSocket): void {
    alive.set(socket, true);
    socket.on("pong", () => alive.set(socket, true));
    socket.on("error", (error) => log.debug({ err: String(error) }, "socket error"));
  }

  /** Open sockets per account (`limits.socketsPerAccount`) and per address (`limits.socketsPerAddress`). */
  const socketsOf = new OpenCounts();
  const socketsFrom = new OpenCounts();

  function connect(socket: WebSocket, documentId: string, access: PeerAccess, address: string): void {
    watch(socket);
    const peer = new SocketPeer(socket, access);
    const budget = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
    const early: Uint8Array[] = [];
    let earlyBytes = 0;
    let room: Room | null = null;
    let closed = false;
    socketsOf.add(access.accountId);
    socketsFrom.add(address);

    socket.on("message", (data, isBinary) => {
      if (!budget.take()) {
        peer.close(CloseCode.tooManyMessages, "too many messages");
        return;
      }
      if (!isBinary) {
        peer.close(CloseCode.malformedMessage, "text frames are not part of the protocol");
        return;
      }
      const frame = toBytes(data);
      if (room) room.receive(peer, frame);
      else if (early.length < MAX_EARLY_FRAMES && earlyBytes + frame.byteLength <= MAX_EARLY_BYTES) {
        early.push(frame);
        earlyBytes += frame.byteLength;
      }
      else peer.close(CloseCode.malformedMessage, "too many frames before sync");
    });
    socket.on("close", () => {
      closed = true;
      socketsOf.remove(access.accountId);
      socketsFrom.remove(address);
      if (room) registry.leave(room, peer);
    });

    registry.join(documentId, peer).then(
      (joined) => {
        if (!joined) {
          peer.close(CloseCode.documentNotFound, "document not found");
          return;
        }
        room = joined;
        if (closed) {
          registry.leave(joined, peer);
          return;
        }
        earlyBytes = 0;
        for (const frame of early.splice(0)) joined.receive(peer, frame);
      },
      (error: unknown) => {
        log.error({ room: documentId, err: String(error) }, "room failed to load");
        peer.close(CloseCode.internalError, "room failed to load");
      },
    );
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const prefix = `${COLLAB_PATH}/`;
    if (!url.pathname.startsWith(prefix)) {
      refuseUpgrade(socket, 404, "not found");
      return;
    }
    let rawId = "";
    try {
      rawId = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      // Broken percent-encoding: refused by the gate as a bad document id.
    }
    const decision = await gate(request, rawId);
    if (decision.kind === "refuse") {
      refuseUpgrade(socket, decision.status, decision.reason);
      return;
    }
    const address = addressOf(request);
    if (decision.kind === "accept" && socketsOf.full(decision.access.accountId, limits.socketsPerAccount)) {
      refuseUpgrade(socket, 429, "too many open connections for this account");
      return;
    }
    if (decision.kind === "accept" && socketsFrom.full(address, limits.socketsPerAddress)) {
      refuseUpgrade(socket, 429, "too many open connections from this address");
      return;
    }
    // The client may have gone while the gate looked it up.
    if (socket.destroyed) return;
    // No await from the checks above to `connect`: the counts cannot be overtaken.
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (decision.kind === "close") {
        watch(ws);
        ws.close(decision.code, decision.reason);
      } else {
        connect(ws, decision.documentId, decision.access, address);
      }
    });
  }

  let accepting = true;
  return {
    handleUpgrade(request, socket, head) {
      if (!accepting) {
        refuseUpgrade(socket, 503, "server shutting down");
        return;
      }
      socket.on("error", () => socket.destroy());
      upgrade(request, socket, head).catch((error: unknown) => {
        log.error({ err: String(error) }, "upgrade failed");
        refuseUpgrade(socket, 503, "upgrade failed");
      });
    },
    stopAccepting() {
      accepting = false;
    },
    close() {
      clearInterval(pinger);
      for (const socket of wss.clients) socket.terminate();
      wss.close();
    },
  };
}
