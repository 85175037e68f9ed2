import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { CloseCode, COLLAB_PATH } from "../../shared/protocol.js";
import { ApiFailure, getDocument, getSession } from "../api.js";
import { closeMessageFor } from "./closeMessages.js";
import { forgetStatement, localCacheName, pendingKey } from "./localCopies.js";

/**
 * What the connection indicator shows. Close codes, not sentences: the indicator says
 * them in the reader's language (closeMessages.ts).
 */
export type ConnectionState =
  | { kind: "connecting" }
  | { kind: "connected"; synced: boolean }
  /** `code`: why the last connection closed, when the reader has a message for it. */
  | { kind: "reconnecting"; code: number | null }
  | { kind: "offline" }
  /** `code`: the close code that ended it (accessRevoked: the person was removed). */
  | { kind: "refused"; code: number };

export { localCacheName };

/**
 * One open statement: the Yjs document, its offline copy in IndexedDB, and the
 * websocket to the server. Edits made offline stay in IndexedDB (they survive closing
 * the tab) and merge when the connection comes back.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();
  private readonly accessListeners = new Set<() => void>();
  private everConnected = false;
  private checkingSignIn = false;
  private frozen = false;
  /** The round was seen open since this connection began (so what syncs now is taken). */
  private openConfirmed = false;
  private readonly pendingKey: string;
  /** Local changes the server has not taken yet (made offline, or refused while frozen). */
  private pending: number;

  constructor(readonly documentId: string) {
    this.local = new IndexeddbPersistence(localCacheName(documentId), this.doc);
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    this.provider = new WebsocketProvider(`${scheme}://${location.host}${COLLAB_PATH}`, documentId, this.doc, {
      connect: navigator.onLine,
      maxBackoffTime: 5000,
    });
    this.state = navigator.onLine ? { kind: "connecting" } : { kind: "offline" };
    this.pendingKey = pendingKey(documentId);
    this.pending = Number(localStorage.getItem(this.pendingKey) ?? 0) || 0;
    this.doc.on("update", this.onLocalUpdate);
    this.provider.on("status", this.onStatus);
    this.provider.on("sync", this.onSync);
    this.provider.on("connection-close", this.onClose);
    this.provider.on("closed", this.onTerminalClose);
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
  }

  /** Current connection state (stable object between changes, for useSyncExternalStore). */
  getState = (): ConnectionState => this.state;

  /** Subscribe to connection state changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Local changes waiting for the server (for "N changes waiting for the next round"). */
  getPending = (): number => this.pending;

  /**
   * Tell the session whether the round is frozen, each time the statement's state is
   * fetched (changes made while frozen wait for the next round).
   */
  setFrozen(frozen: boolean): void {
    this.frozen = frozen;
    this.openConfirmed = !frozen && this.state.kind === "connected";
    this.settlePending();
  }

  /** Called when this person's rights may have changed: a role change, a freeze, a reconnection. */
  onAccessChanged = (listener: () => void): (() => void) => {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  };

  /** Close the connection and free the document (the offline copy stays in IndexedDB). */
  destroy(): void {
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
    this.doc.off("update", this.onLocalUpdate);
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.accessListeners.clear();
  }

  private set(next: ConnectionState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  private readonly onStatus = ({ status }: { status: "connected" | "disconnected" | "connecting" }): void => {
    if (this.state.kind === "refused" || this.state.kind === "offline") return;
    if (status === "connected") {
      // On every connection, ask again: the round may have been frozen or reopened meanwhile.
      this.openConfirmed = false;
      for (const listener of this.accessListeners) listener();
      this.everConnected = true;
      this.set({ kind: "connected", synced: this.provider.synced });
    } else if (this.everConnected || status === "disconnected") {
      this.set({ kind: "reconnecting", code: this.state.kind === "reconnecting" ? this.state.code : null });
    }
  };

  private readonly onSync = (synced: boolean): void => {
    if (this.state.kind === "connected") this.set({ kind: "connected", synced });
    this.settlePending();
  };

  /** Count changes typed here while the server cannot take them. */
  private readonly onLocalUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider || origin === this.local) return;
    if (this.frozen || this.state.kind !== "connected" || !this.provider.synced) this.setPending(this.pending + 1);
  };

  /** Synced while the round is known to be open: everything kept has been taken. */
  private settlePending(): void {
    if (this.openConfirmed && !this.frozen && this.provider.synced && this.state.kind === "connected") this.setPending(0);
  }

  private setPending(count: number): void {
    if (count === this.pending) return;
    this.pending = count;
    localStorage.setItem(this.pendingKey, String(count));
    for (const listener of this.listeners) listener();
  }

  private readonly onClose = (event: CloseEvent | null): void => {
    if (this.state.kind === "refused" || this.state.kind === "offline") return;
    if (event?.code === CloseCode.accessChanged) for (const listener of this.accessListeners) listener();
    // A refused upgrade (expired session, removed member) reaches browsers as 1006: ask why.
    if (event?.code === 1006) void this.checkSignIn();
    this.set({ kind: "reconnecting", code: event && closeMessageFor(event.code) ? event.code : null });
  };

  /** Asked through routes that answer signed-out and not-a-member plainly (no 401 logged). */
  private async checkSignIn(): Promise<void> {
    if (this.checkingSignIn || !navigator.onLine) return;
    this.checkingSignIn = true;
    try {
      if ((await getSession()).me === null) {
        this.provider.disconnect();
        this.set({ kind: "refused", code: CloseCode.signedOut });
        return;
      }
      await getDocument(this.documentId);
    } catch (error) {
      // Removed while away (or the statement was deleted): the server will never take this copy.
      if (error instanceof ApiFailure && error.status === 404) this.refuse(CloseCode.documentNotFound);
    } finally {
      this.checkingSignIn = false;
    }
  }

  private readonly onTerminalClose = ({ code }: { code: number }): void => this.refuse(code);

  /** The server refused this copy for good; after a removal or a refused change, the copy goes too. */
  private refuse(code: number): void {
    this.provider.disconnect();
    this.set({ kind: "refused", code });
    if (code === CloseCode.contentRefused) void this.discardLocalCopy();
    if (code === CloseCode.accessRevoked || code === CloseCode.documentNotFound) {
      void this.forgetLocalCopy();
      for (const listener of this.accessListeners) listener();
    }
  }

  /**
   * This device may no longer keep the statement (its member was removed): the offline
   * copy and its metadata are deleted, and no later change is kept.
   */
  async forgetLocalCopy(): Promise<void> {
    this.doc.off("update", this.onLocalUpdate);
    await this.local.clearData();
    await forgetStatement(this.documentId);
  }

  /**
   * The server refused a change of this copy for good (it does not fit the statement),
   * and every later change builds on it: the offline copy and its count of waiting
   * changes are cleared, so a reload starts again from the server's copy.
   */
  private async discardLocalCopy(): Promise<void> {
    localStorage.removeItem(this.pendingKey);
    await this.local.clearData();
  }

  private readonly onOffline = (): void => {
    this.provider.disconnect();
    this.set({ kind: "offline" });
  };

  private readonly onOnline = (): void => {
    this.set({ kind: "connecting" });
    this.provider.connect();
  };
}
