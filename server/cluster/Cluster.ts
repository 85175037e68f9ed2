import { randomUUID } from "node:crypto";
import type { Role } from "../../shared/roles.js";

/**
 * What one server instance tells the others about the workspace as a whole. Each is
 * also acted on by the instance that sends it.
 */
export type ControlMessage =
  /** The document stopped accepting updates (a freeze began). */
  | { kind: "freezing"; documentId: string }
  /** The freeze is recorded: editors reconnect read-only. */
  | { kind: "frozen"; documentId: string }
  /** Updates are accepted again (next round, or a freeze that failed): editors reconnect. */
  | { kind: "unfrozen"; documentId: string }
  /** A member's role changed, or they were removed (`role` null). */
  | { kind: "access"; workspaceId: string; accountId: string; role: Role | null }
  /** A session was signed out or a token revoked. */
  | { kind: "credential"; credentialId: string }
  /** A comment thread changed (for the event streams of every instance). */
  | { kind: "comment"; documentId: string; event: string; data: unknown }
  /** A statement's matrix changed, or a member moved in it (for the matrix streams of every instance). */
  | { kind: "matrix"; documentId: string; event: string; data: unknown }
  /** These accounts' notifications changed (their bells reload). */
  | { kind: "notification"; accountIds: string[] };

/** What a room hears from the same document's rooms on other instances. */
export interface RoomChannel {
  /** A Yjs update another instance stored and broadcast. */
  onUpdate(update: Uint8Array): void;
  /** An awareness update of clients connected to another instance. */
  onAwareness(update: Uint8Array): void;
  /** A newly loaded room elsewhere asks for everyone's presence. */
  onPresenceQuery(): void;
}

/**
 * How server instances share live traffic. A single instance needs nothing
 * (`LocalCluster`); several use Redis (`RedisCluster`). Only updates that are already
 * durable are published, so an instance that misses some catches up from storage.
 */
export interface Cluster {
  /** This instance, as the others see it. */
  readonly instanceId: string;
  /** True when other instances may exist (traffic is published). */
  readonly shared: boolean;
  /** Listen to a document's traffic; resolves once the subscription is live. */
  join(documentId: string, channel: RoomChannel): Promise<void>;
  /** Stop listening to a document (its room unloaded). */
  leave(documentId: string): void;
  /** Tell the others about an update this instance stored. */
  publishUpdate(documentId: string, update: Uint8Array): void;
  /** Tell the others about presence of this instance's clients. */
  publishAwareness(documentId: string, update: Uint8Array): void;
  /** Ask the others for the presence of their clients in the document. */
  queryPresence(documentId: string): void;
  /** Act on a control message here at once, and send it to every other instance. */
  control(message: ControlMessage): Promise<void>;
  /** Set the handler of control messages (one per instance). */
  onControl(handler: (message: ControlMessage) => void): void;
  /**
   * Set what runs when messages may have been missed (the connection to the other
   * instances dropped and came back): rooms catch up from storage.
   */
  onResync(handler: () => void): void;
  close(): Promise<void>;
}

/** One instance alone: control messages go straight to its own handler. */
export class LocalCluster implements Cluster {
  readonly instanceId = randomUUID();
  readonly shared = false;
  private handler: (message: ControlMessage) => void = () => {};

  async join(): Promise<void> {}
  leave(): void {}
  publishUpdate(): void {}
  publishAwareness(): void {}
  queryPresence(): void {}
  async control(message: ControlMessage): Promise<void> {
    this.handler(message);
  }
  onControl(handler: (message: ControlMessage) => void): void {
    this.handler = handler;
  }
  onResync(): void {}
  async close(): Promise<void> {}
}
