import { useId, type ReactNode } from "react";
import { defineMessages, useIntl } from "react-intl";
import { useAction } from "../../useAction.js";
import { useModalDialog } from "./useModalDialog.js";

const messages = defineMessages({
  keep: { id: "matrixDialog.keep", defaultMessage: "Keep it" },
  cancel: { id: "matrixDialog.cancel", defaultMessage: "Cancel" },
  save: { id: "matrixDialog.save", defaultMessage: "Save" },
});

/**
 * Asks before something is removed from the matrix, naming it, then runs `action`.
 * "Keep it" has the focus so Enter alone never removes; Escape cancels; a failure stays in
 * the dialog, success calls `onDone`.
 */
export function ConfirmDialog({ title, text, confirm, action, onDone, onCancel }: { title: string; text: string; confirm: string; action: () => Promise<unknown>; onDone: () => void; onCancel: () => void }) {
  const intl = useIntl();
  const dialog = useModalDialog();
  const running = useAction();
  const titleId = useId();
  const textId = useId();
  return (
    <dialog
      ref={dialog}
      className="act-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} dir="auto">
        {title}
      </h2>
      <p id={textId}>{text}</p>
      {running.error && (
        <p role="alert" className="notice notice--error small">
          {running.error}
        </p>
      )}
      <div className="act-dialog__actions">
        <button type="button" className="button button--quiet" onClick={onCancel} autoFocus>
          {intl.formatMessage(messages.keep)}
        </button>
        <button type="button" className="button button--danger" onClick={() => void running.run(action).then((done) => done && onDone())} disabled={running.busy}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}

/**
 * A form in a modal dialog (adding or changing an advocate, a group): focus stays inside,
 * Escape cancels, Save runs `onSave` and a failure stays in the dialog, translated.
 */
export function FormDialog({ title, wide, onSave, onCancel, children }: { title: string; wide?: boolean; onSave: () => Promise<unknown>; onCancel: () => void; children: ReactNode }) {
  const intl = useIntl();
  const dialog = useModalDialog();
  const saving = useAction();
  const titleId = useId();
  return (
    <dialog
      ref={dialog}
      className={`act-dialog matrix-dialog${wide ? " matrix-dialog--form" : ""}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void saving.run(onSave);
        }}
      >
        <h2 id={titleId} dir="auto">
          {title}
        </h2>
        {children}
        {saving.error && (
          <p role="alert" className="notice notice--error small">
            {saving.error}
          </p>
        )}
        <div className="act-dialog__actions matrix-dialog__footer">
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {intl.formatMessage(messages.cancel)}
          </button>
          <button type="submit" className="button button--primary" disabled={saving.busy}>
            {intl.formatMessage(messages.save)}
          </button>
        </div>
      </form>
    </dialog>
  );
}
