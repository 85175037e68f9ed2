import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ySyncPluginKey, yUndoPluginKey } from "@tiptap/y-tiptap";
import { dropStep, judgeUndo } from "./checkedUndo.js";
import { SUGGESTION_DECISION_META } from "../../shared/suggestions.js";
import { cleanPastedSlice, suggest, suggestNewClause, toggleClauseDeletion, type Refusal } from "./suggestingTransform.js";

/** Why the last change was not made, for the notice under the toolbar (null: nothing to say). */
export type SuggestingNotice = Refusal | "undoDecided" | null;

export interface SuggestingStorage {
  /** True while this person's changes become suggestions. */
  suggesting: boolean;
  notice: SuggestingNotice;
  /** Told whenever the mode or the notice changes. */
  listeners: Set<() => void>;
}

export interface SuggestingOptions {
  /** The account whose name new suggestions carry. */
  accountId: string;
  /** True while the person may only suggest (the server checks their every change): undo and redo are checked first. */
  onlySuggests: () => boolean;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggesting: {
      /** Turn suggesting mode on or off. */
      setSuggesting: (on: boolean) => ReturnType;
      /** Suggest deleting the clause at the cursor, or withdraw that suggestion. */
      toggleClauseDeletion: () => ReturnType;
      /** Suggest a new clause after the one at the cursor, the cursor in it. */
      suggestClauseAfter: () => ReturnType;
      /** Undo, or, for those who may only suggest, drop a step that would now change the agreed text (it was decided since). */
      checkedUndo: () => ReturnType;
      /** Redo, checked likewise. */
      checkedRedo: () => ReturnType;
    };
  }
  interface Storage {
    suggesting: SuggestingStorage;
  }
}

/** Meta of a transaction already made as a suggestion here (a new clause, a clause struck): sent as it is. */
const SUGGESTED = "suggestingMade";

/** Transactions suggesting mode leaves as they are: no content change, others' changes, undo and redo, decisions. */
function passesThrough(tr: Transaction): boolean {
  return !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined || tr.getMeta(yUndoPluginKey) !== undefined || tr.getMeta(SUGGESTION_DECISION_META) !== undefined || tr.getMeta(SUGGESTED) === true;
}

/**
 * Suggesting mode: while on, what the person types, pastes and deletes becomes
 * suggestions in their name (see suggestingTransform.ts); a change that cannot be one
 * is not made, and the notice says why. Pasted content never brings suggestions with
 * it, in either mode.
 */
export const Suggesting = Extension.create<SuggestingOptions, SuggestingStorage>({
  name: "suggesting",
  priority: 1000,
  addOptions: () => ({ accountId: "", onlySuggests: () => false }),
  addStorage: () => ({ suggesting: false, notice: null, listeners: new Set() }),

  dispatchTransaction({ transaction, next }) {
    const storage = this.storage;
    const tell = (notice: SuggestingNotice) => {
      if (storage.notice === notice) return;
      storage.notice = notice;
      for (const listener of storage.listeners) listener();
    };
    if (!storage.suggesting || passesThrough(transaction)) {
      if (transaction.docChanged && transaction.getMeta(ySyncPluginKey) === undefined) tell(null);
      next(transaction);
      return;
    }
    const result = suggest(this.editor.state, transaction, this.options.accountId);
    if ("refused" in result) {
      tell(result.refused);
      return;
    }
    tell(null);
    next(result.tr);
  },

  addCommands() {
    const checked =
      (kind: "undo" | "redo") =>
      ({ commands, state }: { commands: { undo: () => boolean; redo: () => boolean }; state: EditorState }) => {
        const manager = yUndoPluginKey.getState(state)?.undoManager;
        if (manager && this.options.onlySuggests() && judgeUndo(manager, this.options.accountId, kind) === "refused") {
          dropStep(manager, kind);
          this.storage.notice = "undoDecided";
          for (const listener of this.storage.listeners) listener();
          return true;
        }
        return kind === "undo" ? commands.undo() : commands.redo();
      };
    return {
      checkedUndo: () => checked("undo"),
      checkedRedo: () => checked("redo"),
      setSuggesting:
        (on) =>
        ({ tr, dispatch }) => {
          const storage = this.storage;
          storage.suggesting = on;
          storage.notice = null;
          for (const listener of storage.listeners) listener();
          // A transaction without changes, so that what reads the mode from the editor is drawn again.
          if (dispatch) tr.setMeta("suggestingMode", on).setMeta("addToHistory", false);
          return true;
        },
      suggestClauseAfter:
        () =>
        ({ state, tr, dispatch }) => {
          const made = suggestNewClause(state, this.options.accountId, true);
          if (!made) return false;
          if (dispatch) {
            for (const step of made.steps) tr.step(step);
            tr.setSelection(made.selection.map(tr.doc, tr.mapping.slice(tr.steps.length))).setMeta(SUGGESTED, true).scrollIntoView();
          }
          return true;
        },
      toggleClauseDeletion:
        () =>
        ({ state, tr, dispatch }) => {
          const made = toggleClauseDeletion(state, this.options.accountId);
          if (!made) return false;
          if (dispatch) {
            for (const step of made.steps) tr.step(step);
            tr.setMeta(SUGGESTED, true);
          }
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    const enter = (anywhere: boolean) => () => {
      if (!this.storage.suggesting || !this.editor.isEditable) return false;
      const tr = suggestNewClause(this.editor.state, this.options.accountId, anywhere);
      if (!tr) {
        this.storage.notice = "structure";
        for (const listener of this.storage.listeners) listener();
        return true;
      }
      this.editor.view.dispatch(tr.setMeta(SUGGESTED, true));
      return true;
    };
    return {
      "Mod-z": () => this.editor.commands.checkedUndo(),
      "Shift-Mod-z": () => this.editor.commands.checkedRedo(),
      "Mod-y": () => this.editor.commands.checkedRedo(),
      Enter: enter(false),
      "Mod-Alt-Enter": enter(true),
      "Mod-Alt-Backspace": () => this.editor.isEditable && this.editor.commands.toggleClauseDeletion(),
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("suggestingPaste"),
        props: {
          transformPasted: (slice, view) => cleanPastedSlice(slice, view.state.schema),
        },
      }),
    ];
  },
});
