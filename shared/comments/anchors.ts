/**
 * Comment anchors: a range of the statement as two Yjs relative positions, so it follows
 * its words through everyone's edits. The editor and the server resolve them the same
 * way, through the y-prosemirror mapping of the same document.
 */
import * as Y from "yjs";
import { fromBase64, toBase64 } from "lib0/buffer";
import type { Node as PMNode } from "@tiptap/pm/model";
import { absolutePositionToRelativePosition } from "@tiptap/y-tiptap";
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

/** The ProseMirror size of a Yjs child: text by its length, an element by its mapped node. */
function sizeOf(type: Y.AbstractType<unknown>, mapping: YMapping): number | null {
  if (type instanceof Y.XmlText) return type._length;
  const mapped = mapping.get(type);
  return mapped ? (mapped as PMNode).nodeSize : null;
}

/** The Yjs type held by an item of an element or the fragment. */
function childType(item: Y.Item): Y.AbstractType<unknown> | null {
  return item.content instanceof Y.ContentType ? (item.content.type as Y.AbstractType<unknown>) : null;
}

/**
 * A relative position as a ProseMirror position (y-tiptap's relativePositionToAbsolutePosition,
 * with two differences that make every client and the server agree):
 * - words deleted and brought back by an undo are new Yjs items; only the undoing client
 *   knows they replace the old ones (Yjs keeps that link locally), so the link is not
 *   followed: the thread stays "Text deleted" on every screen, as after a reload;
 * - a position inside text at the document's first two places is not refused (y-tiptap
 *   guards its carets there after a drag and drop), or the title could not be commented on.
 */
function positionOf(doc: Y.Doc, fragment: Y.XmlFragment, relative: Y.RelativePosition, mapping: YMapping): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc, false);
  if (!absolute) return null;
  let type = absolute.type as Y.AbstractType<unknown>;
  if (type !== fragment && !Y.isParentOf(fragment, type._item)) return null;
  let pos = 0;
  if (type instanceof Y.XmlText) {
    pos = absolute.index;
  } else if (type._item === null || !type._item.deleted) {
    let counted = 0;
    for (let n = type._start; n !== null && counted < absolute.index; n = n.right) {
      if (n.deleted) continue;
      const child = childType(n);
      const size = child && sizeOf(child, mapping);
      if (size === null || size === undefined) return null;
      pos += size;
      counted += 1;
    }
    pos += 1;
  }
  while (type !== fragment && type._item !== null) {
    const parent = type._item.parent as Y.AbstractType<unknown>;
    if (parent._item === null || !parent._item.deleted) {
      pos += 1; // the parent's opening
      for (let n = parent._start; n !== null; n = n.right) {
        const child = childType(n);
        if (child === type) break;
        if (n.deleted) continue;
        const size = child && sizeOf(child, mapping);
        if (size === null || size === undefined) return null;
        pos += size;
      }
    }
    type = parent;
  }
  return pos - 1; // the fragment has no opening
}

/** Where an anchor whose words left with their whole block (clause, Act) is: nowhere, an empty range at the start. */
const REMOVED: AnchorRange = { from: 0, to: 0 };

/**
 * True when the position's text sat in an element that was deleted (its clause or Act
 * removed, not just its characters). Such items are either kept (the remover's undo
 * history keeps them, inside deleted parents) or collected (elsewhere: only their ids
 * remain). A removal undone since is not followed to the restored items: only the undoing
 * client knows that link, and every screen must place a thread alike (see positionOf).
 */
function insideRemovedBlock(doc: Y.Doc, position: Y.RelativePosition): boolean {
  const id = position.item ?? position.type;
  // Not arrived yet (or the root): nothing is known to be removed.
  if (!id || Y.getState(doc.store, id.client) <= id.clock) return false;
  const struct: unknown = Y.getItem(doc.store, id);
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
    const from = positionOf(doc, fragment, decoded.start, mapping);
    const to = positionOf(doc, fragment, decoded.end, mapping);
    if (from === null || to === null) return null;
    return { from, to };
  } catch {
    // Positions naming items this document does not have (another document's anchor).
    return null;
  }
}
