import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { isChangeOrigin } from "@tiptap/extension-collaboration";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { limits } from "../../shared/limits.js";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import type { Anchor } from "../../shared/api.js";
import { encodeAnchor, resolveAnchor, type AnchorRange, type YMapping } from "../../shared/comments/anchors.js";

/** A thread as the highlights need it. */
export interface HighlightThread {
  id: string;
  anchor: Anchor;
  open: boolean;
}

interface HighlightState {
  threads: HighlightThread[];
  active: string | null;
  ranges: Map<string, AnchorRange>;
  decorations: DecorationSet;
}

/** What a transaction may tell the highlights: new threads, the active one, or "resolve again". */
interface HighlightMeta {
  threads?: HighlightThread[];
  active?: string | null;
  /** Ranges just resolved from the anchors (after a local edit reached the Y document). */
  resolved?: Map<string, AnchorRange>;
}

/** Key of the highlight plugin; its state holds where each thread's words are now. */
export const commentHighlightsKey = new PluginKey<HighlightState>("commentHighlights");

interface YSyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: YMapping } | null;
}

function ySync(state: EditorState): YSyncState | null {
  const sync = ySyncPluginKey.getState(state) as YSyncState | undefined;
  return sync && sync.binding ? sync : null;
}

/**
 * Where each thread's words are, resolved from the relative positions. Remote edits
 * replace the ProseMirror document (ySync has updated its mapping before dispatching
 * them), so mapping old decorations through them would drift.
 */
function resolveRanges(state: EditorState, threads: HighlightThread[]): Map<string, AnchorRange> {
  const sync = ySync(state);
  const ranges = new Map<string, AnchorRange>();
  if (sync) {
    for (const thread of threads) {
      const range = resolveAnchor(sync.doc, sync.type, sync.binding!.mapping, thread.anchor);
      if (range) ranges.set(thread.id, range);
    }
  }
  return ranges;
}

function compute(state: EditorState, threads: HighlightThread[], active: string | null, ranges = resolveRanges(state, threads)): Omit<HighlightState, "threads" | "active"> {
  return { ranges, decorations: decorate(state, threads, ranges, active) };
}

function decorate(state: EditorState, threads: HighlightThread[], ranges: Map<string, AnchorRange>, active: string | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of threads) {
    const range = ranges.get(thread.id);
    if (!range || range.to <= range.from || (!thread.open && thread.id !== active)) continue;
    const classes = ["comment-mark", thread.id === active ? "comment-mark--active" : "", thread.open ? "" : "comment-mark--resolved"].filter(Boolean);
    decorations.push(Decoration.inline(range.from, Math.min(range.to, state.doc.content.size), { class: classes.join(" "), "data-thread": thread.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

function sameRanges(a: Map<string, AnchorRange>, b: Map<string, AnchorRange>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, range] of a) {
    const other = b.get(id);
    if (!other || other.from !== range.from || other.to !== range.to) return false;
  }
  return true;
}

/**
 * The previous ranges carried through a local edit, with the anchors' own stickiness: the
 * start stays before its first word and the end after its last, so text deleted whole
 * leaves an empty range (detached), as resolving the anchors will once Yjs has the edit.
 */
function mapped(previous: HighlightState, tr: Transaction, state: EditorState, threads: HighlightThread[], active: string | null): Omit<HighlightState, "threads" | "active"> {
  const ranges = new Map<string, AnchorRange>();
  for (const [id, range] of previous.ranges) {
    const from = tr.mapping.map(range.from, 1);
    ranges.set(id, { from, to: Math.max(from, tr.mapping.map(range.to, -1)) });
  }
  return { ranges, decorations: decorate(state, threads, ranges, active) };
}

/**
 * The anchor of what is selected (null when nothing is, or before the first sync). A
 * read-only editor may not track the selection itself, so the browser's is used then.
 */
export function anchorOfSelection(view: EditorView): { anchor: Anchor; quote: string } | null {
  const { state } = view;
  let { from, to } = state.selection;
  if (from === to) {
    const dom = window.getSelection();
    if (!dom || dom.isCollapsed || !dom.anchorNode || !dom.focusNode || !view.dom.contains(dom.anchorNode) || !view.dom.contains(dom.focusNode)) return null;
    const a = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
    const b = view.posAtDOM(dom.focusNode, dom.focusOffset);
    [from, to] = a < b ? [a, b] : [b, a];
  }
  const sync = ySync(state);
  if (from === to || !sync) return null;
  return { anchor: encodeAnchor(sync.doc, sync.type, sync.binding!.mapping, from, to), quote: state.doc.textBetween(from, to, " ").slice(0, limits.maxQuoteLength) };
}

/** Where each thread's words are now (from the plugin state). */
export function threadRanges(state: EditorState): Map<string, AnchorRange> {
  return commentHighlightsKey.getState(state)?.ranges ?? new Map();
}

/** Highlights comment threads' words in the editor, live, and marks the active one. */
export const CommentHighlights = Extension.create({
  name: "commentHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: (_, state) => ({ threads: [], active: null, ...compute(state, [], null) }),
          apply: (tr, previous, _old, state) => {
            const meta = tr.getMeta(commentHighlightsKey) as HighlightMeta | undefined;
            if (!meta && !tr.docChanged) return previous;
            const threads = meta?.threads ?? previous.threads;
            const active = meta && "active" in meta ? (meta.active ?? null) : previous.active;
            // A local edit reaches Yjs only after this transaction (in ySync's view update),
            // so resolving anchors now would read the old positions against the new text.
            // Until the Y document has it (see `view` below), the ranges follow the edit.
            if (tr.docChanged && !isChangeOrigin(tr)) return { threads, active, ...mapped(previous, tr, state, threads, active) };
            return { threads, active, ...compute(state, threads, active, meta?.resolved) };
          },
        },
        view: (view) => {
          const doc = (ySyncPluginKey.getState(view.state) as YSyncState | undefined)?.doc;
          if (!doc) return {};
          let queued = false;
          // After ySync has written a local edit to Yjs, resolve every anchor again from
          // the relative positions, exactly as every other client and the server do. (ySync
          // opens a Y transaction on every view update, most change nothing: those are skipped,
          // or the dispatch below would call itself for ever.)
          const onTransaction = (transaction: Y.Transaction) => {
            if (transaction.origin !== ySyncPluginKey || transaction.changed.size === 0 || queued) return;
            queued = true;
            queueMicrotask(() => {
              queued = false;
              if (view.isDestroyed) return;
              // Most edits are nowhere near a comment: then the followed ranges are already right.
              const current = commentHighlightsKey.getState(view.state);
              if (!current) return;
              const resolved = resolveRanges(view.state, current.threads);
              if (sameRanges(current.ranges, resolved)) return;
              view.dispatch(view.state.tr.setMeta(commentHighlightsKey, { resolved } satisfies HighlightMeta).setMeta("addToHistory", false));
            });
          };
          doc.on("afterTransaction", onTransaction);
          return { destroy: () => doc.off("afterTransaction", onTransaction) };
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
