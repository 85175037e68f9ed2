import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import type { PresenceUser } from "../../shared/presence.js";

/**
 * Rewrite a y-protocols awareness update from one socket so that it speaks only for that
 * socket: every state's `user` becomes the authenticated account's (whatever the client
 * claimed), and entries for client ids that belong to another socket are dropped.
 * Throws on a malformed update.
 */
export function stampPresence(update: Uint8Array, user: PresenceUser, ownedByOthers: (clientId: number) => boolean): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    if (ownedByOthers(clientId)) continue;
    const state: unknown = JSON.parse(raw);
    const stamped = state !== null && typeof state === "object" && !Array.isArray(state) ? { ...state, user } : null;
    entries.push({ clientId, clock, state: JSON.stringify(stamped) });
  }
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
