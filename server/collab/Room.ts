import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import * as syncProtocol from "y-protocols/sync";
import type { Logger } from "pino";
import { CloseCode, MessageType, type CloseCodeValue } from "../../shared/protocol.js";
import { canEdit } from "../../shared/roles.js";
import { limits } from "../../shared/limits.js";
import type { DocumentStore, StoredSuggestion, StoredUpdate } from "../storage/Storage.js";
import { StorageConflict } from "../storage/StorageConflict.js";
import { compactDocument } from "../storage/compactDocument.js";
import type { Peer } from "./Peer.js";
import { PresenceRefused } from "./stampPresence.js";
import { RoomPresence } from "./RoomPresence.js";
import { misfitsSince, schemaViolation, type DecodedUpdate, type SchemaNames } from "./checkUpdateSchema.js";
import { pendingBytes } from "./pendingBytes.js";
import { SuggestionCheck } from "../../shared/collab/suggestionCheck.js";
import { SuggestionLedger, carriesSuggestions, suggestionIdProblem, type Actor } from "./suggestionLedger.js";

/** Transaction origin of content loaded from storage (not stored again). */
export const STORAGE_ORIGIN = Symbol("storage");

/** Transaction origin of a change the server makes itself (restoring a version's text). */
export const SERVER_ORIGIN = Symbol("server");

/** Origin of what another instance stored (or what catching up read from storage): broadcast here, not stored again. */
export const REMOTE_ORIGIN = Symbol("remote");

/** How long one instance may hold a document's compaction. */
const COMPACTION_LEASE_MS = 60_000;

/**
 * Why an update was refused: the peer may not write, the round is frozen, the update
 * does not fit the statement schema, or it came from someone who may only suggest and
 * does more than suggest.
 */
export type RefusalReason = "read_only" | "frozen" | "schema" | "not_a_suggestion";

/** What the room tells its registry. */
export interface RoomHooks {
  /** A storage write failed; the room closed its sockets and must be forgotten. */
  onFailure(room: Room): void;
  /** A non-empty update was dropped: its peer may not write, the round is frozen, or it does not fit the schema. */
  onRefused(room: Room, peer: Peer, bytes: number, reason: RefusalReason): void;
  /** True while the document's round is frozen: no update is accepted from anyone. */
  isFrozen(): boolean;
  /** Storage refused the room's last batch: the document's writes were closed (a freeze, maybe on another instance). */
  onWritesClosed(room: Room): void;
  /** Tell other instances about an update that is now durable. */
  publishUpdate(update: Uint8Array): void;
  /** Tell other instances about presence changes of this room's clients. */
  publishAwareness(update: Uint8Array): void;
  /** Who holds a compaction lease taken by this room (the instance). */
  readonly instanceId: string;
  /** What updates may contain (the statement schema's names). */
  readonly schema: SchemaNames;
  /** The statement's suggestions as stored; where to store what changes, and whom to tell once it is durable. */
  readonly suggestions: {
    stored: StoredSuggestion[];
    save(rows: StoredSuggestion[]): Promise<void>;
    announce(rows: StoredSuggestion[]): void;
  };
  /** Who first wrote under each Yjs client id of the statement (as stored), and how to ask storage about others (new ones are stored with the update that brings them). */
  readonly writers: {
    known: Map<number, string>;
    lookup(clientIds: number[]): Promise<Map<number, string>>;
  };
  /**
   * Store a batch's update with the writers it claims, durably, with other statements'
   * updates of the same turn (group commit); resolves with its seq. Rejects with this
   * statement's own failure only (`writes_closed` when frozen).
   */
  append(update: Uint8Array, writers: { clientId: number; accountId: string }[]): Promise<number>;
  /** An update arrived from a socket (for the count of turns with updates). */
  noteUpdate(): void;
}

/** The writer the server's own client id belongs to: no account has an empty id. */
const SERVER_WRITER = "";

/** What the room keeps per socket. */
interface PeerState {
  /** Bytes of this socket's updates held for missing dependencies since the room last had none. */
  pendingBytes: number;
}

type Inbound =
  | { kind: "update"; peer: Peer; update: Uint8Array; decoded: DecodedUpdate; suggesting: boolean }
  | { kind: "syncStep1"; peer: Peer; stateVector: Uint8Array }
  | { kind: "server"; apply: (doc: Y.Doc) => void };

/** The updates the document holds back (waiting for what they build on) and their size. */
interface Pending {
  structs: Y.Doc["store"]["pendingStructs"];
  ds: Y.Doc["store"]["pendingDs"];
}

/** Thrown for a frame that does not follow the protocol. */
class MalformedMessage extends Error {}

function encodeMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function updateMessage(update: Uint8Array): Uint8Array {
  return encodeMessage((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    syncProtocol.writeUpdate(e, update);
  });
}

/**
 * One loaded document and the sockets editing it.
 *
 * Invariant: every update is durable BEFORE anyone receives it. Document changes go
 * through an inbox drained in batches: apply the batch, append what changed to storage
 * in one transaction, then broadcast it, then answer the sync requests of the batch.
 * So the in-memory document never serves content that is not on disk.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly presence: RoomPresence;
  private readonly peers = new Map<Peer, PeerState>();
  private inbox: Inbound[] = [];
  /** Bytes of client updates in the inbox (they count toward the document limit until stored). */
  private inboxBytes = 0;
  private changes: { update: Uint8Array; origin: Peer | typeof SERVER_ORIGIN }[] = [];
  private draining: Promise<void> | null = null;
  private storedRows: number;
  /** Bytes of the stored update log (checked against `limits.maxDocumentBytes`). */
  private storedBytes: number;
  private compacting = false;
  private failed = false;
  /** Checks suggesting sockets' updates; made when the first one arrives. */
  private suggestionCheck: SuggestionCheck | null = null;
  /** The statement's suggestions, read from the text as it changes. */
  readonly ledger: SuggestionLedger;
  /** Client id -> the account that first wrote under it; claims not stored yet wait in `newWriters`. */
  private readonly writers: Map<number, string>;
  private newWriters: { clientId: number; accountId: string }[] = [];
  /** Highest log row read from storage: catching up reads what came after it. */
  private storeCursor: number;
  /**
   * The stored update the room was loaded from while the document is still exactly that
   * (a one-row log, such as the snapshot stored at unload), else null: a joiner that has
   * nothing is sent these durable bytes as they are, without encoding the document.
   */
  private loadedState: Uint8Array | null;
  destroyed = false;

  constructor(
    readonly id: string,
    private readonly documents: DocumentStore,
    private readonly log: Logger,
    stored: StoredUpdate[],
    private readonly hooks: RoomHooks,
  ) {
    this.doc = new Y.Doc();
    this.doc.transact(() => {
      for (const row of stored) Y.applyUpdate(this.doc, row.data);
    }, STORAGE_ORIGIN);
    this.storedRows = stored.length;
    this.storedBytes = stored.reduce((sum, row) => sum + row.data.byteLength, 0);
    this.storeCursor = stored.reduce((max, row) => Math.max(max, row.seq), 0);
    this.loadedState = stored.length === 1 ? stored[0]!.data : null;
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      this.suggestionCheck?.mirror(update);
      if (origin === STORAGE_ORIGIN) return;
      this.loadedState = null;
      if (origin === REMOTE_ORIGIN) {
        // Already durable (stored by another instance): pass it on.
        const message = updateMessage(update);
        for (const peer of this.peers.keys()) peer.send(message);
        return;
      }
      this.changes.push({ update, origin: origin === SERVER_ORIGIN ? SERVER_ORIGIN : (origin as Peer) });
    });
    this.writers = hooks.writers.known;
    this.writers.set(this.doc.clientID, SERVER_WRITER);
    this.ledger = new SuggestionLedger(this.doc, id, hooks.suggestions.stored);
    this.doc.on("afterTransaction", (transaction: Y.Transaction) => this.ledger.observe(transaction));
    this.presence = new RoomPresence(this.doc, id, log, (update) => hooks.publishAwareness(update));
    if (this.storedRows > limits.compactAfterUpdates) this.compactSoon();
  }

  /** Number of connected peers. */
  get size(): number {
    return this.peers.size;
  }

  /** Add a peer and start the sync handshake. */
  addPeer(peer: Peer): void {
    this.peers.set(peer, { pendingBytes: 0 });
    peer.send(encodeMessage((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      syncProtocol.writeSyncStep1(e, this.doc);
    }));
    this.presence.add(peer);
  }

  /** Remove a peer and the presence it announced. */
  removePeer(peer: Peer): void {
    const state = this.peers.get(peer);
    if (!state) return;
    this.peers.delete(peer);
    this.presence.remove(peer);
    // What only this socket left waiting goes with it (it was never acknowledged: an
    // honest client sends it again), so no joiner is sent it with the document.
    if (state.pendingBytes > 0 && Array.from(this.peers.values()).every((other) => other.pendingBytes === 0)) {
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
    }
  }

  /** The connected peers. */
  get connected(): IterableIterator<Peer> {
    return this.peers.keys();
  }

  /** Why an update from `peer` must be refused now, or null when it may be applied. */
  private refusal(peer: Peer): RefusalReason | null {
    if (this.hooks.isFrozen()) return "frozen";
    return peer.access.canWrite ? null : "read_only";
  }

  /** Handle one frame from `peer`. A frame that breaks the protocol closes that socket only. */
  receive(peer: Peer, frame: Uint8Array): void {
    if (!this.peers.has(peer) || !peer.open) return;
    try {
      this.dispatch(peer, frame);
    } catch (error) {
      if (error instanceof PresenceRefused) {
        this.log.warn({ room: this.id, peer: peer.id, account: peer.access.accountId, reason: error.message }, "presence refused, closing socket");
        peer.close(CloseCode.presenceRefused, "presence refused");
        return;
      }
      this.log.warn({ room: this.id, peer: peer.id, err: String(error) }, "malformed frame, closing socket");
      peer.close(CloseCode.malformedMessage, "malformed message");
    }
  }

  /**
   * A change made by the server itself, through the same path as everyone's: applied,
   * stored, then broadcast. Resolves once it is durable and sent.
   */
  async change(apply: (doc: Y.Doc) => void): Promise<void> {
    this.enqueue({ kind: "server", apply });
    await this.whenIdle();
  }

  /** Resolves once every change received so far is durable and broadcast. */
  async whenIdle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** True when nothing is waiting to be applied, stored or sent. */
  get idle(): boolean {
    return this.draining === null && this.inbox.length === 0;
  }

  /**
   * Fold the stored log into one row now if it holds more than one (before the room is
   * unloaded, so the next load reads one update). Skipped while a compaction runs here,
   * or when another instance holds the lease.
   */
  async compactStored(): Promise<void> {
    if (this.compacting || this.storedRows < 2) return;
    this.compacting = true;
    try {
      await this.compact();
    } finally {
      this.compacting = false;
    }
  }

  /** An update another instance stored: applied here and passed to this room's clients. */
  applyRemote(update: Uint8Array): void {
    if (this.destroyed) return;
    this.ledger.ready();
    if (this.holdsPending()) {
      // It may complete a client's update that waited here for what it builds on; that
      // update was never stored, so all of it takes the durable path.
      this.enqueue({ kind: "server", apply: (doc) => Y.applyUpdate(doc, update) });
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    } catch (error) {
      this.log.error({ room: this.id, err: String(error) }, "update from another instance could not be applied");
    }
    this.settleRemote(() => carriesSuggestions(Y.decodeUpdate(update)));
  }

  /** After what another instance stored: keep the ledger's view of which suggestions exist (that instance records the rest). */
  private settleRemote(carries: () => boolean): void {
    if (this.ledger.watching || carries()) this.ledger.settle(null, new Date().toISOString());
    else this.ledger.pass();
  }

  /** True when the document holds parts of updates still missing what they build on. */
  private holdsPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  /** Presence of clients connected to another instance. */
  applyRemoteAwareness(update: Uint8Array): void {
    if (!this.destroyed) this.presence.applyRemote(update);
  }

  /** The presence of this room's own clients (for a room just loaded elsewhere), or null. */
  localPresence(): Uint8Array | null {
    return this.presence.local();
  }

  /**
   * Apply whatever storage holds that this room has not read yet (updates other instances
   * stored while their messages were lost). Applying an update twice changes nothing.
   * Resolves with the number of rows read.
   */
  async catchUp(): Promise<number> {
    if (this.destroyed) return 0;
    const rows = await this.documents.loadUpdatesAfter(this.id, this.storeCursor);
    if (this.destroyed || rows.length === 0) return 0;
    this.ledger.ready();
    const apply = (doc: Y.Doc) => {
      for (const row of rows) Y.applyUpdate(doc, row.data);
    };
    // As in applyRemote: what completes a waiting client update goes the durable path.
    if (this.holdsPending()) await this.change(apply);
    else {
      this.doc.transact(() => apply(this.doc), REMOTE_ORIGIN);
      this.settleRemote(() => rows.some((row) => carriesSuggestions(Y.decodeUpdate(row.data))));
    }
    this.storeCursor = rows.reduce((max, row) => Math.max(max, row.seq), this.storeCursor);
    return rows.length;
  }

  /** Close every socket with `code` and forget them (callers first wait for `whenIdle` if they can). */
  closeAll(code: CloseCodeValue, reason: string): void {
    for (const peer of Array.from(this.peers.keys())) {
      this.removePeer(peer);
      peer.close(code, reason);
    }
  }

  /** Free the document. Only called once the room is empty and idle. */
  destroy(): void {
    this.destroyed = true;
    this.loadedState = null;
    this.presence.destroy();
    this.doc.destroy();
  }

  private dispatch(peer: Peer, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          this.enqueue({ kind: "syncStep1", peer, stateVector: payload });
        } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          // Decoding checks the whole update before anything of it is applied.
          const decoded = Y.decodeUpdate(payload);
          if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return;
          const refusal = this.refusal(peer);
          if (refusal) {
            this.hooks.onRefused(this, peer, payload.byteLength, refusal);
            return;
          }
          // Updates waiting in the inbox or for what they build on are held in memory: they count too.
          if (this.storedBytes + this.inboxBytes + pendingBytes(this.doc) + payload.byteLength > limits.maxDocumentBytes) {
            peer.close(CloseCode.documentTooLarge, "document too large");
            return;
          }
          this.inboxBytes += payload.byteLength;
          this.hooks.noteUpdate();
          // Checked against the schema (and, from someone who may only suggest, as a suggestion) when its turn comes, on the document as the updates before it left it.
          this.enqueue({ kind: "update", peer, update: payload, decoded, suggesting: !canEdit(peer.access.role) });
        } else {
          throw new MalformedMessage(`unknown sync message ${syncType}`);
        }
        return;
      }
      case MessageType.awareness:
        this.presence.receive(peer, decoding.readVarUint8Array(decoder));
        return;
      case MessageType.queryAwareness:
        this.presence.query(peer);
        return;
      case MessageType.auth:
        // Permission messages flow server -> client only; a client's are ignored.
        return;
      default:
        throw new MalformedMessage(`unknown message type ${type}`);
    }
  }

  /** "schema" when the update would put into the statement something its schema does not know. */
  private schemaRefusal(peer: Peer, update: DecodedUpdate): RefusalReason | null {
    let problem: string | null;
    try {
      problem = schemaViolation(update, this.doc, this.hooks.schema);
    } catch (error) {
      // Whatever the check cannot place is refused: a failure here must not reach the
      // room's drain, which would close everyone's socket.
      problem = `could not be checked: ${String(error)}`;
    }
    if (!problem) return null;
    this.log.warn({ room: this.id, peer: peer.id, account: peer.access.accountId, problem }, "update does not fit the schema");
    return "schema";
  }

  /** Client ids an update writes structs under. */
  private static clientsOf(decoded: DecodedUpdate): Set<number> {
    return new Set(decoded.structs.map((struct) => struct.id.client));
  }

  /** Ask storage who writes under the client ids of this batch that the room has not seen (another instance may have recorded them). */
  private async learnWriters(batch: Inbound[]): Promise<void> {
    const unknown = new Set<number>();
    for (const message of batch) {
      if (message.kind !== "update") continue;
      for (const client of Room.clientsOf(message.decoded)) if (!this.writers.has(client)) unknown.add(client);
    }
    if (unknown.size === 0) return;
    for (const [client, account] of await this.hooks.writers.lookup(Array.from(unknown))) if (!this.writers.has(client)) this.writers.set(client, account);
  }

  /**
   * Leave out of an update the structs it writes under someone else's client id: only
   * their writer may write there (a socket squatting another's id would make the server
   * skip that writer's own changes later, and could slip words into the agreed text). An
   * honest client sends others' structs only when relaying what the server will get
   * from their writer anyway, so nothing is lost by dropping them.
   */
  private dropForeignStructs(message: Extract<Inbound, { kind: "update" }>, clients: Set<number>): Set<number> {
    const account = message.peer.access.accountId;
    const foreign = Array.from(clients).filter((client) => {
      const writer = this.writers.get(client);
      return writer !== undefined && writer !== account;
    });
    if (foreign.length === 0) return clients;
    this.log.warn({ room: this.id, peer: message.peer.id, account, clients: foreign.length }, "structs under another writer's client id left out");
    const known = encodeMessage((e) => {
      // A state vector claiming every struct of those clients: the diff keeps none of them.
      encoding.writeVarUint(e, foreign.length);
      for (const client of foreign) {
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, Number.MAX_SAFE_INTEGER);
      }
    });
    message.update = Y.diffUpdate(message.update, known);
    message.decoded = Y.decodeUpdate(message.update);
    return Room.clientsOf(message.decoded);
  }

  /** The client ids an accepted update writes under for the first time are its writer's from now on. */
  private claimWriters(message: Extract<Inbound, { kind: "update" }>, clients: Set<number>): void {
    const account = message.peer.access.accountId;
    for (const client of clients) {
      if (this.writers.has(client)) continue;
      this.writers.set(client, account);
      this.newWriters.push({ clientId: client, accountId: account });
    }
  }

  /** "not_a_suggestion" when an update brings a suggestion without a well-formed id, or a new one in another account's name. */
  private suggestionIdRefusal(peer: Peer, update: DecodedUpdate): RefusalReason | null {
    const problem = suggestionIdProblem(update, peer.access.accountId, (id) => this.ledger.knows(id));
    if (!problem) return null;
    this.log.warn({ room: this.id, peer: peer.id, account: peer.access.accountId, problem }, "update refused");
    return "not_a_suggestion";
  }

  /** "not_a_suggestion" when an update from someone who may only suggest does more than add, change or withdraw their own suggestions. */
  private suggestionRefusal(peer: Peer, update: Uint8Array): RefusalReason | null {
    this.suggestionCheck ??= new SuggestionCheck(this.doc);
    const problem = this.suggestionCheck.check(update, peer.access.accountId);
    if (!problem) return null;
    this.log.warn({ room: this.id, peer: peer.id, account: peer.access.accountId, problem }, "update from a suggesting socket refused");
    return "not_a_suggestion";
  }

  /**
   * Apply a client's update. What it holds that builds on changes not here yet waits in
   * the document (Yjs keeps it pending, in memory, unstored); that is bounded per socket
   * and per room: past either bound this update's waiting part is dropped again and the
   * socket closed, so a client cannot grow the server's memory with updates that never apply.
   */
  private applyFromPeer(peer: Peer, update: Uint8Array): void {
    const state = this.peers.get(peer)!;
    const before: Pending = { structs: this.doc.store.pendingStructs, ds: this.doc.store.pendingDs };
    const beforeBytes = pendingBytes(this.doc);
    // What waited may become whole now: what it adds is checked once its parents are known.
    const completing = beforeBytes > 0 ? Y.encodeStateVector(this.doc) : null;
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch (error) {
      this.log.warn({ room: this.id, peer: peer.id, err: String(error) }, "update rejected");
      // The suggestion check's copy may have taken it.
      this.suggestionCheck?.reset();
      peer.close(CloseCode.malformedMessage, "update could not be applied");
      return;
    }
    if (completing && this.removeMisfits(completing) > 0) this.hooks.onRefused(this, peer, update.byteLength, "schema");
    const afterBytes = pendingBytes(this.doc);
    if (afterBytes === 0) {
      for (const other of this.peers.values()) other.pendingBytes = 0;
      return;
    }
    if (afterBytes <= beforeBytes) return;
    state.pendingBytes += afterBytes - beforeBytes;
    const pendingDeletes = this.doc.store.pendingDs?.byteLength ?? 0;
    if (state.pendingBytes > limits.maxPendingBytesPerSocket || afterBytes > limits.maxPendingBytesPerRoom || pendingDeletes > limits.maxPendingDeleteBytesPerRoom) {
      this.doc.store.pendingStructs = before.structs;
      this.doc.store.pendingDs = before.ds;
      state.pendingBytes -= afterBytes - beforeBytes;
      this.log.warn({ room: this.id, peer: peer.id, account: peer.access.accountId, bytes: afterBytes }, "updates waiting for missing changes past the bound");
      peer.close(CloseCode.missingDependencies, "updates wait for changes never sent");
    }
  }

  /**
   * Delete, in the same batch (so before anything is stored or sent), what became part of
   * the document since `before` (a state vector) and does not fit the schema: content
   * that waited for a missing update could only be placed once that update arrived.
   */
  private removeMisfits(before: Uint8Array): number {
    const misfits = misfitsSince(this.doc, Y.decodeStateVector(before), this.hooks.schema);
    if (misfits.length === 0) return 0;
    this.log.warn({ room: this.id, items: misfits.length }, "content completed by a missing update does not fit the schema; deleted before storing");
    this.doc.transact((transaction) => {
      for (const item of misfits) item.delete(transaction);
    }, SERVER_ORIGIN);
    return misfits.length;
  }

  /** Bytes of updates held in memory for what they build on. */
  get pendingBytes(): number {
    return pendingBytes(this.doc);
  }

  private enqueue(message: Inbound): void {
    this.inbox.push(message);
    if (!this.draining) {
      this.draining = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain());
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.inbox.length > 0 && !this.failed) {
        const batch = this.inbox;
        this.inbox = [];
        // The ledger's first reading of the statement sees it as stored, before this batch changes it.
        if (batch.some((message) => message.kind !== "syncStep1")) this.ledger.ready();
        await this.learnWriters(batch);
        const syncRequests: Extract<Inbound, { kind: "syncStep1" }>[] = [];
        for (const message of batch) {
          if (message.kind === "server") {
            const completing = this.holdsPending() ? Y.encodeStateVector(this.doc) : null;
            this.doc.transact(() => message.apply(this.doc), SERVER_ORIGIN);
            if (completing) this.removeMisfits(completing);
            this.ledger.settle("server", new Date().toISOString());
            continue;
          }
          if (message.kind === "update") this.inboxBytes -= message.update.byteLength;
          if (!message.peer.open || !this.peers.has(message.peer)) continue;
          if (message.kind === "syncStep1") {
            syncRequests.push(message);
            continue;
          }
          const clients = this.dropForeignStructs(message, Room.clientsOf(message.decoded));
          // Access may have been withdrawn, or the round frozen, while the update waited in the inbox.
          const refusal =
            this.refusal(message.peer) ??
            this.schemaRefusal(message.peer, message.decoded) ??
            this.suggestionIdRefusal(message.peer, message.decoded) ??
            (message.suggesting ? this.suggestionRefusal(message.peer, message.update) : null);
          if (refusal) {
            this.hooks.onRefused(this, message.peer, message.update.byteLength, refusal);
            // Read-only and frozen refusals keep the change in the client for later; a
            // change outside the schema, or more than a suggestion, is never taken, and
            // every later change of that client builds on it: its copy must start again
            // from the server's.
            if (refusal === "schema") message.peer.close(CloseCode.contentRefused, "change outside the statement schema");
            if (refusal === "not_a_suggestion") message.peer.close(CloseCode.contentRefused, "change beyond suggestions");
            continue;
          }
          this.claimWriters(message, clients);
          this.applyFromPeer(message.peer, message.update);
          if (this.ledger.watching || carriesSuggestions(message.decoded)) {
            const actor: Actor = { accountId: message.peer.access.accountId, groupId: message.peer.access.groupId };
            this.ledger.settle(actor, new Date().toISOString());
          } else {
            this.ledger.pass();
          }
        }
        if (pendingBytes(this.doc) === 0) for (const state of this.peers.values()) state.pendingBytes = 0;
        await this.storeAndBroadcast();
        for (const request of syncRequests) request.peer.send(this.syncStep2(request.stateVector));
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.draining = null;
    }
  }

  /** The answer to a sync request: what the document holds beyond `stateVector`. */
  private syncStep2(stateVector: Uint8Array): Uint8Array {
    const state = this.loadedState && Y.decodeStateVector(stateVector).size === 0 ? this.loadedState : null;
    return encodeMessage((e) => {
      encoding.writeVarUint(e, MessageType.sync);
      if (state) {
        encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(e, state);
      } else syncProtocol.writeSyncStep2(e, this.doc, stateVector);
    });
  }

  private async storeAndBroadcast(): Promise<void> {
    const changes = this.changes;
    if (changes.length === 0) return;
    this.changes = [];
    const update = changes.length === 1 ? changes[0]!.update : Y.mergeUpdates(changes.map((c) => c.update));
    // What the batch did to suggestions is stored first: if the append then fails, the room reloads and reads them again. Whose client ids it brought is stored with the update.
    const suggestions = this.ledger.takeChanges();
    const writers = this.newWriters;
    this.newWriters = [];
    try {
      if (suggestions.length > 0) await this.hooks.suggestions.save(suggestions);
      await this.hooks.append(update, writers);
    } catch (error) {
      if (error instanceof StorageConflict && error.id === "writes_closed") {
        this.abandon();
        return;
      }
      throw error;
    }
    this.storedRows += 1;
    this.storedBytes += update.byteLength;
    const origins = new Set(changes.map((c) => c.origin));
    const sole = changes[0]!.origin;
    const skip = origins.size === 1 && sole !== SERVER_ORIGIN ? sole : null;
    const message = updateMessage(update);
    for (const peer of this.peers.keys()) {
      if (peer !== skip) peer.send(message);
    }
    this.hooks.publishUpdate(update);
    if (suggestions.length > 0) this.hooks.suggestions.announce(suggestions);
    if (this.storedRows > limits.compactAfterUpdates) this.compactSoon();
  }

  private compactSoon(): void {
    if (this.compacting) return;
    this.compacting = true;
    setImmediate(() => {
      this.compact()
        .catch((error: unknown) => this.log.error({ room: this.id, err: String(error) }, "compaction failed"))
        .finally(() => {
          this.compacting = false;
        });
    });
  }

  /** Fold the update log, holding the document's compaction lease (another instance may be at it). */
  private async compact(): Promise<void> {
    const holder = this.hooks.instanceId;
    if (!(await this.documents.claimCompaction(this.id, holder, COMPACTION_LEASE_MS))) {
      this.log.debug({ room: this.id }, "compaction left to the instance holding the lease");
      this.storedRows = await this.documents.countUpdates(this.id);
      return;
    }
    try {
      const folded = await compactDocument(this.documents, this.id);
      // Batches stored while the log is read are added again (they may be counted twice,
      // never missed): the document's size limit must not be undercounted.
      const [rowsBefore, bytesBefore] = [this.storedRows, this.storedBytes];
      const [rows, bytes] = await Promise.all([this.documents.countUpdates(this.id), this.documents.storedBytes(this.id)]);
      this.storedRows = rows + (this.storedRows - rowsBefore);
      this.storedBytes = bytes + (this.storedBytes - bytesBefore);
      this.log.debug({ room: this.id, folded }, "compacted update log");
    } finally {
      await this.documents.releaseCompaction(this.id, holder);
    }
  }

  /**
   * Storage refused the batch because the document's writes were closed (a freeze on
   * any instance). What the batch applied in memory is not stored, so this copy may no
   * longer serve anyone: its clients reconnect (read-only now, keeping their changes for
   * the next round) and the room is dropped, to be loaded again from storage.
   */
  private abandon(): void {
    this.failed = true;
    this.log.info({ room: this.id }, "writes closed by a freeze; reloading the room");
    this.closeAll(CloseCode.accessChanged, "round frozen");
    this.hooks.onWritesClosed(this);
  }

  private fail(error: unknown): void {
    this.failed = true;
    this.log.error({ room: this.id, err: String(error) }, "storage write failed; closing room");
    this.closeAll(CloseCode.storageUnavailable, "storage unavailable");
    this.hooks.onFailure(this);
  }
}
