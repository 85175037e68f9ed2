import { useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { useEditorState, type Editor } from "@tiptap/react";
import { TextSelection } from "@tiptap/pm/state";
import type { ActRef } from "../../../shared/schema/structure.js";
import { statementOutline } from "../../../shared/schema/ClauseNumbers.js";
import type { Awareness } from "y-protocols/awareness";
import { usePresence } from "../presence/usePresence.js";
import { addAct, canMoveAct, moveActShared, removeActShared, runActCommand, type ActKey } from "../../editor/actCommands.js";
import { RemoveActDialog } from "./RemoveActDialog.js";

type ActNumber = { number: string };
const messages = defineMessages<{
  acts: NoMessageValues;
  empty: NoMessageValues;
  addFirst: NoMessageValues;
  untitled: NoMessageValues;
  clauses: { clauses: number };
  clausesAndNotes: { clauses: number; notes: number };
  openThreads: { count: number };
  openThreadsTitle: NoMessageValues;
  pendingSuggestions: { count: number };
  peopleHere: { names: string };
  act: ActNumber;
  moveUp: ActNumber;
  moveUpTitle: NoMessageValues;
  moveDown: ActNumber;
  moveDownTitle: NoMessageValues;
  addAfter: ActNumber;
  addAfterTitle: NoMessageValues;
  addAfterShort: NoMessageValues;
  remove: ActNumber;
  removeTitle: NoMessageValues;
}>({
  acts: { id: "outline.acts", defaultMessage: "Acts" },
  empty: { id: "outline.empty", defaultMessage: "This statement has no Acts yet." },
  addFirst: { id: "outline.addFirst", defaultMessage: "Add the first Act" },
  untitled: { id: "outline.untitled", defaultMessage: "Untitled Act" },
  clauses: { id: "outline.clauses", defaultMessage: "{clauses, plural, one {# clause} other {# clauses}}" },
  clausesAndNotes: {
    id: "outline.clausesAndNotes",
    defaultMessage: "{clauses, plural, one {# clause} other {# clauses}} · {notes, plural, one {# regional note} other {# regional notes}}",
  },
  openThreads: { id: "outline.openThreads", defaultMessage: "{count, plural, one {# open} other {# open}}" },
  openThreadsTitle: { id: "outline.openThreadsTitle", defaultMessage: "Open comment threads" },
  pendingSuggestions: { id: "outline.pendingSuggestions", defaultMessage: "{count, plural, one {# suggestion} other {# suggestions}}" },
  peopleHere: { id: "outline.peopleHere", defaultMessage: "{names} in this Act" },
  act: { id: "outline.act", defaultMessage: "Act {number}" },
  moveUp: { id: "outline.moveUp", defaultMessage: "Move Act {number} up" },
  moveUpTitle: { id: "outline.moveUpTitle", defaultMessage: "Move up" },
  moveDown: { id: "outline.moveDown", defaultMessage: "Move Act {number} down" },
  moveDownTitle: { id: "outline.moveDownTitle", defaultMessage: "Move down" },
  addAfter: { id: "outline.addAfter", defaultMessage: "Add an Act after Act {number}" },
  addAfterTitle: { id: "outline.addAfterTitle", defaultMessage: "Add an Act after this one" },
  addAfterShort: { id: "outline.addAfterShort", defaultMessage: "+ Act" },
  remove: { id: "outline.remove", defaultMessage: "Remove Act {number}" },
  removeTitle: { id: "outline.removeTitle", defaultMessage: "Remove this Act" },
});

/** The controls' symbols (each control is named in words). */
const GLYPH = { up: "↑", down: "↓", remove: "✕" };

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

/** Focus a control of an Act's row once React has redrawn the outline (a moved row loses focus when its element moves). */
function refocus(actId: string | null, control: string): void {
  if (actId === null) return;
  requestAnimationFrame(() => {
    const button = document.querySelector(`.outline [data-act-id="${CSS.escape(actId)}"] [data-control="${control}"]`);
    if (button instanceof HTMLButtonElement && !button.disabled) button.focus();
    else document.querySelector<HTMLElement>(`.outline [data-act-id="${CSS.escape(actId)}"] .outline__act`)?.focus();
  });
}

/** Add an Act (after `after`, or first) and take the writer to its title. */
function add(editor: Editor, after: ActKey | null): void {
  if (!runActCommand(editor, (state) => addAct(state, after))) return;
  editor.view.focus();
  const { node } = editor.view.domAtPos(editor.state.selection.from);
  (node instanceof HTMLElement ? node : node.parentElement)?.scrollIntoView({ behavior: "smooth", block: "center" });
}

/**
 * The Acts beside the editor: number, title, clause count, open comments, who is in each.
 * Click to jump. Where the statement may be edited (an editing role, round not frozen),
 * each Act also has controls to add an Act after it, move it, and remove it.
 */
export function ActOutline({
  editor,
  awareness,
  openThreads,
  pendingSuggestions,
}: {
  editor: Editor;
  awareness: Awareness;
  openThreads: Map<number, number>;
  /** Pending suggestions per Act number. */
  pendingSuggestions: Map<number, number>;
}) {
  const intl = useIntl();
  const people = usePresence(awareness);
  const acts = useEditorState({ editor, selector: ({ editor: e }) => statementOutline(e.state), equalityFn: sameOutline });
  // Acts are added, moved and removed by editing, not suggested.
  const editable = useEditorState({ editor, selector: ({ editor: e }) => e.isEditable && !e.storage.suggesting?.suggesting });
  const [removing, setRemoving] = useState<ActRef | null>(null);
  const move = (act: ActRef, direction: "up" | "down") => {
    if (moveActShared(editor, act, direction)) refocus(act.id, direction);
  };
  const confirmRemove = () => {
    if (!removing) return;
    const index = acts.findIndex((act) => act.id === removing.id && act.pos === removing.pos);
    const next = acts[index + 1] ?? acts[index - 1] ?? null;
    removeActShared(editor, removing);
    setRemoving(null);
    if (next) refocus(next.id, "remove");
    else requestAnimationFrame(() => document.querySelector<HTMLElement>(".outline [data-control='add-first']")?.focus());
  };
  return (
    <nav className="outline" aria-label={intl.formatMessage(messages.acts)}>
      <h2 className="outline__heading">{intl.formatMessage(messages.acts)}</h2>
      {acts.length === 0 && (
        <div className="outline__empty">
          <p className="muted">{intl.formatMessage(messages.empty)}</p>
          {editable && (
            <button type="button" className="button button--primary outline__add-first" data-control="add-first" onClick={() => add(editor, null)}>
              {intl.formatMessage(messages.addFirst)}
            </button>
          )}
        </div>
      )}
      <ol>
        {acts.map((act) => {
          const here = people.filter((person) => !person.self && person.where?.act === act.number);
          const number = String(act.number);
          const open = openThreads.get(act.number) ?? 0;
          const suggested = pendingSuggestions.get(act.number) ?? 0;
          return (
            <li key={act.id ?? act.pos} data-act-id={act.id ?? undefined}>
              <button type="button" className="outline__act" onClick={() => jumpTo(editor, act)}>
                <span className="outline__number">{act.number}</span>
                <span className="outline__title">{act.title || <em className="muted">{intl.formatMessage(messages.untitled)}</em>}</span>
                <span className="outline__meta">
                  {act.regionalNotes > 0
                    ? intl.formatMessage(messages.clausesAndNotes, { clauses: act.clauses.length, notes: act.regionalNotes })
                    : intl.formatMessage(messages.clauses, { clauses: act.clauses.length })}
                </span>
                {open > 0 && (
                  <span className="outline__comments" title={intl.formatMessage(messages.openThreadsTitle)}>
                    {intl.formatMessage(messages.openThreads, { count: open })}
                  </span>
                )}
                {suggested > 0 && <span className="outline__suggestions">{intl.formatMessage(messages.pendingSuggestions, { count: suggested })}</span>}
                {here.length > 0 && (
                  <span className="outline__people" aria-label={intl.formatMessage(messages.peopleHere, { names: intl.formatList(here.map((p) => p.name), { type: "unit", style: "short" }) })}>
                    {here.map((person) => (
                      <span key={person.clientId} className="outline__dot" style={{ background: person.color }} title={person.name} />
                    ))}
                  </span>
                )}
              </button>
              {editable && (
                <div className="act-controls" role="group" aria-label={intl.formatMessage(messages.act, { number })}>
                  <button
                    type="button"
                    className="act-controls__button"
                    data-control="up"
                    aria-label={intl.formatMessage(messages.moveUp, { number })}
                    title={intl.formatMessage(messages.moveUpTitle)}
                    disabled={!canMoveAct(editor.state.doc, act, "up")}
                    onClick={() => move(act, "up")}
                  >
                    {GLYPH.up}
                  </button>
                  <button
                    type="button"
                    className="act-controls__button"
                    data-control="down"
                    aria-label={intl.formatMessage(messages.moveDown, { number })}
                    title={intl.formatMessage(messages.moveDownTitle)}
                    disabled={!canMoveAct(editor.state.doc, act, "down")}
                    onClick={() => move(act, "down")}
                  >
                    {GLYPH.down}
                  </button>
                  <button
                    type="button"
                    className="act-controls__button"
                    data-control="add"
                    aria-label={intl.formatMessage(messages.addAfter, { number })}
                    title={intl.formatMessage(messages.addAfterTitle)}
                    onClick={() => add(editor, act)}
                  >
                    {intl.formatMessage(messages.addAfterShort)}
                  </button>
                  <button
                    type="button"
                    className="act-controls__button act-controls__button--remove"
                    data-control="remove"
                    aria-label={intl.formatMessage(messages.remove, { number })}
                    title={intl.formatMessage(messages.removeTitle)}
                    onClick={() => setRemoving(act)}
                  >
                    {GLYPH.remove}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {removing && editable && <RemoveActDialog act={removing} openThreads={openThreads.get(removing.number) ?? 0} onConfirm={confirmRemove} onCancel={() => setRemoving(null)} />}
    </nav>
  );
}
