import { useEffect, useRef } from "react";
import type { ActRef } from "../../../shared/schema/structure.js";

/**
 * Asks before an Act is removed, naming it. A modal <dialog>: focus stays inside it,
 * Escape cancels, and "Keep it" has the focus so Enter alone never removes.
 */
export function RemoveActDialog({ act, openThreads, onConfirm, onCancel }: { act: ActRef; openThreads: number; onConfirm: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const name = act.title.trim() || "Untitled Act";
  const clauses = `${act.clauses.length} ${act.clauses.length === 1 ? "clause" : "clauses"}`;
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
      <h2 id="remove-act-title">
        Remove Act {act.number}: {name}?
      </h2>
      <p id="remove-act-text">
        Its text ({clauses}
        {act.regionalNotes > 0 && `, ${act.regionalNotes} regional ${act.regionalNotes === 1 ? "note" : "notes"}`}) leaves the statement for everyone, and the Acts after it are
        renumbered.{" "}
        {openThreads > 0
          ? `Its ${openThreads} open comment ${openThreads === 1 ? "thread stays" : "threads stay"} in the comments panel, marked “Text deleted”.`
          : "Comments on it stay in the comments panel, marked “Text deleted”."}
      </p>
      <div className="act-dialog__actions">
        <button type="button" className="button button--quiet" onClick={onCancel} autoFocus>
          Keep it
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm}>
          Remove Act {act.number}
        </button>
      </div>
    </dialog>
  );
}
