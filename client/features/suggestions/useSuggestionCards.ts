import { useEditorState, type Editor } from "@tiptap/react";
import type { Suggestion } from "../../../shared/api.js";
import { suggestionPieces } from "../../../shared/schema/suggestionDecisions.js";
import { suggestionCards, type SuggestionCard } from "./suggestionCards.js";

const sameJson = <T,>(a: T, b: T | null) => b !== null && JSON.stringify(a) === JSON.stringify(b);

/** The cards of the live text and the server's record, redrawn only when one changes. */
export function useSuggestionCards(editor: Editor | null, records: readonly Suggestion[]): SuggestionCard[] {
  return (
    useEditorState({
      editor,
      selector: ({ editor: e }) => (e ? suggestionCards(e.state.doc, records) : []),
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
