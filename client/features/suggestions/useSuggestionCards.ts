import { useRef } from "react";
import type { Node as PMNode } from "@tiptap/pm/model";
import { useEditorState, type Editor } from "@tiptap/react";
import type { Suggestion } from "../../../shared/api.js";
import { suggestionPieces } from "../../../shared/schema/suggestionDecisions.js";
import { suggestionCards, type SuggestionCard } from "./suggestionCards.js";

const sameJson = <T,>(a: T, b: T | null) => b !== null && JSON.stringify(a) === JSON.stringify(b);

/**
 * The cards of the live text and the server's record, redrawn only when one changes;
 * read again only when the text or the record changed (not on every cursor move).
 */
export function useSuggestionCards(editor: Editor | null, records: readonly Suggestion[]): SuggestionCard[] {
  const last = useRef<{ doc: PMNode; records: readonly Suggestion[]; cards: SuggestionCard[] } | null>(null);
  const cardsOf = (doc: PMNode) => {
    if (last.current?.doc !== doc || last.current.records !== records) last.current = { doc, records, cards: suggestionCards(doc, records) };
    return last.current.cards;
  };
  return (
    useEditorState({
      editor,
      selector: ({ editor: e }) => (e ? cardsOf(e.state.doc) : []),
      equalityFn: sameJson,
    }) ?? []
  );
}

/** The suggestion under the cursor (its card is marked), or null. */
export function useSuggestionAtCursor(editor: Editor | null): string | null {
  return (
    useEditorState({
      editor,
      selector: ({ editor: e }) => {
        if (!e) return null;
        const { from, to } = e.state.selection;
        const piece = suggestionPieces(e.state.doc, Math.max(0, from - 1), Math.min(e.state.doc.content.size, to + 1)).find((p) => p.from <= from && to <= p.to);
        return piece?.id ?? null;
      },
    }) ?? null
  );
}
