import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
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
 * Where each thread's words are, recomputed from the relative positions on every change.
 * Remote edits replace the ProseMirror document, so mapping old decorations would drift.
 */
function compute(state: EditorState, threads: HighlightThread[], active: string | null): Omit<HighlightState, "threads" | "active"> {
  const sync = ySync(state);
  const ranges = new Map<string, AnchorRange>();
  const decorations: Decoration[] = [];
  if (sync) {
    for (const thread of threads) {
      const range = resolveAnchor(sync.doc, sync.type, sync.binding!.mapping, thread.anchor);
      if (!range) continue;
      ranges.set(thread.id, range);
      if (range.to <= range.from || (!thread.open && thread.id !== active)) continue;
      const classes = ["comment-mark", thread.id === active ? "comment-mark--active" : "", thread.open ? "" : "comment-mark--resolved"].filter(Boolean);
      decorations.push(Decoration.inline(range.from, Math.min(range.to, state.doc.content.size), { class: classes.join(" "), "data-thread": thread.id }));
    }
  }
  return { ranges, decorations: DecorationSet.create(state.doc, decorations) };
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
            const meta = tr.getMeta(commentHighlightsKey) as { threads?: HighlightThread[]; active?: string | null } | undefined;
            if (!meta && !tr.docChanged) return previous;
            const threads = meta?.threads ?? previous.threads;
            const active = meta && "active" in meta ? (meta.active ?? null) : previous.active;
            return { threads, active, ...compute(state, threads, active) };
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
