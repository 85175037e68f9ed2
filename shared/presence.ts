/**
 * Presence colours. The server stamps every person's presence with the colour of their
 * account, so the same person has the same colour for everyone.
 */

/** Caret and presence colours, readable on white. */
export const presenceColors = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2", "#dc2626", "#4d7c0f"];

/** The colour of an account (stable: derived from its id). */
export function colorFor(accountId: string): string {
  let hash = 0;
  for (const char of accountId) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return presenceColors[hash % presenceColors.length]!;
}

/** The `user` field of a presence state, as stamped by the server. */
export interface PresenceUser {
  accountId: string;
  name: string;
  color: string;
}
