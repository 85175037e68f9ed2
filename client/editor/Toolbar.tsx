import { useEffect, useState, useSyncExternalStore } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { useEditorState, type Editor } from "@tiptap/react";
import { REGION_LIST_ID } from "./RegionalNoteView.js";
import { suggestionIdAt, decideAtCursor } from "./suggestionCommands.js";
import { clauseAtCursor } from "./suggestingTransform.js";
import { SuggestionAttribute } from "../../shared/suggestions.js";
import type { SuggestingNotice } from "./Suggesting.js";

type Shortcut = { mod: string };
const messages = defineMessages<{
  formatting: NoMessageValues;
  readOnly: NoMessageValues;
  comment: NoMessageValues;
  commentHint: Shortcut;
  undo: NoMessageValues;
  undoHint: Shortcut;
  redo: NoMessageValues;
  redoHint: Shortcut;
  bold: NoMessageValues;
  boldName: NoMessageValues;
  boldHint: Shortcut;
  italic: NoMessageValues;
  italicName: NoMessageValues;
  italicHint: Shortcut;
  list: NoMessageValues;
  listHint: Shortcut;
  clause: NoMessageValues;
  clauseHint: Shortcut;
  up: NoMessageValues;
  upHint: NoMessageValues;
  down: NoMessageValues;
  downHint: NoMessageValues;
  region: NoMessageValues;
  regionName: NoMessageValues;
  note: NoMessageValues;
  noteHint: NoMessageValues;
  mode: NoMessageValues;
  modeHint: Shortcut;
  editing: NoMessageValues;
  suggesting: NoMessageValues;
  strikeClause: NoMessageValues;
  strikeClauseHint: Shortcut;
  suggestClauseHint: Shortcut;
  accept: NoMessageValues;
  acceptHint: Shortcut;
  reject: NoMessageValues;
  rejectHint: Shortcut;
  refusedFormatting: NoMessageValues;
  refusedStructure: NoMessageValues;
  refusedOthers: NoMessageValues;
  refusedNotSuggestion: NoMessageValues;
  refusedUndoDecided: NoMessageValues;
}>({
  formatting: { id: "toolbar.formatting", defaultMessage: "Formatting" },
  readOnly: { id: "toolbar.readOnly", defaultMessage: "Read only" },
  comment: { id: "toolbar.comment", defaultMessage: "Comment" },
  commentHint: { id: "toolbar.commentTitle", defaultMessage: "Comment on the selected words ({mod}+Alt+M)" },
  undo: { id: "toolbar.undo", defaultMessage: "Undo" },
  undoHint: { id: "toolbar.undoTitle", defaultMessage: "Undo ({mod}+Z)" },
  redo: { id: "toolbar.redo", defaultMessage: "Redo" },
  redoHint: { id: "toolbar.redoTitle", defaultMessage: "Redo ({mod}+Shift+Z)" },
  bold: {
    id: "toolbar.bold",
    defaultMessage: "B",
    description: "The bold button's one letter (its name for screen readers is toolbar.boldName); the shortcut stays Ctrl+B",
  },
  boldName: { id: "toolbar.boldName", defaultMessage: "Bold" },
  boldHint: { id: "toolbar.boldTitle", defaultMessage: "Bold ({mod}+B)" },
  italic: {
    id: "toolbar.italic",
    defaultMessage: "I",
    description: "The italic button's one letter (its name for screen readers is toolbar.italicName); the shortcut stays Ctrl+I",
  },
  italicName: { id: "toolbar.italicName", defaultMessage: "Italic" },
  italicHint: { id: "toolbar.italicTitle", defaultMessage: "Italic ({mod}+I)" },
  list: { id: "toolbar.bulletList", defaultMessage: "• List" },
  listHint: { id: "toolbar.bulletListTitle", defaultMessage: "Bulleted list ({mod}+Shift+8)" },
  clause: { id: "toolbar.newClause", defaultMessage: "+ Clause" },
  clauseHint: { id: "toolbar.newClauseTitle", defaultMessage: "New clause after this one (Enter at the end of a clause, or {mod}+Alt+Enter)" },
  up: { id: "toolbar.moveClauseUp", defaultMessage: "Move clause up" },
  upHint: { id: "toolbar.moveClauseUpTitle", defaultMessage: "Move this clause up (Alt+Shift+↑)" },
  down: { id: "toolbar.moveClauseDown", defaultMessage: "Move clause down" },
  downHint: { id: "toolbar.moveClauseDownTitle", defaultMessage: "Move this clause down (Alt+Shift+↓)" },
  region: { id: "toolbar.region", defaultMessage: "Region" },
  regionName: { id: "toolbar.regionOfNewNote", defaultMessage: "Region of the new note" },
  note: { id: "toolbar.regionalNote", defaultMessage: "+ Regional note" },
  noteHint: { id: "toolbar.regionalNoteTitle", defaultMessage: "Add a regional note under this clause" },
  mode: { id: "toolbar.mode", defaultMessage: "Editing or suggesting" },
  modeHint: { id: "toolbar.modeTitle", defaultMessage: "Switch between editing and suggesting ({mod}+Alt+Shift+S)" },
  editing: { id: "toolbar.editing", defaultMessage: "Editing" },
  suggesting: { id: "toolbar.suggesting", defaultMessage: "Suggesting" },
  strikeClause: { id: "toolbar.strikeClause", defaultMessage: "Strike clause" },
  strikeClauseHint: { id: "toolbar.strikeClauseTitle", defaultMessage: "Suggest deleting this clause, or take that suggestion back ({mod}+Alt+Backspace)" },
  suggestClauseHint: { id: "toolbar.suggestClauseTitle", defaultMessage: "Suggest a new clause after this one (Enter at the end of a clause, or {mod}+Alt+Enter)" },
  accept: { id: "toolbar.acceptSuggestion", defaultMessage: "Accept" },
  acceptHint: { id: "toolbar.acceptSuggestionTitle", defaultMessage: "Accept the suggestion at the cursor ({mod}+Alt+Y)" },
  reject: { id: "toolbar.rejectSuggestion", defaultMessage: "Reject" },
  rejectHint: { id: "toolbar.rejectSuggestionTitle", defaultMessage: "Reject the suggestion at the cursor ({mod}+Alt+N)" },
  refusedFormatting: { id: "toolbar.refused.formatting", defaultMessage: "Formatting cannot be suggested: only words and clauses can." },
  refusedStructure: {
    id: "toolbar.refused.structure",
    defaultMessage: "While suggesting you can add and strike words; Enter at the end of a clause suggests a new clause. Blocks cannot be split, joined or moved.",
  },
  refusedOthers: { id: "toolbar.refused.othersSuggestion", defaultMessage: "Those words are someone else's suggestion: comment on them instead of changing them." },
  refusedNotSuggestion: { id: "toolbar.refused.notSuggestion", defaultMessage: "That change would alter the agreed text, so it was not made." },
  refusedUndoDecided: {
    id: "toolbar.refused.undoDecided",
    defaultMessage: "That step was accepted or rejected by a chair or coordinator since, so it can no longer be undone here.",
  },
});

const REFUSED = {
  formatting: messages.refusedFormatting,
  structure: messages.refusedStructure,
  othersSuggestion: messages.refusedOthers,
  notSuggestion: messages.refusedNotSuggestion,
  undoDecided: messages.refusedUndoDecided,
} as const;

const HINT_ID = "comment-hint";
const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
/** The modifier key's name in shortcuts: the same on every keyboard layout. */
const mod = isMac ? "⌘" : "Ctrl";
/** The move buttons' arrows (the buttons are named in words). */
const ARROW = { up: "↑", down: "↓" };

/** Formatting and structure commands, each with its keyboard shortcut in the tooltip; and commenting. */
export function Toolbar({
  editor,
  onComment,
  commentHint = null,
  onCommentHintSeen,
  suggesting = false,
  onSuggestingChange = null,
  mayDecide = false,
}: {
  editor: Editor;
  onComment: (() => void) | null;
  /** Why "Comment" did nothing (nothing selected), announced politely. */
  commentHint?: string | null;
  onCommentHintSeen?: () => void;
  /** True while this person's changes are suggestions. */
  suggesting?: boolean;
  /** Switch between editing and suggesting (null: no choice, e.g. reviewers always suggest). */
  onSuggestingChange?: ((on: boolean) => void) | null;
  /** May accept and reject suggestions. */
  mayDecide?: boolean;
}) {
  const intl = useIntl();
  const t = intl.formatMessage;
  const shortcut = { mod };
  const [region, setRegion] = useState("");
  // The hint has done its job once words are selected.
  useEffect(() => {
    if (!commentHint || !onCommentHintSeen) return;
    const onSelection = () => {
      if (!editor.state.selection.empty) onCommentHintSeen();
    };
    editor.on("selectionUpdate", onSelection);
    return () => {
      editor.off("selectionUpdate", onSelection);
    };
  }, [editor, commentHint, onCommentHintSeen]);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
      canAddClause: e.can().insertClauseAfter(),
      canMoveUp: e.can().moveClause("up"),
      canMoveDown: e.can().moveClause("down"),
      canAddNote: e.can().insertRegionalNote(""),
      canStrikeClause: e.can().toggleClauseDeletion(),
      clauseStruck: Boolean(clauseAtCursor(e.state)?.node.attrs[SuggestionAttribute.deletion]),
      atSuggestion: suggestionIdAt(e.state) !== null,
    }),
  });
  const notice = useSyncExternalStore(
    (onChange) => {
      editor.storage.suggesting.listeners.add(onChange);
      return () => editor.storage.suggesting.listeners.delete(onChange);
    },
    (): SuggestingNotice => editor.storage.suggesting.notice,
  );
  // Always rendered while the text may change: a live region must exist before its text changes to be announced.
  const refused = (
    <span className="toolbar__hint toolbar__refused" role="status" aria-live="polite">
      {notice ? t(REFUSED[notice]) : null}
    </span>
  );
  const modeSwitch = onSuggestingChange && (
    <span className="toolbar__group toolbar__mode" role="group" aria-label={t(messages.mode)} title={t(messages.modeHint, shortcut)}>
      <button type="button" className="tool" aria-pressed={!suggesting} onClick={() => onSuggestingChange(false)}>
        {t(messages.editing)}
      </button>
      <button type="button" className="tool tool--suggesting" aria-pressed={suggesting} onClick={() => onSuggestingChange(true)}>
        {t(messages.suggesting)}
      </button>
    </span>
  );
  const decisions = mayDecide && (
    <span className="toolbar__group">
      <button type="button" className="tool" onMouseDown={(event) => event.preventDefault()} onClick={() => decideAtCursor(editor, "accept")} disabled={!state.atSuggestion} title={t(messages.acceptHint, shortcut)}>
        {t(messages.accept)}
      </button>
      <button type="button" className="tool" onMouseDown={(event) => event.preventDefault()} onClick={() => decideAtCursor(editor, "reject")} disabled={!state.atSuggestion} title={t(messages.rejectHint, shortcut)}>
        {t(messages.reject)}
      </button>
    </span>
  );
  const comment = onComment && (
    <button
      type="button"
      className="tool tool--comment"
      onMouseDown={(event) => event.preventDefault()}
      onClick={onComment}
      title={t(messages.commentHint, shortcut)}
      aria-describedby={HINT_ID}
    >
      {t(messages.comment)}
    </button>
  );
  // Always rendered with the button: a live region must exist before its text changes to be announced.
  const hint = onComment && (
    <span id={HINT_ID} className="toolbar__hint" role="status" aria-live="polite">
      {commentHint}
    </span>
  );
  if (!state.editable) {
    return (
      <div className="toolbar toolbar--readonly" role="toolbar" aria-label={t(messages.formatting)}>
        <span>{t(messages.readOnly)}</span>
        {comment}
        {hint}
      </div>
    );
  }
  return (
    <div className={`toolbar${suggesting ? " toolbar--suggesting" : ""}`} role="toolbar" aria-label={t(messages.formatting)}>
      {modeSwitch}
      <button type="button" className="tool" onClick={() => editor.chain().focus().checkedUndo().run()} disabled={!state.canUndo} title={t(messages.undoHint, shortcut)}>
        {t(messages.undo)}
      </button>
      <button type="button" className="tool" onClick={() => editor.chain().focus().checkedRedo().run()} disabled={!state.canRedo} title={t(messages.redoHint, shortcut)}>
        {t(messages.redo)}
      </button>
      <span className="toolbar__sep" />
      <button type="button" className="tool tool--bold" aria-pressed={state.bold} disabled={suggesting} onClick={() => editor.chain().focus().toggleBold().run()} title={t(messages.boldHint, shortcut)} aria-label={t(messages.boldName)}>
        {t(messages.bold)}
      </button>
      <button type="button" className="tool tool--italic" aria-pressed={state.italic} disabled={suggesting} onClick={() => editor.chain().focus().toggleItalic().run()} title={t(messages.italicHint, shortcut)} aria-label={t(messages.italicName)}>
        {t(messages.italic)}
      </button>
      <button type="button" className="tool" aria-pressed={state.bulletList} disabled={suggesting} onClick={() => editor.chain().focus().toggleBulletList().run()} title={t(messages.listHint, shortcut)}>
        {t(messages.list)}
      </button>
      <span className="toolbar__sep" />
      {suggesting ? (
        <>
          <button type="button" className="tool" onClick={() => editor.chain().focus().suggestClauseAfter().run()} disabled={!state.canAddClause} title={t(messages.suggestClauseHint, shortcut)}>
            {t(messages.clause)}
          </button>
          <button type="button" className="tool" aria-pressed={state.clauseStruck} onClick={() => editor.chain().focus().toggleClauseDeletion().run()} disabled={!state.canStrikeClause} title={t(messages.strikeClauseHint, shortcut)}>
            {t(messages.strikeClause)}
          </button>
        </>
      ) : (
        <button type="button" className="tool" onClick={() => editor.chain().focus().insertClauseAfter().run()} disabled={!state.canAddClause} title={t(messages.clauseHint, shortcut)}>
          {t(messages.clause)}
        </button>
      )}
      <button type="button" className="tool" onClick={() => editor.chain().focus().moveClause("up").run()} disabled={suggesting || !state.canMoveUp} title={t(messages.upHint)} aria-label={t(messages.up)}>
        {ARROW.up}
      </button>
      <button type="button" className="tool" onClick={() => editor.chain().focus().moveClause("down").run()} disabled={suggesting || !state.canMoveDown} title={t(messages.downHint)} aria-label={t(messages.down)}>
        {ARROW.down}
      </button>
      <span className="toolbar__group">
        <input className="tool-input" list={REGION_LIST_ID} value={region} onChange={(e) => setRegion(e.target.value)} placeholder={t(messages.region)} disabled={suggesting} aria-label={t(messages.regionName)} />
        <button type="button" className="tool" onClick={() => editor.chain().focus().insertRegionalNote(region.trim()).run()} disabled={suggesting || !state.canAddNote} title={t(messages.noteHint)}>
          {t(messages.note)}
        </button>
        {comment}
      </span>
      {decisions}
      {hint}
      {refused}
    </div>
  );
}
