import type * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Logger } from "pino";
import { MessageType } from "../../shared/protocol.js";
import { presenceLimits } from "../../shared/presence.js";
import type { Peer } from "./Peer.js";
import { PresenceRefused, stampPresence } from "./stampPresence.js";
import { TokenBucket } from "./TokenBucket.js";

/** Origin of presence received from another instance. */
const REMOTE_PRESENCE = Symbol("remote presence");

/** Client ids whose account a room remembers (a room lives while people are in it). */
const MAX_REMEMBERED_CLIENTS = 10_000;

/** What the room's presence keeps per socket. */
interface Speaker {
  /** Presence client ids this socket speaks for. */
  clients: Set<number>;
  /** Presence changes (and presence queries) this socket may still send. */
  budget: TokenBucket;
}

function awarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * The presence (awareness) of one room: who is there, where their cursor is. Every
 * state a socket sends is checked against the presence schema and stamped with its
 * account (`stampPresence`), rated per socket, and relayed to everyone; a socket that
 * breaks the rules gets `PresenceRefused` thrown from `receive`.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly speakers = new Map<Peer, Speaker>();
  /** The socket speaking for each client id (every echo frame asks, for every entry). */
  private readonly owners = new Map<number, Peer>();
  /**
   * The account that last spoke for each client id, so no one else takes an id over once
   * its socket left (its owner reconnects with the same id). Oldest forgotten first.
   */
  private readonly claimedBy = new Map<number, string>();

  constructor(
    doc: Y.Doc,
    private readonly id: string,
    private readonly log: Logger,
    /** Tell other instances about presence changes of this room's own clients. */
    private readonly publish: (update: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on("update", this.onUpdate);
  }

  /** A socket joined: it may speak, and it learns who is here. */
  add(peer: Peer): void {
    this.speakers.set(peer, { clients: new Set(), budget: new TokenBucket(presenceLimits.framesPerSecond, presenceLimits.frameBurst) });
    const clients = Array.from(this.awareness.getStates().keys());
    if (clients.length > 0) peer.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
  }

  /** A socket left: the presence it announced goes with it. */
  remove(peer: Peer): void {
    const speaker = this.speakers.get(peer);
    if (!speaker) return;
    this.speakers.delete(peer);
    for (const client of speaker.clients) if (this.owners.get(client) === peer) this.owners.delete(client);
    if (speaker.clients.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(speaker.clients), null);
  }

  /** An awareness frame's payload from `peer`. Throws `PresenceRefused` (or a decoding error) for one that breaks the rules. */
  receive(peer: Peer, claimed: Uint8Array): void {
    const speaker = this.speakers.get(peer)!;
    const stamped = stampPresence(claimed, {
      user: peer.access.user,
      owned: speaker.clients,
      belongsToOthers: (clientId) => {
        const owner = this.owners.get(clientId) ?? null;
        const account = this.claimedBy.get(clientId);
        return (owner !== null && owner !== peer) || (owner === null && this.awareness.getStates().has(clientId)) || (account !== undefined && account !== peer.access.accountId);
      },
      knownClock: (clientId) => this.awareness.meta.get(clientId)?.clock,
    });
    // Echoes of others' presence cost nothing; the socket's own changes are rated.
    if (!stamped) return;
    if (!speaker.budget.take()) throw new PresenceRefused("presence sent too fast");
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, peer);
  }

  /** `peer` asks who is here. Each answer carries everyone's presence, so queries spend the presence budget too. */
  query(peer: Peer): void {
    if (!this.speakers.get(peer)!.budget.take()) throw new PresenceRefused("presence queried too fast");
    const clients = Array.from(this.awareness.getStates().keys());
    peer.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
  }

  /** Presence of clients connected to another instance (already checked there). */
  applyRemote(update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE);
    } catch (error) {
      this.log.warn({ room: this.id, err: String(error) }, "presence from another instance could not be applied");
    }
  }

  /** The presence of this room's own clients (for a room just loaded elsewhere), or null. */
  local(): Uint8Array | null {
    const clients = Array.from(this.speakers.values()).flatMap((speaker) => Array.from(speaker.clients));
    return clients.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients) : null;
  }

  /** Stop relaying. */
  destroy(): void {
    this.awareness.off("update", this.onUpdate);
    this.awareness.destroy();
  }

  private readonly onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = added.concat(updated, removed);
    const owned = this.speakers.get(origin as Peer)?.clients;
    if (owned) {
      // A client that comes back after removing its state is "updated", not "added" (its clock is known).
      for (const client of added.concat(updated)) {
        owned.add(client);
        this.owners.set(client, origin as Peer);
        this.claimedBy.delete(client);
        this.claimedBy.set(client, (origin as Peer).access.accountId);
      }
      while (this.claimedBy.size > MAX_REMEMBERED_CLIENTS) this.claimedBy.delete(this.claimedBy.keys().next().value!);
      for (const client of removed) {
        owned.delete(client);
        this.owners.delete(client);
      }
    }
    if (changed.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    const message = awarenessMessage(update);
    for (const peer of this.speakers.keys()) peer.send(message);
    // Changes of this room's own clients (or their leaving) go to the other instances;
    // each instance times out stale presence by itself.
    if (owned || origin === null) this.publish(update);
  };
}
