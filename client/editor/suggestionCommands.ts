/**
 * Accepting and rejecting suggestions from the editor (chairs and coordinators): the
 * suggestion at the cursor, chosen ids, or everything in a range (a clause, an Act).
 * Each decision is one transaction marked with SUGGESTION_DECISION_META, so it goes out
 * as a plain edit even while its maker is suggesting, and is stored, broadcast and
 * undone like any edit. For the toolbar, the keyboard and the suggestions panel.
 */
import { Extension, type Editor } from "@tiptap/core";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import { SUGGESTION_DECISION_META } from "../../shared/suggestions.js";
import { decideSuggestions, suggestionPieces, type Decision } from "../../shared/schema/suggestionDecisions.js";

/** The id of the suggestion at the cursor (or the first one in the selection), or null. */
export function suggestionIdAt(state: EditorState): string | null {
  const { from, to, empty } = state.selection;
  const pieces = empty ? suggestionPieces(state.doc, Math.max(0, from - 1), Math.min(state.doc.content.size, from + 1)) : suggestionPieces(state.doc, from, to);
  // Words at the cursor win over the clause around it.
  const words = pieces.find((piece) => piece.kind === "insertion" || piece.kind === "deletion");
  return (words ?? pieces[pieces.length - 1])?.id ?? null;
}

/**
 * A transaction deciding the suggestions `select` picks among those found between
 * `from` and `to` (the whole statement by default), each whole (a replacement reaching
 * out of the range is decided entirely), or null when there are none.
 */
export function decisionTransaction(state: EditorState, decision: Decision, select: (id: string) => boolean, from?: number, to?: number): Transaction | null {
  const tr = state.tr;
  const found = new Set(suggestionPieces(state.doc, from, to).map((piece) => piece.id));
  if (decideSuggestions(tr, decision, (id) => found.has(id) && select(id)) === 0 || !tr.docChanged) return null;
  return tr.setMeta(SUGGESTION_DECISION_META, decision);
}

/** Dispatch a decision as one undo step of its own (never merged with typing or another decision made just before or after). */
function run(editor: Editor, tr: Transaction | null): boolean {
  if (!tr || !editor.isEditable || editor.isDestroyed) return false;
  const undo = yUndoPluginKey.getState(editor.state)?.undoManager;
  undo?.stopCapturing();
  editor.view.dispatch(tr);
  undo?.stopCapturing();
  return true;
}

/** Accept or reject the suggestion at the cursor (all its pieces, wherever they are). */
export function decideAtCursor(editor: Editor, decision: Decision): boolean {
  const id = suggestionIdAt(editor.state);
  return id !== null && run(editor, decisionTransaction(editor.state, decision, (candidate) => candidate === id));
}

/** Accept or reject the suggestions with these ids (e.g. one card, or every suggestion of one author). */
export function decideIds(editor: Editor, decision: Decision, ids: readonly string[]): boolean {
  const chosen = new Set(ids);
  return run(editor, decisionTransaction(editor.state, decision, (id) => chosen.has(id)));
}

/** Accept or reject every suggestion between `from` and `to` (a clause, an Act). */
export function decideRange(editor: Editor, decision: Decision, from: number, to: number): boolean {
  return run(editor, decisionTransaction(editor.state, decision, () => true, from, to));
}

/** Keyboard shortcuts for chairs and coordinators: accept (Mod+Alt+Y) or reject (Mod+Alt+N) the suggestion at the cursor. */
export function suggestionDecisionKeys(mayDecide: () => boolean) {
  return Extension.create({
    name: "suggestionDecisionKeys",
    addKeyboardShortcuts() {
      return {
        "Mod-Alt-y": () => mayDecide() && decideAtCursor(this.editor, "accept"),
        "Mod-Alt-n": () => mayDecide() && decideAtCursor(this.editor, "reject"),
      };
    },
  });
}
