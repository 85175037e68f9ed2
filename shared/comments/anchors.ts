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

/**
 * A relative position as a ProseMirror position. y-tiptap's own conversion refuses every
 * position inside text at the document's first two places (a guard for its carets after a
 * drag and drop), which would make the statement's title uncommentable; so a position in
 * text is resolved as "where its text node starts" (a position in the parent element,
 * which that guard leaves alone) plus the index in the text.
 */
function positionOf(doc: Y.Doc, fragment: Y.XmlFragment, relative: Y.RelativePosition, mapping: YMapping): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  const textItem = absolute && absolute.type instanceof Y.XmlText ? absolute.type._item : null;
  if (!absolute || !textItem) return relativePositionToAbsolutePosition(doc, fragment, relative, mapping);
  const parent = textItem.parent as Y.AbstractType<unknown>;
  const parentItem = parent._item;
  const beforeText = new Y.RelativePosition(parentItem ? parentItem.id : null, parentItem ? null : Y.findRootTypeKey(parent), textItem.id);
  const start = relativePositionToAbsolutePosition(doc, fragment, beforeText, mapping);
  return start === null ? null : start + absolute.index;
}

/** Where an anchor is now, or null when its positions are not in this document. */
export function resolveAnchor(doc: Y.Doc, fragment: Y.XmlFragment, mapping: YMapping, anchor: Anchor): AnchorRange | null {
  let decoded: { start: Y.RelativePosition; end: Y.RelativePosition };
  try {
    decoded = decodeAnchor(anchor);
  } catch {
    return null;
  }
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
