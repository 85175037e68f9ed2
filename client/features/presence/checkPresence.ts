import * as Y from "yjs";
import { presenceStateSchema, type PresenceState, type PresenceUser, type Whereabouts } from "../../../shared/presence.js";

/** A caret as published in a presence state: where the selection starts and where it ends. */
export type Caret = NonNullable<PresenceState["cursor"]>;

/**
 * Another person's presence, each field checked against the shared schema. A person whose
 * `user` is not valid is not shown at all; an invalid `where` or `cursor` only loses that
 * field (the person is still listed, without a place or a caret).
 */
export interface CheckedPresence {
  user: PresenceUser;
  where: Whereabouts | null;
  cursor: Caret | null;
}

const fields = presenceStateSchema.shape;

/**
 * Checked states by the state object they came from. Awareness replaces a state object
 * on every change (it is parsed from JSON), so a state is checked once, however many
 * parts of the page (presence list, outline, carets) read it.
 */
const checked = new WeakMap<object, CheckedPresence | null>();

function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

function isRecord(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Read a presence state received from the room (any JSON value, or anything a relay let
 * through) into what the client renders; null when it names no valid person. Never throws.
 */
export function checkPresence(state: unknown): CheckedPresence | null {
  if (!isRecord(state)) return null;
  const known = checked.get(state);
  if (known !== undefined) return known;
  const user = fields.user.safeParse(own(state, "user"));
  const where = fields.where.safeParse(own(state, "where"));
  const cursor = fields.cursor.safeParse(own(state, "cursor"));
  const result = user.success
    ? { user: user.data, where: where.success ? (where.data ?? null) : null, cursor: cursor.success ? (cursor.data ?? null) : null }
    : null;
  checked.set(state, result);
  return result;
}

/**
 * Whether Yjs resolves a caret position to a place in this document, without side
 * effects (the schema already requires a position to name something, and only the
 * statement's own root).
 */
function resolvable(position: Caret["anchor"], doc: Y.Doc): boolean {
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(position), doc) !== null;
  } catch {
    return false;
  }
}

/** The caret another person's state asks to draw, or null when it is not one this document can draw. */
export function drawableCaret(state: unknown, doc: Y.Doc): { user: PresenceUser; cursor: Caret } | null {
  const presence = checkPresence(state);
  if (!presence?.cursor) return null;
  if (!resolvable(presence.cursor.anchor, doc) || !resolvable(presence.cursor.head, doc)) return null;
  return { user: presence.user, cursor: presence.cursor };
}
