import type { Role } from "../../shared/roles.js";

/** One open event stream (a browser tab with the statement open). */
export interface EventStream {
  accountId: string;
  workspaceId: string;
  credentialId: string;
  /** The client's address (behind a trusted proxy, the forwarded one), for the per-address cap. */
  address: string;
  send(event: string, data: unknown): void;
  close(): void;
}

/**
 * Pushes comment changes to everyone who has the statement open, over server-sent
 * events. Streams follow access like sockets do: a removed member's close at once.
 */
export class EventHub {
  private readonly streams = new Map<string, Set<EventStream>>();
  /** Open streams per account and per address, counted until the connection is gone. */
  private readonly perAccount = new Map<string, number>();
  private readonly perAddress = new Map<string, number>();

  /** `relay` sends an event to every instance (this one included, through `deliver`). */
  constructor(private readonly relay: (documentId: string, event: string, data: unknown) => void) {}

  /** Listen to a document's comment changes; returns the unsubscribe function. */
  subscribe(documentId: string, stream: EventStream): () => void {
    const set = this.streams.get(documentId) ?? new Set();
    set.add(stream);
    this.streams.set(documentId, set);
    bump(this.perAccount, stream.accountId, 1);
    bump(this.perAddress, stream.address, 1);
    let subscribed = true;
    return () => {
      // Called once the connection is gone, also after `closeWhere` already dropped the stream.
      if (!subscribed) return;
      subscribed = false;
      set.delete(stream);
      if (set.size === 0 && this.streams.get(documentId) === set) this.streams.delete(documentId);
      bump(this.perAccount, stream.accountId, -1);
      bump(this.perAddress, stream.address, -1);
    };
  }

  /** Streams the account has open on this instance. */
  openFor(accountId: string): number {
    return this.perAccount.get(accountId) ?? 0;
  }

  /** Streams open from this address on this instance. */
  openFrom(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  /** Send an event to every stream of the document, on every instance. */
  publish(documentId: string, event: string, data: unknown): void {
    this.relay(documentId, event, data);
  }

  /** Send an event to this instance's streams of the document. */
  deliver(documentId: string, event: string, data: unknown): void {
    for (const stream of this.streams.get(documentId) ?? []) stream.send(event, data);
  }

  /** The documents with a stream open on this instance. */
  documentIds(): string[] {
    return [...this.streams.keys()];
  }

  /** Open streams (for health and tests). */
  get size(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  /** A removed member's streams in that workspace close; a role change needs nothing (everyone may read comments). */
  applyAccess(workspaceId: string, accountId: string, role: Role | null): void {
    if (role !== null) return;
    this.closeWhere((stream) => stream.workspaceId === workspaceId && stream.accountId === accountId);
  }

  /** Streams opened with a signed-out session or revoked token close. */
  closeCredential(credentialId: string): void {
    this.closeWhere((stream) => stream.credentialId === credentialId);
  }

  /** Close every stream (shutdown). */
  closeAll(): void {
    this.closeWhere(() => true);
  }

  private closeWhere(match: (stream: EventStream) => boolean): void {
    for (const set of this.streams.values()) {
      for (const stream of Array.from(set)) {
        if (match(stream)) {
          set.delete(stream);
          stream.close();
        }
      }
    }
  }
}

function bump(counts: Map<string, number>, key: string, by: 1 | -1): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}
