import type { WebSocket } from "ws";
import { limits } from "../../shared/limits.js";
import { CloseCode, type CloseCodeValue } from "../../shared/protocol.js";
import type { Role } from "../../shared/roles.js";
import type { PresenceUser } from "../../shared/presence.js";

/** Who is behind a socket and what they may do; `role` and `canWrite` change live. */
export interface PeerAccess {
  accountId: string;
  workspaceId: string;
  /** The session or token the socket was opened with (revoking it closes the socket). */
  credentialId: string;
  /** The presence others see, stamped from the account. */
  user: PresenceUser;
  role: Role;
  /** The member's first reference group (suggestions and comments are credited to it), or null. */
  groupId: string | null;
  /**
   * May send changes at all: a member who may suggest, while the round is not frozen.
   * Those who may not edit (reviewers) only suggest: see shared/collab/suggestionCheck.ts.
   */
  canWrite: boolean;
}

/** One connected socket, as the room sees it. */
export interface Peer {
  readonly id: number;
  readonly access: PeerAccess;
  /** False once the socket closed or was asked to close. */
  readonly open: boolean;
  send(message: Uint8Array): void;
  close(code: CloseCodeValue, reason: string): void;
}

let nextPeerId = 1;

/**
 * A `ws` socket as a room peer. Sending to a socket that stopped reading would grow
 * server memory without bound, so past `limits.maxBufferedBytes` it is disconnected.
 */
export class SocketPeer implements Peer {
  readonly id = nextPeerId++;
  private closing = false;

  constructor(
    private readonly socket: WebSocket,
    readonly access: PeerAccess,
  ) {}

  get open(): boolean {
    return !this.closing && this.socket.readyState === this.socket.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > limits.maxBufferedBytes) {
      this.close(CloseCode.slowConsumer, "slow consumer");
      return;
    }
    this.socket.send(message, { binary: true });
  }

  close(code: CloseCodeValue, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.close(code, reason);
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => this.socket.terminate(), 5_000).unref();
  }
}
