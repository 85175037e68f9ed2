import { useCallback, useMemo } from "react";
import type { Editor } from "@tiptap/react";
import { TextSelection } from "@tiptap/pm/state";
import type { Thread } from "../../../shared/api.js";
import { anchorOfSelection, threadRanges } from "../../editor/CommentHighlights.js";
import type { PendingComment } from "../comments/CommentSidebar.js";
import type { SuggestionCard } from "./suggestionCards.js";

/** Select a suggestion's words (or its clause's text) in the statement, scrolled into view. */
function selectSuggestion(editor: Editor | null, card: SuggestionCard): editor is Editor {
  if (!editor || editor.isDestroyed || !card.range) return false;
  const { doc } = editor.state;
  const clause = card.kind === "clauseInsertion" || card.kind === "clauseDeletion";
  const [from, to] = clause ? [card.range.from + 1, card.range.to - 1] : [card.range.from, card.range.to];
  editor.view.dispatch(editor.state.tr.setSelection(TextSelection.between(doc.resolve(from), doc.resolve(to))).scrollIntoView());
  return true;
}

/**
 * What a suggestion card does with the statement: show its words, start a comment thread
 * on them (`onComment` opens the composer), and find the threads already on them. Names of
 * people known here stand in for the author of a suggestion the server does not know yet.
 */
export function useSuggestionActions(editor: Editor | null, threads: Thread[], me: { accountId: string; name: string }, onComment: (pending: PendingComment) => void) {
  const show = useCallback(
    (card: SuggestionCard) => {
      if (!selectSuggestion(editor, card)) return;
      editor.view.focus();
      editor.view.domAtPos(editor.state.selection.from).node.parentElement?.scrollIntoView({ behavior: "smooth", block: "center" });
    },
    [editor],
  );
  const reply = useCallback(
    (card: SuggestionCard) => {
      if (!selectSuggestion(editor, card)) return;
      const selected = anchorOfSelection(editor.view);
      if (selected) onComment(selected);
    },
    [editor, onComment],
  );
  // A suggestion's comments: the open threads on its words.
  const threadsOf = (card: SuggestionCard): Thread[] => {
    if (!editor || editor.isDestroyed || !card.range) return [];
    const ranges = threadRanges(editor.state);
    const { from, to } = card.range;
    return threads.filter((thread) => {
      const range = ranges.get(thread.id);
      return thread.status === "open" && range !== undefined && range.from < range.to && from <= range.from && range.to <= to;
    });
  };
  const names = useMemo(
    () => new Map([...threads.flatMap((t) => t.comments.flatMap((c) => (c.author ? [[c.author.id, c.author.name] as const] : []))), [me.accountId, me.name] as const]),
    [threads, me.accountId, me.name],
  );
  return { show, reply, threadsOf, names };
}
