import { Node, mergeAttributes } from "@tiptap/core";
import { canSplit } from "@tiptap/pm/transform";
import { TextSelection } from "@tiptap/pm/state";
import { NodeName } from "./names.js";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    clause: {
      /** Split the clause at the cursor: the text after it becomes the next clause. */
      splitClause: () => ReturnType;
      /** Insert an empty clause after the one holding the cursor (or at the end of its Act). */
      insertClauseAfter: () => ReturnType;
    };
  }
}

/**
 * A numbered clause of an Act. Its number ("3.2") is derived from its position and
 * shown through a decoration; its `id` is stable across edits and rounds.
 */
export const Clause = Node.create({
  name: NodeName.clause,
  content: "(paragraph | bulletList | orderedList | blockquote)+",
  defining: true,
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
    };
  },
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitClause(),
      "Mod-Alt-Enter": () => this.editor.commands.insertClauseAfter(),
    };
  },
});
