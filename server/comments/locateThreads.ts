import * as Y from "yjs";
import type { Schema } from "@tiptap/pm/model";
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import type { Anchor } from "../../shared/api.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { resolveAnchor, type YMapping } from "../../shared/comments/anchors.js";
import { locate } from "../../shared/schema/structure.js";

/** Where a thread's words are now. */
export interface ThreadLocation {
  detached: boolean;
  currentQuote: string;
  act: { id: string | null; number: number; title: string } | null;
  clause: { id: string | null; number: string } | null;
}

const nowhere: ThreadLocation = { detached: true, currentQuote: "", act: null, clause: null };

/**
 * Resolve anchors against the document as it is now: the words they cover, whether
 * those were deleted (detached), and the Act and clause they are in.
 */
export function locateThreads(doc: Y.Doc, schema: Schema, anchors: { id: string; anchor: Anchor }[]): Map<string, ThreadLocation> {
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const { doc: pmDoc, mapping } = initProseMirrorDoc(fragment, schema);
  const result = new Map<string, ThreadLocation>();
  for (const { id, anchor } of anchors) {
    const range = resolveAnchor(doc, fragment, mapping as YMapping, anchor);
    if (!range) {
      result.set(id, nowhere);
      continue;
    }
    const where = locate(pmDoc, range.from);
    const detached = range.to <= range.from;
    result.set(id, {
      detached,
      currentQuote: detached ? "" : pmDoc.textBetween(range.from, Math.min(range.to, pmDoc.content.size), " "),
      act: where ? { id: where.act.id, number: where.act.number, title: where.act.title } : null,
      clause: where?.clause ? { id: where.clause.id, number: where.clause.number } : null,
    });
  }
  return result;
}

/** True when the anchor's positions resolve in this document (its words may be deleted since). */
export function anchorResolves(doc: Y.Doc, schema: Schema, anchor: Anchor): boolean {
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const { mapping } = initProseMirrorDoc(fragment, schema);
  return resolveAnchor(doc, fragment, mapping as YMapping, anchor) !== null;
}
