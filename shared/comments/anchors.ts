/**
 * Comment anchors: a range of the statement as two Yjs relative positions, so it follows
 * its words through everyone's edits. The editor and the server resolve them the same
 * way, through the y-prosemirror mapping of the same document.
 */
import * as Y from "yjs";
import { fromBase64, toBase64 } from "lib0/buffer";
import type { Node as PMNode } from "@tiptap/pm/model";
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from "@tiptap/y-tiptap";
import type { Anchor } from "../api.js";

/** The y-prosemirror mapping from Yjs types to ProseMirror nodes. */
export type YMapping = Map<Y.AbstractType<unknown>, PMNode | PMNode[]>;

/** A resolved anchor: ProseMirror positions in the current document. */
export interface AnchorRange {
  from: number;
  to: number;
}

/**
 * Encode the range `from..to` as an anchor. The start sticks to the first anchored
 * character and the end to the last, so text typed just before or just after the range
 * stays outside it, and text typed inside it belongs to it.
 */
export function encodeAnchor(doc: Y.Doc, fragment: Y.XmlFragment, mapping: YMapping, from: number, to: number): Anchor {
  const startLeft = absolutePositionToRelativePosition(from, fragment, mapping);
  const absolute = Y.createAbsolutePositionFromRelativePosition(startLeft, doc);
  const start = absolute ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0) : startLeft;
  const end = absolutePositionToRelativePosition(to, fragment, mapping);
  return { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) };
}

/** Decode an anchor's positions; throws when they are not relative positions. */
export function decodeAnchor(anchor: Anchor): { start: Y.RelativePosition; end: Y.RelativePosition } {
  return { start: Y.decodeRelativePosition(fromBase64(anchor.start)), end: Y.decodeRelativePosition(fromBase64(anchor.end)) };
}

/** Where an anchor whose words left with their whole block (clause, Act) is: nowhere, an empty range at the start. */
const REMOVED: AnchorRange = { from: 0, to: 0 };

/**
 * True when the position's text sat in an element that was deleted (its clause or Act
 * removed, not just its characters). Such items are either kept (the remover's undo
 * history keeps them, inside deleted parents) or collected (elsewhere: only their ids
 * remain). A removal undone since is followed to the restored items.
 */
function insideRemovedBlock(doc: Y.Doc, position: Y.RelativePosition): boolean {
  const id = position.item ?? position.type;
  // Not arrived yet (or the root): nothing is known to be removed.
  if (!id || Y.getState(doc.store, id.client) <= id.clock) return false;
  let struct: unknown = Y.getItem(doc.store, id);
  for (let hops = 0; struct instanceof Y.Item && struct.redone && hops < 1000; hops++) struct = Y.getItem(doc.store, struct.redone);
  if (!(struct instanceof Y.Item)) return true;
  let item: Y.Item | null = position.item ? (struct.parent as Y.AbstractType<unknown>)._item : struct;
  for (; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return true;
  }
  return false;
}

/** Where an anchor is now, or null when its positions are not in this document. */
export function resolveAnchor(doc: Y.Doc, fragment: Y.XmlFragment, mapping: YMapping, anchor: Anchor): AnchorRange | null {
  let decoded: { start: Y.RelativePosition; end: Y.RelativePosition };
  try {
    decoded = decodeAnchor(anchor);
  } catch {
    return null;
  }
  // Words removed together with their clause or Act: y-prosemirror would resolve them to
  // wherever the removed block stood (inside its neighbour), so they are detached here.
  if (insideRemovedBlock(doc, decoded.start) || insideRemovedBlock(doc, decoded.end)) return REMOVED;
  try {
    const from = relativePositionToAbsolutePosition(doc, fragment, decoded.start, mapping);
    const to = relativePositionToAbsolutePosition(doc, fragment, decoded.end, mapping);
    if (from === null || to === null) return null;
    return { from, to };
  } catch {
    // Positions naming items this document does not have (another document's anchor).
    return null;
  }
}
