import { useEffect, useState } from "react";
import { useEditorState, type Editor } from "@tiptap/react";
import { REGION_LIST_ID } from "./RegionalNoteView.js";

const HINT_ID = "comment-hint";
const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? "⌘" : "Ctrl";

/** Formatting and structure commands, each with its keyboard shortcut in the tooltip; and commenting. */
export function Toolbar({
  editor,
  onComment,
  commentHint = null,
  onCommentHintSeen,
}: {
  editor: Editor;
  onComment: (() => void) | null;
  /** Why "Comment" did nothing (nothing selected), announced politely. */
  commentHint?: string | null;
  onCommentHintSeen?: () => void;
}) {
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
    }),
  });
  const comment = onComment && (
    <button
      type="button"
      className="tool tool--comment"
      onMouseDown={(event) => event.preventDefault()}
      onClick={onComment}
      title={`Comment on the selected words (${mod}+Alt+M)`}
      aria-describedby={HINT_ID}
    >
      Comment
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
      <div className="toolbar toolbar--readonly" role="toolbar" aria-label="Formatting">
        <span>Read only</span>
        {comment}
        {hint}
      </div>
    );
  }
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      <button type="button" className="tool" onClick={() => editor.chain().focus().undo().run()} disabled={!state.canUndo} title={`Undo (${mod}+Z)`}>
        Undo
      </button>
      <button type="button" className="tool" onClick={() => editor.chain().focus().redo().run()} disabled={!state.canRedo} title={`Redo (${mod}+Shift+Z)`}>
        Redo
      </button>
      <span className="toolbar__sep" />
      <button type="button" className="tool tool--bold" aria-pressed={state.bold} onClick={() => editor.chain().focus().toggleBold().run()} title={`Bold (${mod}+B)`}>
        B
      </button>
      <button type="button" className="tool tool--italic" aria-pressed={state.italic} onClick={() => editor.chain().focus().toggleItalic().run()} title={`Italic (${mod}+I)`}>
        I
      </button>
      <button type="button" className="tool" aria-pressed={state.bulletList} onClick={() => editor.chain().focus().toggleBulletList().run()} title={`Bulleted list (${mod}+Shift+8)`}>
        • List
      </button>
      <span className="toolbar__sep" />
      <button type="button" className="tool" onClick={() => editor.chain().focus().insertClauseAfter().run()} disabled={!state.canAddClause} title={`New clause after this one (Enter at the end of a clause, or ${mod}+Alt+Enter)`}>
        + Clause
      </button>
      <button type="button" className="tool" onClick={() => editor.chain().focus().moveClause("up").run()} disabled={!state.canMoveUp} title="Move this clause up (Alt+Shift+↑)" aria-label="Move clause up">
        ↑
      </button>
      <button type="button" className="tool" onClick={() => editor.chain().focus().moveClause("down").run()} disabled={!state.canMoveDown} title="Move this clause down (Alt+Shift+↓)" aria-label="Move clause down">
        ↓
      </button>
      <span className="toolbar__group">
        <input className="tool-input" list={REGION_LIST_ID} value={region} onChange={(e) => setRegion(e.target.value)} placeholder="Region" aria-label="Region of the new note" />
        <button type="button" className="tool" onClick={() => editor.chain().focus().insertRegionalNote(region.trim()).run()} disabled={!state.canAddNote} title="Add a regional note under this clause">
          + Regional note
        </button>
        {comment}
      </span>
      {hint}
    </div>
  );
}
