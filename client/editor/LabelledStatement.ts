import { Extension, isNodeEmpty } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import type { Node as PMNode, ResolvedPos } from "@tiptap/pm/model";
import { NodeName } from "../../shared/schema/names.js";
import type { LiveLabels, PlaceholderPlace } from "./statementLabels.js";

/** Meta of the transaction that redraws the labels (nothing else changes). */
const REDRAW = "redrawLabels";

const actLabelsKey = new PluginKey<DecorationSet>("actLabels");
const placeholdersKey = new PluginKey<DecorationSet>("statementPlaceholders");

/** Where the empty textblock at `$inside` (a position inside it) sits. */
function placeOf($inside: ResolvedPos, node: PMNode): PlaceholderPlace {
  if (node.type.name === NodeName.actTitle) return "actTitle";
  if (node.type.name === NodeName.signatory) return "signatory";
  if (node.type.name !== "paragraph") return "other";
  const depth = $inside.depth - 1;
  if (depth === 0) return "preamble";
  const parent = $inside.node(depth).type.name;
  if (parent === NodeName.clause) return "clause";
  if (parent === NodeName.regionalNote) return "regionalNote";
  if (parent === "listItem") {
    // Statements from before the signatories section listed organisations in a top-level list.
    for (let d = depth - 1; d > 0; d--) if ($inside.node(d).type.name === NodeName.clause || $inside.node(d).type.name === NodeName.regionalNote) return "listItem";
    return "organisation";
  }
  return "other";
}

/** "Act 3" above each Act (`data-label`, drawn by CSS), in the reader's language. */
function actLabels(doc: PMNode, live: LiveLabels): DecorationSet {
  const decorations: Decoration[] = [];
  let number = 0;
  doc.forEach((node, pos) => {
    if (node.type.name !== NodeName.act) return;
    number += 1;
    decorations.push(Decoration.node(pos, pos + node.nodeSize, { "data-label": live.current.act(number) }));
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Every empty line says what goes there (`data-placeholder` and the `is-empty` class, as
 * TipTap's Placeholder marks them): a clause, a regional note, an Act's title, the
 * preamble, a signatory. Drawn whole on each change of the text (a statement is a few
 * hundred lines) and when the language changes.
 */
function placeholders(doc: PMNode, live: LiveLabels): DecorationSet {
  const decorations: Decoration[] = [];
  const emptyDoc = isNodeEmpty(doc);
  doc.descendants((node, pos) => {
    if (!node.type.isTextblock) return true;
    if (isNodeEmpty(node)) {
      const text = live.current.placeholders[placeOf(doc.resolve(pos + 1), node)];
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: emptyDoc ? "is-empty is-editor-empty" : "is-empty", "data-placeholder": text }));
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

/** A plugin whose decorations are drawn from the document and the labels, again on each change of either. */
function labelPlugin(key: PluginKey<DecorationSet>, draw: (doc: PMNode) => DecorationSet, shown: () => boolean): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_, state) => draw(state.doc),
      apply: (tr, previous) => (tr.docChanged || tr.getMeta(REDRAW) ? draw(tr.doc) : previous),
    },
    props: {
      decorations: (state) => (shown() ? key.getState(state) : DecorationSet.empty),
    },
  });
}

/**
 * The words the editor draws around the statement's text, from `live` (the editor page
 * keeps it in the reader's language): the text's accessible name, "Act 3" above each
 * Act, the placeholders of empty lines. The editable text also carries `lang`, the
 * statement's own language, so the browser checks its spelling in that language
 * whatever the interface's.
 */
export function labelledStatement(live: LiveLabels): Extension {
  return Extension.create({
    name: "labelledStatement",
    addProseMirrorPlugins() {
      const editor = this.editor;
      return [
        labelPlugin(actLabelsKey, (doc) => actLabels(doc, live), () => true),
        // Placeholders only where the text may be written (as TipTap's Placeholder does).
        labelPlugin(placeholdersKey, (doc) => placeholders(doc, live), () => editor.isEditable),
        new Plugin({
          // New labels or language: one transaction redraws the decorations and the attributes.
          view: (view) => ({
            destroy: live.subscribe(() => {
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(REDRAW, true).setMeta("addToHistory", false));
            }),
          }),
          props: {
            attributes: (): Record<string, string> => ({ lang: live.language, "aria-label": live.current.statementText }),
          },
        }),
      ];
    },
  });
}
