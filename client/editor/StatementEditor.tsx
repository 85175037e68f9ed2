import { useEffect, useState } from "react";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import Collaboration from "@tiptap/extension-collaboration";
import { statementExtensions } from "../../shared/schema/statementExtensions.js";
import { NodeName } from "../../shared/schema/names.js";
import { locate } from "../../shared/schema/structure.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import type { Locale } from "../../shared/i18n/locales.js";
import type { CollabSession } from "../collab/CollabSession.js";
import type { PresenceUser, Whereabouts } from "../../shared/presence.js";
import { regionalNoteWithView } from "./RegionalNoteView.js";
import { signatoriesWithView } from "./SignatoriesView.js";
import { CommentHighlights } from "./CommentHighlights.js";
import { remoteCarets } from "./RemoteCarets.js";
import { ReadOnlyGuard } from "./ReadOnlyGuard.js";
import { labelledStatement } from "./LabelledStatement.js";
import { LiveLabels, useStatementLabels } from "./statementLabels.js";
import { Suggesting } from "./Suggesting.js";
import { suggestionView } from "./SuggestionView.js";
import { suggestionDecisionKeys } from "./suggestionCommands.js";
import { checkPresence } from "../features/presence/checkPresence.js";

/** Our own last published place (awareness types local state as any: compare without trusting it). */
function isSamePlace(previous: unknown, next: Whereabouts): boolean {
  if (typeof previous !== "object" || previous === null) return false;
  return "act" in previous && previous.act === next.act && "clause" in previous && previous.clause === next.clause;
}

/** The name of `accountId` when that person is here (or is this person), for a suggestion's hover text. */
function nameOf(session: CollabSession, user: PresenceUser, accountId: string): string | null {
  if (accountId === user.accountId) return user.name;
  for (const state of session.provider.awareness.getStates().values()) {
    const presence = checkPresence(state);
    if (presence?.user.accountId === accountId) return presence.user.name;
  }
  return null;
}

/** Publish which Act and clause the cursor is in (only when it changes). */
function publishWhereabouts(editor: Editor, session: CollabSession): void {
  const location = locate(editor.state.doc, editor.state.selection.from);
  const next: Whereabouts = { act: location?.act.number ?? null, clause: location?.clause?.number ?? null };
  const previous: unknown = session.provider.awareness.getLocalState()?.["where"];
  if (isSamePlace(previous, next)) return;
  session.provider.awareness.setLocalStateField("where", next);
}

/**
 * The TipTap editor bound to the session's Yjs document, with named remote carets. The
 * words it draws (labels, placeholders) follow the interface's language; the text itself
 * is marked as written in `language`, the statement's, for the browser's spellchecker.
 */
export function useStatementEditor(
  session: CollabSession,
  user: PresenceUser,
  editable: boolean,
  language: Locale,
  /** Whether this person's changes become suggestions, and whether they may accept or reject them. */
  suggesting: { on: boolean; mayDecide: boolean } = { on: false, mayDecide: false },
): Editor | null {
  const labels = useStatementLabels();
  const [live] = useState(() => new LiveLabels(labels, language));
  useEffect(() => live.set(labels, language), [live, labels, language]);
  const [mayDecide] = useState(() => ({ current: suggesting.mayDecide }));
  mayDecide.current = suggesting.mayDecide;

  const editor = useEditor(
    {
      extensions: [
        ...statementExtensions().map((extension) =>
          extension.name === NodeName.regionalNote ? regionalNoteWithView(live) : extension.name === NodeName.signatories ? signatoriesWithView(live) : extension,
        ),
        Collaboration.configure({ document: session.doc, field: CONTENT_FIELD }),
        remoteCarets(session.provider.awareness, session.doc, user),
        labelledStatement(live),
        CommentHighlights,
        ReadOnlyGuard,
        Suggesting.configure({ accountId: user.accountId, onlySuggests: () => !mayDecide.current }),
        suggestionView(live, (accountId) => nameOf(session, user, accountId)),
        suggestionDecisionKeys(() => mayDecide.current),
      ],
      editable,
      // Read-only is ReadOnlyGuard's: the text stays focusable and selectable by keyboard.
      enableCoreExtensions: { editable: false },
      // Its name and language come from labelledStatement (they change with the languages).
      editorProps: { attributes: { class: "statement", role: "textbox", "aria-multiline": "true" } },
    },
    [session],
  );

  useEffect(() => {
    if (!editor) return;
    editor.setEditable(editable);
  }, [editor, editable]);

  useEffect(() => {
    if (!editor || editor.storage.suggesting.suggesting === suggesting.on) return;
    editor.commands.setSuggesting(suggesting.on);
  }, [editor, suggesting.on]);

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
