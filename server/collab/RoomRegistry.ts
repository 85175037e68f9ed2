import * as Y from "yjs";
import type { Logger } from "pino";
import type { DocumentStore, StoredSuggestion, SuggestionStore, WriterStore } from "../storage/Storage.js";
import { CloseCode, type CloseCodeValue } from "../../shared/protocol.js";
import { canSuggest, type Role } from "../../shared/roles.js";
import type { Cluster } from "../cluster/Cluster.js";
import type { Peer, PeerAccess } from "./Peer.js";
import { Room, type RefusalReason } from "./Room.js";
import { GroupCommit } from "./GroupCommit.js";
import type { SchemaNames } from "./checkUpdateSchema.js";

/** Where the rooms keep what they learn about suggestions and writers, and whom they tell. */
export interface SuggestionRecords {
  store: SuggestionStore;
  writers: WriterStore;
  /** Suggestions were made, changed or decided (stored, and the change broadcast). */
  announce(documentId: string, rows: StoredSuggestion[]): void;
}

/** How long a graceful shutdown spends folding statements' logs at most. */
const SHUTDOWN_COMPACTION_MS = 10_000;

/** Called when an update is refused (logged and audited by the owner). */
export type RefusedUpdateListener = (room: Room, peer: Peer, bytes: number, reason: RefusalReason) => void;

/** How the registry keeps rooms. */
export interface RoomRegistryOptions {
  /**
   * How long a room without sockets stays loaded (a member reloading the page finds it
   * still there) before it is unloaded; 0: as soon as its last write is done.
   */
  idleUnloadMs?: number;
}

/**
 * The loaded rooms. One load per document: concurrent joins share one in-flight
 * promise. A room without sockets is unloaded after `idleUnloadMs` (a join meanwhile
 * keeps it), only after its last write has finished and its log was folded into one
 * row, and never while a new peer is joining it.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();
  /** Unloads waiting for the idle delay of rooms without sockets. */
  private readonly unloadTimers = new Map<Room, NodeJS.Timeout>();
  private readonly idleUnloadMs: number;
  private readonly frozen = new Set<string>();
  private refused = 0;
  private catchUpTimer: NodeJS.Timeout | null = null;
  /** Set by `closeAll`: no room is joined, changed or scheduled for unloading any more. */
  private closing = false;
  /** Every room's updates go through one group commit. */
  readonly commits: GroupCommit;

  constructor(
    private readonly documents: DocumentStore,
    private readonly log: Logger,
    private readonly cluster: Cluster,
    private readonly schema: SchemaNames,
    private readonly suggestions: SuggestionRecords,
    private readonly onRefused: RefusedUpdateListener = () => {},
    options: RoomRegistryOptions = {},
  ) {
    this.commits = new GroupCommit(documents, log);
    this.idleUnloadMs = options.idleUnloadMs ?? 0;
  }

  /**
   * With other instances: every `intervalMs`, loaded rooms read from storage what they
   * may have missed (pub/sub delivers at most once), besides after every reconnect.
   */
  startCatchingUp(intervalMs: number): void {
    if (!this.cluster.shared || this.catchUpTimer) return;
    this.catchUpTimer = setInterval(() => void this.catchUpAll(), intervalMs);
    this.catchUpTimer.unref();
  }

  /** Every loaded room reads what storage holds beyond what it has seen. */
  async catchUpAll(): Promise<void> {
    await Promise.all(
      Array.from(this.rooms.values()).map((room) =>
        room.catchUp().catch((error: unknown) => this.log.warn({ room: room.id, err: String(error) }, "catching up from storage failed")),
      ),
    );
  }

  /** Documents frozen now, as storage says (after a reconnect may have hidden a freeze). */
  resetFrozen(documentIds: string[]): void {
    const now = new Set(documentIds);
    for (const id of Array.from(this.frozen)) {
      if (!now.has(id)) {
        this.frozen.delete(id);
        this.reconnectAll(id);
      }
    }
    for (const id of now) {
      if (!this.frozen.has(id)) {
        this.frozen.add(id);
        this.reconnectAll(id);
      }
    }
  }

  /** Rooms currently in memory. */
  get size(): number {
    return this.rooms.size;
  }

  /** Open sockets over all rooms. */
  get peerCount(): number {
    let count = 0;
    for (const room of this.rooms.values()) count += room.size;
    return count;
  }

  /** Updates refused since start (read-only sockets, frozen rounds, outside the schema). */
  get refusedUpdates(): number {
    return this.refused;
  }

  /** Bytes of updates held in memory over all rooms, waiting for changes they build on. */
  get pendingBytes(): number {
    let bytes = 0;
    for (const room of this.rooms.values()) bytes += room.pendingBytes;
    return bytes;
  }

  /** Documents whose current round is frozen (at start, from storage). */
  markFrozen(documentIds: string[]): void {
    for (const id of documentIds) this.frozen.add(id);
  }

  /** True while the document's round is frozen: its rooms accept no update from anyone. */
  isFrozen(documentId: string): boolean {
    return this.frozen.has(documentId);
  }

  /** Stop accepting updates to the document at once (before its version is taken). */
  freeze(documentId: string): void {
    this.frozen.add(documentId);
  }

  /** Accept updates again (the next round opened, or a freeze failed). */
  unfreeze(documentId: string): void {
    this.frozen.delete(documentId);
  }

  /**
   * Close every socket of the document with "access changed": clients reconnect at once
   * under the new state (read-only when frozen; writing again, and sending what they kept,
   * when the next round opens).
   */
  reconnectAll(documentId: string): void {
    const room = this.rooms.get(documentId);
    if (!room) return;
    for (const peer of Array.from(room.connected)) peer.close(CloseCode.accessChanged, "round changed");
  }

  /** The document's room if it is loaded (for server actions on live documents). */
  loaded(documentId: string): Room | undefined {
    return this.rooms.get(documentId);
  }

  /**
   * Read the document as it is now: a copy of the live room's document when loaded, else
   * a copy built from storage, for the length of `read`. Never the live document itself:
   * converting to ProseMirror "repairs" (deletes) what the schema cannot show, and a read
   * must never change what everyone edits (nor, in a frozen round, what cannot be stored).
   */
  async read<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const room = this.rooms.get(documentId);
    if (!room || room.destroyed) return this.readStored(documentId, read);
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      return read(copy);
    } finally {
      copy.destroy();
    }
  }

  /** Read the document as storage holds it (everything every instance accepted). */
  async readStored<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const doc = new Y.Doc();
    try {
      const rows = await this.documents.loadUpdates(documentId);
      doc.transact(() => {
        for (const row of rows) Y.applyUpdate(doc, row.data);
      });
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Join `peer` to the document's room, loading it if needed; null if no such document. */
  async join(documentId: string, peer: Peer): Promise<Room | null> {
    if (this.closing) {
      peer.close(CloseCode.goingAway, "server shutting down");
      return null;
    }
    for (;;) {
      const loaded = this.rooms.get(documentId);
      if (loaded && !loaded.destroyed) {
        // Synchronous from lookup to addPeer: an unload cannot slip in between.
        this.cancelUnload(loaded);
        loaded.addPeer(peer);
        return loaded;
      }
      const room = await this.load(documentId);
      if (!room) return null;
    }
  }

  /**
   * A change the server makes to the live document (restoring a version's text): applied
   * in the document's room, loaded for the purpose if needed, stored, then broadcast.
   */
  async change(documentId: string, apply: (doc: Y.Doc) => void): Promise<void> {
    if (this.closing) throw new Error("server shutting down");
    const room = this.rooms.get(documentId) ?? (await this.load(documentId));
    if (!room) throw new Error(`no document ${documentId}`);
    this.cancelUnload(room);
    await room.change(apply);
    this.unloadWhenIdle(room);
  }

  /** Remove `peer`; unload the room once it has been empty for the idle delay. */
  leave(room: Room, peer: Peer): void {
    room.removePeer(peer);
    this.unloadWhenIdle(room);
  }

  /** Unload `room` after the idle delay if it has no socket then (the delay starts again). */
  private unloadWhenIdle(room: Room): void {
    if (room.size > 0 || room.destroyed || this.closing) return;
    this.cancelUnload(room);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room);
      this.unload(room).catch((error: unknown) => this.log.error({ room: room.id, err: String(error) }, "unloading the room failed"));
    }, this.idleUnloadMs);
    timer.unref();
    this.unloadTimers.set(room, timer);
  }

  private cancelUnload(room: Room): void {
    const timer = this.unloadTimers.get(room);
    if (!timer) return;
    clearTimeout(timer);
    this.unloadTimers.delete(room);
  }

  /**
   * Unload an empty room: once its writes are done, fold its stored log into one row
   * (the next load reads and applies one update), then drop it. A socket joining or a
   * change arriving meanwhile keeps it loaded: what they bring goes the room's usual
   * durable path, and the room is unloaded again once idle.
   */
  private async unload(room: Room): Promise<void> {
    const stillIdle = () => room.size === 0 && !room.destroyed && this.rooms.get(room.id) === room && !this.unloadTimers.has(room);
    await room.whenIdle();
    if (!stillIdle()) return;
    try {
      await room.compactStored();
    } catch (error) {
      // The log stays as it is (nothing is lost): the next load reads every row.
      this.log.warn({ room: room.id, err: String(error) }, "compaction before unloading failed");
    }
    await room.whenIdle();
    // Synchronous from this check to forget: a join or a change cannot slip in between.
    if (!stillIdle()) return;
    if (!room.idle) {
      // A change arrived without a socket (what another instance stored, say): try again later.
      this.unloadWhenIdle(room);
      return;
    }
    this.forget(room);
    this.log.debug({ room: room.id }, "room unloaded");
  }

  /**
   * A member's role changed (or they were removed: `role` null). Their sockets in that
   * workspace stop writing at once, then close: with "access changed" so the client
   * reconnects under the new role, or "access revoked" after a removal.
   */
  applyAccess(workspaceId: string, accountId: string, role: Role | null): void {
    this.closeWhere(
      (peer) => peer.access.workspaceId === workspaceId && peer.access.accountId === accountId && peer.access.role !== role,
      role === null ? CloseCode.accessRevoked : CloseCode.accessChanged,
      (peer) => {
        peer.access.canWrite = role !== null && canSuggest(role);
        if (role) peer.access.role = role;
      },
    );
  }

  /** The access of every open socket, one entry per member and workspace. */
  connectedMembers(): PeerAccess[] {
    const members = new Map<string, PeerAccess>();
    for (const room of this.rooms.values()) {
      for (const peer of room.connected) members.set(`${peer.access.workspaceId}/${peer.access.accountId}`, peer.access);
    }
    return Array.from(members.values());
  }

  /** Close every socket opened with this session or token (signed out, revoked). */
  closeCredential(credentialId: string): void {
    this.closeWhere((peer) => peer.access.credentialId === credentialId, CloseCode.signedOut, (peer) => {
      peer.access.canWrite = false;
    });
  }

  /**
   * Graceful shutdown: store what is pending, close every socket with "going away", then
   * fold each statement's log into one row (the snapshot the next start loads).
   */
  async closeAll(): Promise<void> {
    this.closing = true;
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.all(Array.from(this.loading.values()));
    const rooms = Array.from(this.rooms.values());
    await Promise.all(rooms.map((room) => room.whenIdle()));
    for (const room of rooms) room.closeAll(CloseCode.goingAway, "server shutting down");
    // Each statement's log folded into one row, one at a time: the next start loads it fast.
    // Bounded in time (a stop must not outlast its grace period): the rest fold at their next unload.
    const until = Date.now() + SHUTDOWN_COMPACTION_MS;
    for (const room of rooms) {
      if (Date.now() < until) await room.compactStored().catch((error: unknown) => this.log.warn({ room: room.id, err: String(error) }, "compaction at shutdown failed"));
      this.forget(room);
    }
  }

  /** Drop a room: out of the map, off the cluster channel, its document freed. */
  private forget(room: Room): void {
    this.cancelUnload(room);
    if (this.rooms.get(room.id) === room) {
      this.rooms.delete(room.id);
      this.cluster.leave(room.id);
    }
    if (!room.destroyed) room.destroy();
  }

  private closeWhere(match: (peer: Peer) => boolean, code: CloseCodeValue, before: (peer: Peer) => void): void {
    for (const room of this.rooms.values()) {
      for (const peer of Array.from(room.connected)) {
        if (!match(peer)) continue;
        before(peer);
        peer.close(code, "access changed");
      }
    }
  }

  private load(documentId: string): Promise<Room | null> {
    let pending = this.loading.get(documentId);
    if (!pending) {
      pending = this.loadFromStorage(documentId).finally(() => this.loading.delete(documentId));
      this.loading.set(documentId, pending);
    }
    return pending;
  }

  private async loadFromStorage(documentId: string): Promise<Room | null> {
    const document = await this.documents.get(documentId);
    if (!document) return null;
    // Listen before reading storage, so no update stored elsewhere falls in between;
    // what arrives meanwhile is applied once the room exists (twice changes nothing).
    let room: Room | null = null;
    const early: Uint8Array[] = [];
    await this.cluster.join(documentId, {
      onUpdate: (update) => (room ? room.applyRemote(update) : early.push(update)),
      onAwareness: (update) => room?.applyRemoteAwareness(update),
      onPresenceQuery: () => {
        const presence = room?.localPresence();
        if (presence) this.cluster.publishAwareness(documentId, presence);
      },
    });
    let rows;
    let suggestions;
    let writers;
    try {
      [rows, suggestions, writers] = await Promise.all([
        this.documents.loadUpdates(documentId),
        this.suggestions.store.listForDocument(documentId),
        this.suggestions.writers.writers(documentId),
      ]);
    } catch (error) {
      this.cluster.leave(documentId);
      throw error;
    }
    const loaded = new Room(documentId, this.documents, this.log, rows, {
      onFailure: (failed) => this.forget(failed),
      onWritesClosed: (closed) => {
        this.frozen.add(documentId);
        this.forget(closed);
      },
      onRefused: (from, peer, bytes, reason) => {
        this.refused += 1;
        this.onRefused(from, peer, bytes, reason);
      },
      isFrozen: () => this.frozen.has(documentId),
      publishUpdate: (update) => this.cluster.publishUpdate(documentId, update),
      publishAwareness: (update) => this.cluster.publishAwareness(documentId, update),
      instanceId: this.cluster.instanceId,
      schema: this.schema,
      suggestions: {
        stored: suggestions,
        save: (changed) => this.suggestions.store.save(changed),
        announce: (changed) => this.suggestions.announce(documentId, changed),
      },
      writers: {
        known: writers,
        lookup: (clientIds) => this.suggestions.writers.writers(documentId, clientIds),
      },
      append: (update, writers) => this.commits.append({ documentId, update, writers }),
      noteUpdate: () => this.commits.noteUpdate(),
    });
    room = loaded;
    for (const update of early.splice(0)) loaded.applyRemote(update);
    this.rooms.set(documentId, loaded);
    this.cluster.queryPresence(documentId);
    this.log.debug({ room: documentId, rows: rows.length }, "room loaded");
    return loaded;
  }
}
