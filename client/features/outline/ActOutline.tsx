import { useEditorState, type Editor } from "@tiptap/react";
import { TextSelection } from "@tiptap/pm/state";
import type { ActRef } from "../../../shared/schema/structure.js";
import { statementOutline } from "../../../shared/schema/ClauseNumbers.js";
import type { Awareness } from "y-protocols/awareness";
import { usePresence } from "../presence/usePresence.js";

function sameOutline(a: ActRef[], b: ActRef[] | null): boolean {
  if (!b || a.length !== b.length) return false;
  return a.every((act, i) => {
    const other = b[i]!;
    return act.pos === other.pos && act.title === other.title && act.clauses.length === other.clauses.length && act.regionalNotes === other.regionalNotes;
  });
}

/** Move the cursor into an Act's title and scroll it to the top. */
function jumpTo(editor: Editor, act: ActRef): void {
  const { state, view } = editor;
  const inside = Math.min(act.pos + 2, state.doc.content.size);
  view.dispatch(state.tr.setSelection(TextSelection.near(state.doc.resolve(inside))));
  const dom = view.nodeDOM(act.pos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ behavior: "smooth", block: "start" });
  view.focus();
}

/** The Acts beside the editor: number, title, clause count, open comments, who is in each. Click to jump. */
export function ActOutline({ editor, awareness, openThreads }: { editor: Editor; awareness: Awareness; openThreads: Map<number, number> }) {
  const people = usePresence(awareness);
  const acts = useEditorState({ editor, selector: ({ editor: e }) => statementOutline(e.state), equalityFn: sameOutline });
  return (
    <nav className="outline" aria-label="Acts">
      <h2 className="outline__heading">Acts</h2>
      {acts.length === 0 && <p className="muted">This statement has no Acts yet.</p>}
      <ol>
        {acts.map((act) => {
          const here = people.filter((person) => !person.self && person.where?.act === act.number);
          return (
            <li key={act.id ?? act.pos}>
              <button type="button" className="outline__act" onClick={() => jumpTo(editor, act)}>
                <span className="outline__number">{act.number}</span>
                <span className="outline__title">{act.title || <em className="muted">Untitled Act</em>}</span>
                <span className="outline__meta">
                  {act.clauses.length} {act.clauses.length === 1 ? "clause" : "clauses"}
                  {act.regionalNotes > 0 && ` · ${act.regionalNotes} regional ${act.regionalNotes === 1 ? "note" : "notes"}`}
                </span>
                {(openThreads.get(act.number) ?? 0) > 0 && (
                  <span className="outline__comments" title="Open comment threads">
                    {openThreads.get(act.number)} open
                  </span>
                )}
                {here.length > 0 && (
                  <span className="outline__people" aria-label={`${here.map((p) => p.name).join(", ")} in this Act`}>
                    {here.map((person) => (
                      <span key={person.clientId} className="outline__dot" style={{ background: person.color }} title={person.name} />
                    ))}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
