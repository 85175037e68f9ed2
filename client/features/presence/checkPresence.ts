import * as Y from "yjs";
import { presenceStateSchema, type PresenceState, type PresenceUser, type Whereabouts } from "../../../shared/presence.js";
import { CONTENT_FIELD } from "../../../shared/protocol.js";

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
 * A caret as real editors publish it: y-tiptap puts Y.RelativePosition objects in the
 * state, which serialise the parts they lack as null, where the shared schema expects
 * them left out (as Y.relativePositionToJSON writes them). Nulls inside the two
 * positions are dropped before the check; everything else is checked as it came.
 */
function caretAsWritten(cursor: unknown): unknown {
  if (!isRecord(cursor)) return cursor;
  const dropNulls = (position: unknown) => (isRecord(position) ? Object.fromEntries(Object.entries(position).filter(([, value]) => value !== null)) : position);
  return Object.fromEntries(Object.entries(cursor).map(([key, value]) => [key, key === "anchor" || key === "head" ? dropNulls(value) : value]));
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
  const cursor = fields.cursor.safeParse(caretAsWritten(own(state, "cursor")));
  const result = user.success
    ? { user: user.data, where: where.success ? (where.data ?? null) : null, cursor: cursor.success ? (cursor.data ?? null) : null }
    : null;
  checked.set(state, result);
  return result;
}

/**
 * Whether Yjs resolves a caret position to a place in this document, without side effects. The
 * schema admits positions Yjs throws on (no type, item or root name at all), and a root
 * name other than the editor's would make Yjs create that root type in everyone's copy.
 */
function resolvable(position: Caret["anchor"], doc: Y.Doc): boolean {
  if (position.tname !== undefined && position.tname !== CONTENT_FIELD) return false;
  if (position.tname === undefined && position.type === undefined && position.item === undefined) return false;
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
