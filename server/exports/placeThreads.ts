/**
 * Where each thread's words are in the text being exported, so exports can list threads
 * in the order of the text and Word comments can sit on exactly those words.
 */
import * as Y from "yjs";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Selection } from "@tiptap/pm/state";
import { Transform } from "@tiptap/pm/transform";
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import type { Anchor } from "../../shared/api.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { resolveAnchor, type AnchorRange, type YMapping } from "../../shared/comments/anchors.js";
import { readStatement, type StatementModel } from "../../shared/statement/readStatement.js";

/** The text as ProseMirror content and each thread's words in it (threads whose words are gone have none). */
export interface PlacedThreads {
  content: PMNode;
  ranges: Map<string, AnchorRange>;
}

/**
 * Resolve the anchors against `doc` (the live document, or a version's stored state):
 * positions in the content read from the same document, so the two always agree.
 */
export function placeThreads(doc: Y.Doc, schema: PMNode["type"]["schema"], threads: { id: string; anchor: Anchor }[]): PlacedThreads {
  const fragment = doc.getXmlFragment(CONTENT_FIELD);
  const { doc: content, mapping } = initProseMirrorDoc(fragment, schema);
  const ranges = new Map<string, AnchorRange>();
  for (const { id, anchor } of threads) {
    const range = resolveAnchor(doc, fragment, mapping as YMapping, anchor);
    if (range && range.to > range.from && range.to <= content.content.size) ranges.set(id, range);
  }
  return { content, ranges };
}

/** A version's stored Yjs state as a document, to place the threads it kept. */
export function docOfState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** Threads in the order of their words in the text (then of their ends); threads whose words are gone last, in their given order. */
export function orderThreads<T extends { id: string }>(threads: T[], ranges: Map<string, AnchorRange>): T[] {
  const key = (thread: T) => ranges.get(thread.id) ?? { from: Infinity, to: Infinity };
  return [...threads].sort((a, b) => key(a).from - key(b).from || key(a).to - key(b).to);
}

/** One edge of a thread's words in the marked statement. */
export interface CommentEdge {
  threadId: string;
  edge: "start" | "end";
}

/**
 * The statement read with one private-use character inserted at each edge of each placed
 * thread's words, so whatever prints the model (every block kind, now and later) carries
 * the edges to the right place in its text; `edges` tells what each character stands for.
 */
export interface AnchoredStatement {
  model: StatementModel;
  edges: Map<string, CommentEdge>;
}

/** Supplementary Private Use Area-B, short of its two noncharacters (which `cleanText` removes). */
const FIRST_MARK = 0x100000;
const LAST_MARK = 0x10fffd;

/** The nearest position inside a textblock, looking forward from a thread's start or back from its end. */
function textPosition(doc: PMNode, pos: number, dir: 1 | -1): number | null {
  const $pos = doc.resolve(pos);
  if ($pos.parent.inlineContent) return pos;
  const found = Selection.findFrom($pos, dir, true);
  return found ? found.head : null;
}

/** Mark the placed threads' words in the content and read the statement from it. */
export function anchorThreads(placed: PlacedThreads): AnchoredStatement {
  const used = new Set<number>();
  placed.content.descendants((node) => {
    if (node.isText) for (const c of node.text!) if (c.codePointAt(0)! >= FIRST_MARK) used.add(c.codePointAt(0)!);
    return true;
  });
  let next = FIRST_MARK;
  const mark = (): string | null => {
    while (used.has(next)) next += 1;
    return next > LAST_MARK ? null : String.fromCodePoint(next++);
  };
  const inserts: { pos: number; char: string; order: number }[] = [];
  const edges = new Map<string, CommentEdge>();
  for (const [threadId, range] of placed.ranges) {
    const from = textPosition(placed.content, range.from, 1);
    const to = textPosition(placed.content, range.to, -1);
    if (from === null || to === null || to <= from) continue;
    const start = mark();
    const end = mark();
    if (!start || !end) break;
    edges.set(start, { threadId, edge: "start" });
    edges.set(end, { threadId, edge: "end" });
    // At one position, ends come before starts: ranges that only touch do not overlap.
    inserts.push({ pos: from, char: start, order: 1 }, { pos: to, char: end, order: 0 });
  }
  // From the end backwards, so each insert leaves the positions before it as they were;
  // at one position the later-inserted lands first, hence starts are inserted before ends.
  inserts.sort((a, b) => b.pos - a.pos || b.order - a.order);
  const transform = new Transform(placed.content);
  const schema = placed.content.type.schema;
  for (const insert of inserts) transform.insert(insert.pos, schema.text(insert.char));
  return { model: readStatement(transform.doc), edges };
}

/** Text with the edge characters taken out (for what prints a text without comment ranges). */
export function withoutEdges(text: string, edges: Map<string, CommentEdge>): string {
  if (edges.size === 0) return text;
  return Array.from(text)
    .filter((c) => !edges.has(c))
    .join("");
}
