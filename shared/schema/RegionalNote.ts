import { Node, mergeAttributes } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { NodeName } from "./names.js";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    regionalNote: {
      /** Insert a regional note after the clause holding the cursor. */
      insertRegionalNote: (region: string) => ReturnType;
      /** Change the region of the note holding the cursor. */
      setRegion: (region: string) => ReturnType;
    };
  }
}

/**
 * A short box under a clause stating a regional nuance ("no regression" from a higher
 * regional standard). The region is an attribute so exports and compare can use it.
 */
export const RegionalNote = Node.create({
  name: NodeName.regionalNote,
  content: "paragraph+",
  defining: true,
  addAttributes() {
    return {
      region: {
        default: "",
        parseHTML: (element) => element.getAttribute("data-region") ?? "",
        renderHTML: (attributes) => ({ "data-region": String(attributes.region ?? "") }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'aside[data-type="regional-note"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["aside", mergeAttributes(HTMLAttributes, { "data-type": "regional-note", class: "regional-note" }), 0];
  },
  addCommands() {
    return {
      insertRegionalNote:
        (region) =>
        ({ state, tr, dispatch }) => {
          const { $from } = state.selection;
          for (let d = $from.depth; d > 0; d--) {
            const name = $from.node(d).type.name;
            if (name !== NodeName.clause && name !== NodeName.regionalNote) continue;
            const note = state.schema.nodes[NodeName.regionalNote]!.createAndFill({ region });
            if (!note) return false;
            if (dispatch) {
              const at = $from.after(d);
              tr.insert(at, note);
              tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView();
            }
            return true;
          }
          return false;
        },
      setRegion:
        (region) =>
        ({ state, tr, dispatch }) => {
          const { $from } = state.selection;
          for (let d = $from.depth; d > 0; d--) {
            const node = $from.node(d);
            if (node.type.name !== NodeName.regionalNote) continue;
            if (dispatch) tr.setNodeMarkup($from.before(d), undefined, { ...node.attrs, region });
            return true;
          }
          return false;
        },
    };
  },
});
