import { useId } from "react";
import { defineMessages, useIntl } from "react-intl";
import { useModal } from "./useModal.js";

const messages = defineMessages({
  keep: { id: "matrixDialog.keep", defaultMessage: "Keep it" },
});

/**
 * Asks before something is removed from the matrix, naming it. "Keep it" has the focus so
 * Enter alone never removes; Escape cancels; a failure stays in the dialog.
 */
export function ConfirmDialog({ title, text, confirm, busy, error, onConfirm, onCancel }: { title: string; text: string; confirm: string; busy: boolean; error: string | null; onConfirm: () => void; onCancel: () => void }) {
  const intl = useIntl();
  const dialog = useModal();
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
      {error && (
        <p role="alert" className="notice notice--error small">
          {error}
        </p>
      )}
      <div className="act-dialog__actions">
        <button type="button" className="button button--quiet" onClick={onCancel} autoFocus>
          {intl.formatMessage(messages.keep)}
        </button>
        <button type="button" className="button button--danger" onClick={onConfirm} disabled={busy}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
