import type { Editor } from "@tiptap/react";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import { decideSuggestions, type Decision } from "../../../shared/schema/suggestionDecisions.js";
import { SUGGESTION_DECISION_META } from "../../../shared/suggestions.js";

/**
 * Accept or reject the suggestions `ids` in the live text: one editor change, stored and
 * broadcast like any edit, and one undo step of its own (not merged with typing or another
 * decision made just before or after). Returns whether anything changed.
 */
export function decide(editor: Editor, decision: Decision, ids: ReadonlySet<string>): boolean {
  if (editor.isDestroyed || ids.size === 0) return false;
  const tr = editor.state.tr;
  if (decideSuggestions(tr, decision, (id) => ids.has(id)) === 0) return false;
  const undo = yUndoPluginKey.getState(editor.state)?.undoManager;
  undo?.stopCapturing();
  editor.view.dispatch(tr.setMeta(SUGGESTION_DECISION_META, true));
  undo?.stopCapturing();
  return true;
}
