import { Node, mergeAttributes } from "@tiptap/core";
import { canSplit } from "@tiptap/pm/transform";
import { TextSelection } from "@tiptap/pm/state";
import type { Node as PMNode, ResolvedPos } from "@tiptap/pm/model";
import { NodeName } from "./names.js";
import { SuggestionAttribute } from "../suggestions.js";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    clause: {
      /** Split the clause at the cursor: the text after it becomes the next clause. */
      splitClause: () => ReturnType;
      /** Insert an empty clause after the one holding the cursor (or at the end of its Act). */
      insertClauseAfter: () => ReturnType;
      /**
       * Move the clause holding the cursor one place up or down, across into the
       * neighbouring Act at either end. Its id (and so its comments) moves with it.
       */
      moveClause: (direction: "up" | "down") => ReturnType;
    };
  }
}

/**
 * Where the clause holding `$from` goes when moved one place: past its neighbouring
 * clause or note in the same Act, or to the end (start) of the previous (next) Act.
 */
export function clauseMoveTarget(
  doc: PMNode,
  $from: ResolvedPos,
  direction: "up" | "down",
): { from: number; node: PMNode; insertAt: number } | null {
  let depth = -1;
  for (let d = $from.depth; d > 0; d--) {
    if ($from.node(d).type.name === NodeName.clause) depth = d;
  }
  if (depth < 2) return null;
  const node = $from.node(depth);
  const from = $from.before(depth);
  const act = $from.node(depth - 1);
  const index = $from.index(depth - 1);
  if (direction === "up") {
    if (index > 1) return { from, node, insertAt: from - act.child(index - 1).nodeSize };
    const actIndex = $from.index(depth - 2);
    for (let i = actIndex - 1; i >= 0; i--) {
      if (doc.child(i).type.name === NodeName.act) return { from, node, insertAt: $from.before(depth - 1) - 1 };
      break;
    }
    return null;
  }
  const after = from + node.nodeSize;
  if (index < act.childCount - 1) return { from, node, insertAt: after + act.child(index + 1).nodeSize };
  const actEnd = $from.after(depth - 1);
  const next = doc.resolve(actEnd).nodeAfter;
  if (!next || next.type.name !== NodeName.act) return null;
  const titleSize = next.firstChild?.nodeSize ?? 0;
  return { from, node, insertAt: actEnd + 1 + titleSize };
}

/**
 * A numbered clause of an Act. Its number ("3.2") is derived from its position and
 * shown through a decoration; its `id` is stable across edits and rounds.
 */
export const Clause = Node.create({
  name: NodeName.clause,
  content: "(paragraph | bulletList | orderedList | blockquote)+",
  defining: true,
  addAttributes() {
    // A suggested new clause, or a clause suggested for deletion, carries the suggestion's id (shared/suggestions.ts).
    const suggestion = (name: string, html: string) => ({
      [name]: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute(html), renderHTML: (attributes: Record<string, unknown>) => ({ [html]: attributes[name] }) },
    });
    return { ...suggestion(SuggestionAttribute.insertion, "data-suggested-insertion"), ...suggestion(SuggestionAttribute.deletion, "data-suggested-deletion") };
  },
  parseHTML() {
    return [{ tag: 'div[data-type="clause"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes(HTMLAttributes, { "data-type": "clause", class: "clause" }), 0];
  },
  addCommands() {
    return {
      splitClause:
        () =>
        ({ state, tr, dispatch }) => {
          const { $from, $to } = state.selection;
          if ($from.depth < 2 || $from.node(-1).type.name !== NodeName.clause) return false;
          if ($from.parent.type.name !== "paragraph" || !$from.sameParent($to)) return false;
          const types = [{ type: $from.node(-1).type, attrs: { id: null } }, { type: $from.parent.type }];
          if (!dispatch) return true;
          tr.deleteSelection();
          const pos = tr.mapping.map($from.pos);
          if (!canSplit(tr.doc, pos, 2, types)) return false;
          tr.split(pos, 2, types).scrollIntoView();
          return true;
        },
      insertClauseAfter:
        () =>
        ({ state, tr, dispatch }) => {
          const { $from } = state.selection;
          let insertAt: number | null = null;
          for (let d = $from.depth; d > 0; d--) {
            const name = $from.node(d).type.name;
            if (name === NodeName.clause || name === NodeName.regionalNote) {
              insertAt = $from.after(d);
              break;
            }
            if (name === NodeName.act) {
              insertAt = $from.end(d);
              break;
            }
          }
          if (insertAt === null) return false;
          const clause = state.schema.nodes[NodeName.clause]!.createAndFill();
          if (!clause) return false;
          if (dispatch) {
            tr.insert(insertAt, clause);
            tr.setSelection(TextSelection.create(tr.doc, insertAt + 2)).scrollIntoView();
          }
          return true;
        },
      moveClause:
        (direction) =>
        ({ state, tr, dispatch }) => {
          const target = clauseMoveTarget(state.doc, state.selection.$from, direction);
          if (!target) return false;
          if (dispatch) {
            const { from, node, insertAt } = target;
            const offset = state.selection.from - from;
            tr.delete(from, from + node.nodeSize);
            const at = tr.mapping.map(insertAt, direction === "up" ? -1 : 1);
            tr.insert(at, node);
            tr.setSelection(TextSelection.near(tr.doc.resolve(at + offset))).scrollIntoView();
          }
          return true;
        },
    };
  },
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitClause(),
      "Mod-Alt-Enter": () => this.editor.commands.insertClauseAfter(),
      "Alt-Shift-ArrowUp": () => this.editor.commands.moveClause("up"),
      "Alt-Shift-ArrowDown": () => this.editor.commands.moveClause("down"),
    };
  },
});
