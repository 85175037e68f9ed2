import { z } from "zod";
import { limits } from "./limits.js";
import { CONTENT_FIELD } from "./protocol.js";

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


/**
 * Limits of presence (awareness) traffic. A presence state is small and frequent: a
 * person's cursor and the Act and clause it is in; anything larger is not presence.
 */
export const presenceLimits = {
  /** Largest presence state as the client sent it (JSON, bytes). */
  maxStateBytes: 2048,
  /** Presence client ids one socket may speak for (one editor per socket, plus a reconnect's). */
  maxClientsPerSocket: 4,
  /** Presence frames a socket may send per second, on average (a held arrow key moves the caret ~30 times a second). */
  framesPerSecond: 60,
  /** Presence frames a socket may send at once above the average. */
  frameBurst: 300,
} as const;

const clock = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const itemId = z.strictObject({ client: clock, clock });

/**
 * A Yjs relative position as `Y.relativePositionToJSON` writes it, or as a
 * `Y.RelativePosition` serialises itself (y-tiptap's carets: absent parts as null).
 */
const relativePositionSchema = z
  .strictObject({
    type: itemId.nullable().optional(),
    // Only the statement's own root: Yjs creates a root it is asked to resolve in, in everyone's copy.
    tname: z.literal(CONTENT_FIELD).nullable().optional(),
    item: itemId.nullable().optional(),
    assoc: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1).optional(),
  })
  // A position names an item, a type or a root: Yjs throws on one that names none.
  .refine((position) => position.type != null || position.tname != null || position.item != null, "a position names an item, a type or the statement");

/** Where a person's cursor is in the statement's terms: Act number and clause number ("3.2"). */
export const whereaboutsSchema = z.strictObject({
  act: z.number().int().min(1).max(999).nullable(),
  clause: z.string().regex(/^\d{1,3}\.\d{1,4}$/).nullable(),
});

/** Where a person's cursor is, as published in their presence state. */
export type Whereabouts = z.infer<typeof whereaboutsSchema>;

/** The stamped `user` of a presence state (as the server writes it; clients check it before rendering). */
export const presenceUserSchema = z.strictObject({
  accountId: z.string().min(1).max(64),
  name: z.string().min(1).max(limits.maxDisplayNameLength),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
});

/**
 * The fields a client may put in its presence state. `user` is accepted in any shape
 * because the server replaces it with the account's; every other field is checked.
 */
export const claimedPresenceSchema = z.strictObject({
  user: z.unknown().optional(),
  where: whereaboutsSchema.nullable().optional(),
  cursor: z.strictObject({ anchor: relativePositionSchema, head: relativePositionSchema }).nullable().optional(),
});

/** A presence state as others see it: stamped by the server, every field checked. */
export const presenceStateSchema = claimedPresenceSchema.extend({ user: presenceUserSchema });

/** A presence state as others see it. */
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** The `user` field of a presence state, as stamped by the server. */
export type PresenceUser = z.infer<typeof presenceUserSchema>;
