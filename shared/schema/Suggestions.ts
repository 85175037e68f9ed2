import { Mark, mergeAttributes } from "@tiptap/core";
import { SuggestionMark } from "../suggestions.js";

/** The suggestion id attribute, kept in HTML as `data-suggestion`. */
const idAttribute = {
  id: {
    default: null,
    parseHTML: (element: HTMLElement) => element.getAttribute("data-suggestion"),
    renderHTML: (attributes: Record<string, unknown>) => ({ "data-suggestion": attributes["id"] }),
  },
};

/**
 * Text someone suggests adding (see shared/suggestions.ts). Not inclusive: typing at
 * its edge is not part of it unless the suggesting editor says so.
 */
export const Insertion = Mark.create({
  name: SuggestionMark.insertion,
  inclusive: false,
  excludes: `${SuggestionMark.insertion} ${SuggestionMark.deletion}`,
  addAttributes: () => idAttribute,
  parseHTML: () => [{ tag: "ins[data-suggestion]" }],
  renderHTML: ({ HTMLAttributes }) => ["ins", mergeAttributes(HTMLAttributes, { class: "suggested-insertion" }), 0],
});

/** Text someone suggests removing: it stays, struck through, until the suggestion is accepted. */
export const Deletion = Mark.create({
  name: SuggestionMark.deletion,
  inclusive: false,
  excludes: `${SuggestionMark.insertion} ${SuggestionMark.deletion}`,
  addAttributes: () => idAttribute,
  parseHTML: () => [{ tag: "del[data-suggestion]" }],
  renderHTML: ({ HTMLAttributes }) => ["del", mergeAttributes(HTMLAttributes, { class: "suggested-deletion" }), 0],
});
