import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { claimedPresenceSchema, presenceLimits, type PresenceUser } from "../../shared/presence.js";

/** A presence update that breaks the presence schema or its limits; the socket is closed with `CloseCode.presenceRefused`. */
export class PresenceRefused extends Error {}

/** What `stampPresence` needs to know about the sending socket and the room. */
export interface PresenceSender {
  /** The authenticated account's presence, written over whatever the client claimed. */
  user: PresenceUser;
  /** The client ids this socket already speaks for. */
  owned: ReadonlySet<number>;
  /** True when the room holds presence for `clientId` that is not this socket's (another socket's, or another instance's). */
  belongsToOthers(clientId: number): boolean;
  /** The last clock the room saw for `clientId`, if any. */
  knownClock(clientId: number): number | undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Parse and check one claimed state: null (the client left) or an object the presence schema accepts. */
function checkedState(bytes: Uint8Array): Record<string, unknown> | null {
  if (bytes.byteLength > presenceLimits.maxStateBytes) throw new PresenceRefused(`presence state of ${bytes.byteLength} bytes (limit ${presenceLimits.maxStateBytes})`);
  let state: unknown;
  try {
    state = JSON.parse(utf8.decode(bytes));
  } catch {
    throw new PresenceRefused("presence state is not JSON");
  }
  if (state === null) return null;
  const result = claimedPresenceSchema.safeParse(state);
  if (!result.success) throw new PresenceRefused(`presence state refused: ${result.error.issues[0]?.message ?? "invalid"} at ${result.error.issues[0]?.path.join(".") ?? ""}`);
  return result.data;
}

/**
 * Check and rewrite a y-protocols awareness update from one socket so that it speaks
 * only for that socket and only in the presence schema.
 *
 * Stock y-websocket clients send back every presence change they receive, so entries
 * for others' clients, and stale or removed ones, are echoes: dropped unread. Every
 * other entry is this socket's own: it is checked (known fields, types, lengths, size;
 * `PresenceRefused` otherwise), its `user` becomes the authenticated account's
 * (whatever the client claimed), and a socket may not speak for more than
 * `presenceLimits.maxClientsPerSocket` client ids. Returns null when nothing in the
 * update is the socket's own. Throws on a malformed update.
 */
export function stampPresence(update: Uint8Array, sender: PresenceSender): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  const speaksFor = new Set(sender.owned);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarUint8Array(decoder);
    if (!sender.owned.has(clientId)) {
      if (sender.belongsToOthers(clientId)) continue;
      const known = sender.knownClock(clientId);
      if (known !== undefined && clock <= known) continue;
    }
    const state = checkedState(raw);
    if (state === null && !sender.owned.has(clientId)) continue;
    speaksFor.add(clientId);
    if (speaksFor.size > presenceLimits.maxClientsPerSocket) throw new PresenceRefused(`presence for more than ${presenceLimits.maxClientsPerSocket} clients from one socket`);
    entries.push({ clientId, clock, state: JSON.stringify(state === null ? null : { ...state, user: sender.user }) });
  }
  if (entries.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
