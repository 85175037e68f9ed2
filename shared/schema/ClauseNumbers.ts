import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode } from "@tiptap/pm/model";
import { outlineOf, type ActRef } from "./structure.js";

/** The outline of the document and the number decorations drawn from it, computed once per change. */
interface NumberingState {
  outline: ActRef[];
  decorations: DecorationSet;
}

/** Key of the numbering plugin. */
export const clauseNumbersKey = new PluginKey<NumberingState>("clauseNumbers");

/** The statement's outline (Acts and numbered clauses) as the numbering plugin last computed it. */
export function statementOutline(state: EditorState): ActRef[] {
  return clauseNumbersKey.getState(state)?.outline ?? outlineOf(state.doc);
}

function numbering(doc: PMNode): NumberingState {
  const outline = outlineOf(doc);
  const decorations: Decoration[] = [];
  for (const act of outline) {
    const actNode = doc.nodeAt(act.pos);
    if (!actNode) continue;
    decorations.push(Decoration.node(act.pos, act.pos + actNode.nodeSize, { "data-number": String(act.number) }));
    for (const clause of act.clauses) {
      const clauseNode = doc.nodeAt(clause.pos);
      if (!clauseNode) continue;
      decorations.push(Decoration.node(clause.pos, clause.pos + clauseNode.nodeSize, { "data-number": clause.number }));
    }
  }
  return { outline, decorations: DecorationSet.create(doc, decorations) };
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
      new Plugin<NumberingState>({
        key: clauseNumbersKey,
        state: {
          init: (_, state) => numbering(state.doc),
          apply: (tr, previous) => (tr.docChanged ? numbering(tr.doc) : previous),
        },
        props: {
          decorations: (state) => clauseNumbersKey.getState(state)?.decorations,
        },
      }),
    ];
  },
});
