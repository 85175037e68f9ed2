import type { Logger } from "pino";
import type { Storage } from "../storage/Storage.js";
import { CloseCode } from "../../shared/protocol.js";
import type { Peer } from "./Peer.js";
import { Room } from "./Room.js";

/**
 * The loaded rooms. One load per document: concurrent joins share one in-flight
 * promise. A room is unloaded when its last peer leaves, only after its last write
 * has finished, and never while a new peer is joining it.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room | null>>();

  constructor(
    private readonly storage: Storage,
    private readonly log: Logger,
  ) {}

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

  /** The document's room if it is loaded (for server actions on live documents). */
  loaded(documentId: string): Room | undefined {
    return this.rooms.get(documentId);
  }

  /** Join `peer` to the document's room, loading it if needed; null if no such document. */
  async join(documentId: string, peer: Peer): Promise<Room | null> {
    for (;;) {
      const loaded = this.rooms.get(documentId);
      if (loaded && !loaded.destroyed) {
        // Synchronous from lookup to addPeer: an unload cannot slip in between.
        loaded.addPeer(peer);
        return loaded;
      }
      const room = await this.load(documentId);
      if (!room) return null;
    }
  }

  /** Remove `peer`; unload the room once it is empty and its writes are done. */
  leave(room: Room, peer: Peer): void {
    room.removePeer(peer);
    if (room.size > 0) return;
    void room.whenIdle().then(() => {
      if (room.size > 0 || room.destroyed || this.rooms.get(room.id) !== room) return;
      this.rooms.delete(room.id);
      room.destroy();
      this.log.debug({ room: room.id }, "room unloaded");
    });
  }

  /** Graceful shutdown: store what is pending, then close every socket with "going away". */
  async closeAll(): Promise<void> {
    await Promise.all(Array.from(this.loading.values()));
    const rooms = Array.from(this.rooms.values());
    await Promise.all(rooms.map((room) => room.whenIdle()));
    for (const room of rooms) {
      room.closeAll(CloseCode.goingAway, "server shutting down");
      this.rooms.delete(room.id);
      room.destroy();
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
    const document = await this.storage.getDocument(documentId);
    if (!document) return null;
    const rows = await this.storage.loadUpdates(documentId);
    const room = new Room(documentId, this.storage, this.log, rows.map((row) => row.data), (failed) => {
      if (this.rooms.get(failed.id) === failed) this.rooms.delete(failed.id);
    });
    this.rooms.set(documentId, room);
    this.log.debug({ room: documentId, rows: rows.length }, "room loaded");
    return room;
  }
}
