import { useEffect, useRef } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { ActRef } from "../../../shared/schema/structure.js";

const messages = defineMessages<{
  title: { number: string; name: string };
  untitled: NoMessageValues;
  text: { clauses: number; notes: number };
  comments: { count: number };
  keep: NoMessageValues;
  remove: { number: string };
}>({
  title: { id: "outline.removeDialogTitle", defaultMessage: "Remove Act {number}: {name}?" },
  untitled: { id: "outline.untitled", defaultMessage: "Untitled Act" },
  text: {
    id: "outline.removeDialogText",
    defaultMessage:
      "Its text ({clauses, plural, one {# clause} other {# clauses}}{notes, plural, =0 {} one {, # regional note} other {, # regional notes}}) leaves the statement for everyone, and the Acts after it are renumbered.",
  },
  comments: {
    id: "outline.removeDialogComments",
    defaultMessage:
      "{count, plural, =0 {Comments on it stay in the comments panel, marked “Text deleted”.} one {Its # open comment thread stays in the comments panel, marked “Text deleted”.} other {Its # open comment threads stay in the comments panel, marked “Text deleted”.}}",
  },
  keep: { id: "outline.removeDialogKeep", defaultMessage: "Keep it" },
  remove: { id: "outline.remove", defaultMessage: "Remove Act {number}" },
});

/**
 * Asks before an Act is removed, naming it. A modal <dialog>: focus stays inside it,
 * Escape cancels, and "Keep it" has the focus so Enter alone never removes.
 */
export function RemoveActDialog({ act, openThreads, onConfirm, onCancel }: { act: ActRef; openThreads: number; onConfirm: () => void; onCancel: () => void }) {
  const intl = useIntl();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const name = act.title.trim() || intl.formatMessage(messages.untitled);
  const number = String(act.number);
  return (
    <dialog
      ref={dialog}
      className="act-dialog"
      aria-labelledby="remove-act-title"
      aria-describedby="remove-act-text"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="remove-act-title">{intl.formatMessage(messages.title, { number, name })}</h2>
      <p id="remove-act-text">
        {intl.formatMessage(messages.text, { clauses: act.clauses.length, notes: act.regionalNotes })} {intl.formatMessage(messages.comments, { count: openThreads })}
      </p>
      <div className="act-dialog__actions">
        <button type="button" className="button button--quiet" onClick={onCancel} autoFocus>
          {intl.formatMessage(messages.keep)}
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm}>
          {intl.formatMessage(messages.remove, { number })}
        </button>
      </div>
    </dialog>
  );
}
