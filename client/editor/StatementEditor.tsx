import { useEffect } from "react";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { Placeholder } from "@tiptap/extensions";
import { statementExtensions } from "../../shared/schema/statementExtensions.js";
import { NodeName } from "../../shared/schema/names.js";
import { locate } from "../../shared/schema/structure.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import type { CollabSession } from "../collab/CollabSession.js";
import type { PresenceUser } from "../../shared/presence.js";
import { RegionalNoteWithView } from "./RegionalNoteView.js";
import { CommentHighlights } from "./CommentHighlights.js";

/** Where a person's cursor is, as published in their presence state. */
export interface Whereabouts {
  act: number | null;
  clause: string | null;
}

/** Placeholder text; paragraphs get theirs from CSS by where they sit (clause, note, list). */
function placeholderFor({ node }: { node: { type: { name: string } } }): string {
  return node.type.name === NodeName.actTitle ? "Title of this Act" : "Write here…";
}

/** Publish which Act and clause the cursor is in (only when it changes). */
function publishWhereabouts(editor: Editor, session: CollabSession): void {
  const location = locate(editor.state.doc, editor.state.selection.from);
  const next: Whereabouts = { act: location?.act.number ?? null, clause: location?.clause?.number ?? null };
  const previous = session.provider.awareness.getLocalState()?.["where"] as Whereabouts | undefined;
  if (previous?.act === next.act && previous?.clause === next.clause) return;
  session.provider.awareness.setLocalStateField("where", next);
}

/** The TipTap editor bound to the session's Yjs document, with named remote carets. */
export function useStatementEditor(session: CollabSession, user: PresenceUser, editable: boolean): Editor | null {
  const editor = useEditor(
    {
      extensions: [
        ...statementExtensions().map((extension) => (extension.name === NodeName.regionalNote ? RegionalNoteWithView : extension)),
        Collaboration.configure({ document: session.doc, field: CONTENT_FIELD }),
        CollaborationCaret.configure({ provider: session.provider, user }),
        Placeholder.configure({ placeholder: placeholderFor, includeChildren: true, showOnlyCurrent: false }),
        CommentHighlights,
      ],
      editable,
      editorProps: { attributes: { class: "statement", "aria-label": "Statement text", spellcheck: "true" } },
    },
    [session],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (!editor) return;
    const onChange = () => publishWhereabouts(editor, session);
    editor.on("selectionUpdate", onChange);
    editor.on("focus", onChange);
    return () => {
      editor.off("selectionUpdate", onChange);
      editor.off("focus", onChange);
    };
  }, [editor, session]);

  return editor;
}

/** The editable statement. */
export function StatementEditor({ editor }: { editor: Editor | null }) {
  return <EditorContent editor={editor} className="statement-frame" />;
}
