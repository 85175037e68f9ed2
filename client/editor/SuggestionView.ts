import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import type { Mark, Node as PMNode } from "@tiptap/pm/model";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { NodeName } from "../../shared/schema/names.js";
import { SuggestionAttribute, SuggestionMark, suggestionAuthor } from "../../shared/suggestions.js";
import { colorFor } from "../../shared/presence.js";
import type { LiveLabels } from "./statementLabels.js";

/** The name of an account when this page knows it (people present), else null. */
export type NameOf = (accountId: string) => string | null;

type Kind = "insertion" | "deletion" | "clauseInsertion" | "clauseDeletion";

/** What the suggestion `id` of `kind` says about itself on hover: what it is and, when known, whose. */
function describe(labels: LiveLabels, nameOf: NameOf, kind: Kind, id: unknown): { title: string; color: string | null } {
  const author = typeof id === "string" ? suggestionAuthor(id) : null;
  return { title: labels.current.suggestion(kind, author ? nameOf(author) : null), color: author ? colorFor(author) : null };
}

/** The clause decorations: a suggested clause has a bar in its author's colour, a struck clause is struck; both say whose. */
function clauseDecorations(doc: PMNode, labels: LiveLabels, nameOf: NameOf): DecorationSet {
  const decorations: Decoration[] = [];
  doc.forEach((top, topPos) => {
    if (top.type.name !== NodeName.act) return;
    top.forEach((child, offset) => {
      if (child.type.name !== NodeName.clause) return;
      const inserted: unknown = child.attrs[SuggestionAttribute.insertion];
      const deleted: unknown = child.attrs[SuggestionAttribute.deletion];
      if (!inserted && !deleted) return;
      const kind = deleted ? "clauseDeletion" : "clauseInsertion";
      const { title, color } = describe(labels, nameOf, kind, deleted ?? inserted);
      const from = topPos + 1 + offset;
      decorations.push(
        Decoration.node(from, from + child.nodeSize, {
          class: deleted ? "clause--suggested-deletion" : "clause--suggested-insertion",
          title,
          style: color ? `--suggestion-color: ${color}` : "",
        }),
      );
    });
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * How suggestions look in the text: suggested words underlined and struck words struck
 * through, in their author's colour, suggested and struck clauses marked at their
 * inline-start edge; each says on hover what it is and whose (never by colour alone).
 */
export function suggestionView(labels: LiveLabels, nameOf: NameOf) {
  const key = new PluginKey<DecorationSet>("suggestionView");
  const markView = (kind: "insertion" | "deletion") => (mark: Mark) => {
    const dom = document.createElement(kind === "insertion" ? "ins" : "del");
    dom.className = kind === "insertion" ? "suggested-insertion" : "suggested-deletion";
    const id: unknown = mark.attrs["id"];
    if (typeof id === "string") dom.dataset["suggestion"] = id;
    const { title, color } = describe(labels, nameOf, kind, id);
    dom.title = title;
    if (color) dom.style.setProperty("--suggestion-color", color);
    return { dom };
  };
  return Extension.create({
    name: "suggestionView",
    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key,
          state: {
            init: (_, state) => clauseDecorations(state.doc, labels, nameOf),
            apply: (tr, previous) => (tr.docChanged || tr.getMeta(key) ? clauseDecorations(tr.doc, labels, nameOf) : previous),
          },
          view: (view) => ({
            // New labels (another language): the clause marks are drawn again.
            destroy: labels.subscribe(() => {
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, true));
            }),
          }),
          props: {
            decorations: (state) => key.getState(state),
            markViews: { [SuggestionMark.insertion]: markView("insertion"), [SuggestionMark.deletion]: markView("deletion") },
          },
        }),
      ];
    },
  });
}
