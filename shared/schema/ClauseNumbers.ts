import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import { outlineOf } from "./structure.js";

/** Key of the numbering plugin (its state is the decoration set). */
export const clauseNumbersKey = new PluginKey<DecorationSet>("clauseNumbers");

function numberDecorations(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  for (const act of outlineOf(doc)) {
    const actNode = doc.nodeAt(act.pos);
    if (!actNode) continue;
    decorations.push(Decoration.node(act.pos, act.pos + actNode.nodeSize, { "data-number": String(act.number) }));
    for (const clause of act.clauses) {
      const clauseNode = doc.nodeAt(clause.pos);
      if (!clauseNode) continue;
      decorations.push(Decoration.node(clause.pos, clause.pos + clauseNode.nodeSize, { "data-number": clause.number }));
    }
  }
  return DecorationSet.create(doc, decorations);
}

/**
 * Shows Act and clause numbers derived from position (`data-number` on each node,
 * rendered by CSS). Numbers are never typed or stored, so they update live for
 * everyone when clauses are added, removed or moved.
 */
export const ClauseNumbers = Extension.create({
  name: "clauseNumbers",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: clauseNumbersKey,
        state: {
          init: (_, state) => numberDecorations(state.doc),
          apply: (tr, previous) => (tr.docChanged ? numberDecorations(tr.doc) : previous),
        },
        props: {
          decorations: (state) => clauseNumbersKey.getState(state),
        },
      }),
    ];
  },
});
