import { useState, type FormEvent } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { matrixCellConflictSchema, type MatrixCell } from "../../../shared/api/matrix.js";
import { matrixLimits, positions, type Position } from "../../../shared/matrix/matrix.js";
import { positionMarks, positionName } from "../../../shared/matrix/matrixNames.js";
import { ApiFailure, setMatrixCell } from "../../api.js";
import { useFormats } from "../../i18n/useFormats.js";
import { useAction } from "../../useAction.js";
import { useModalDialog } from "./useModalDialog.js";

const messages = defineMessages<{
  title: { target: string; act: number; actTitle: string };
  position: NoMessageValues;
  note: NoMessageValues;
  internal: NoMessageValues;
  internalHidden: NoMessageValues;
  evidenceUrl: NoMessageValues;
  evidenceQuote: NoMessageValues;
  evidenceDate: NoMessageValues;
  recorded: { name: string; when: string };
  notRecorded: NoMessageValues;
  save: NoMessageValues;
  saveAgain: NoMessageValues;
  saving: NoMessageValues;
  close: NoMessageValues;
  cancel: NoMessageValues;
  theirVersion: { name: string };
  noRound: NoMessageValues;
  none: NoMessageValues;
}>({
  title: { id: "matrix.cell.title", defaultMessage: "{target}, Act {act}: {actTitle}" },
  position: { id: "matrix.cell.position", defaultMessage: "Position" },
  note: { id: "matrix.cell.note", defaultMessage: "Note" },
  internal: { id: "matrix.cell.internal", defaultMessage: "Internal note (observers do not see it)" },
  internalHidden: { id: "matrix.cell.internalHidden", defaultMessage: "Internal note hidden" },
  evidenceUrl: { id: "matrix.cell.evidenceUrl", defaultMessage: "Evidence link" },
  evidenceQuote: { id: "matrix.cell.evidenceQuote", defaultMessage: "Quote" },
  evidenceDate: { id: "matrix.cell.evidenceDate", defaultMessage: "Date of the evidence" },
  recorded: { id: "matrix.cell.recorded", defaultMessage: "Recorded by {name}, {when}" },
  notRecorded: { id: "matrix.cell.notRecorded", defaultMessage: "Nobody recorded a position yet." },
  save: { id: "matrix.cell.save", defaultMessage: "Save" },
  saveAgain: { id: "matrix.cell.saveAgain", defaultMessage: "Save mine instead" },
  saving: { id: "matrix.cell.saving", defaultMessage: "Saving…" },
  close: { id: "matrix.cell.close", defaultMessage: "Close" },
  cancel: { id: "matrix.cell.cancel", defaultMessage: "Cancel" },
  theirVersion: { id: "matrix.cell.theirVersion", defaultMessage: "{name} saved this version meanwhile; yours is kept below." },
  noRound: { id: "matrix.cell.noRound", defaultMessage: "Open a round on the History page before recording positions." },
  none: { id: "matrix.cell.none", defaultMessage: "—" },
});

type Draft = { position: Position; note: string; internal: boolean; evidenceUrl: string; evidenceQuote: string; evidenceDate: string };

const draftOf = (cell: MatrixCell | undefined): Draft => ({
  position: cell?.position ?? "unknown",
  note: cell?.note ?? "",
  internal: cell?.internal ?? false,
  evidenceUrl: cell?.evidenceUrl ?? "",
  evidenceQuote: cell?.evidenceQuote ?? "",
  evidenceDate: cell?.evidenceDate ?? "",
});

/**
 * One cell of the matrix in a modal dialog: editable by chairs and coordinators, read-only
 * for the others. Saved with the revision it was opened on; when someone saved the cell
 * meanwhile (409 `matrix_cell_changed`) the page reloads, the dialog shows their version
 * and keeps the draft, and saving again replaces theirs knowingly.
 */
export function CellEditor({
  documentId,
  roundId,
  targetId,
  targetName,
  act,
  actTitle,
  cell,
  canEdit,
  onSaved,
  onConflict,
  onClose,
}: {
  documentId: string;
  roundId: string | null;
  targetName: string;
  act: number;
  actTitle: string;
  targetId: string;
  cell: MatrixCell | undefined;
  canEdit: boolean;
  onSaved: () => void;
  onConflict: () => void;
  onClose: () => void;
}) {
  const intl = useIntl();
  const formats = useFormats();
  const dialog = useModalDialog();
  const [draft, setDraft] = useState<Draft>(() => draftOf(cell));
  const [baseRevision, setBaseRevision] = useState<number | null>(cell?.revision ?? null);
  // After a refused save (409): the cell as the server said it is now (null: removed since).
  const [conflict, setConflict] = useState<{ theirs: MatrixCell | null } | null>(null);
  const save = useAction();
  const editable = canEdit && roundId !== null;
  const change = (part: Partial<Draft>) => setDraft((current) => ({ ...current, ...part }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!editable || roundId === null) return;
    // Set by a refusal (assigned in the callback, so kept in an object the checker follows).
    const outcome: { refused: { theirs: MatrixCell | null } | null } = { refused: null };
    const saved = await save.run(async () => {
      try {
        await setMatrixCell(documentId, { targetId, act, roundId, ...draft, baseRevision });
      } catch (failure) {
        if (failure instanceof ApiFailure && failure.id === "matrix_cell_changed") {
          // The refusal carries the cell as it is now; without it, the version the page last loaded.
          const body = matrixCellConflictSchema.safeParse(failure.details);
          const current = body.success ? body.data.current : undefined;
          outcome.refused = { theirs: current === undefined ? (cell ?? null) : current };
        }
        throw failure;
      }
    });
    if (saved) {
      onSaved();
      onClose();
    } else if (outcome.refused) {
      const { theirs } = outcome.refused;
      // Saving again replaces their version knowingly: it is the new base.
      setConflict({ theirs });
      setBaseRevision(theirs?.revision ?? null);
      onConflict();
    }
  }
  const fieldId = (name: string) => `matrix-cell-${name}`;
  return (
    <dialog
      ref={dialog}
      className="matrix-dialog"
      aria-labelledby={fieldId("title")}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={fieldId("title")}>{intl.formatMessage(messages.title, { target: targetName, act, actTitle })}</h2>
        <p className="muted small">
          {cell ? intl.formatMessage(messages.recorded, { name: cell.recordedBy.name, when: formats.dateTime(cell.recordedAt) }) : intl.formatMessage(messages.notRecorded)}
        </p>
        {conflict?.theirs && (
          <div className="notice notice--warn matrix-dialog__theirs" role="alert">
            <p>{intl.formatMessage(messages.theirVersion, { name: conflict.theirs.recordedBy.name })}</p>
            <p className="matrix-choice">
              <span className={`matrix-mark matrix-mark--${conflict.theirs.position}`} aria-hidden="true">
                {positionMarks[conflict.theirs.position]}
              </span>
              {positionName(intl, conflict.theirs.position)}
            </p>
            {conflict.theirs.note && <p dir="auto">{conflict.theirs.note}</p>}
            {conflict.theirs.evidenceQuote && <p dir="auto">{conflict.theirs.evidenceQuote}</p>}
          </div>
        )}
        {roundId === null && <p className="notice">{intl.formatMessage(messages.noRound)}</p>}
        <fieldset className="field field--choices matrix-dialog__positions" disabled={!editable}>
          <legend>{intl.formatMessage(messages.position)}</legend>
          {positions.map((position) => (
            <label key={position} className={`matrix-choice matrix-choice--${position}`}>
              <input type="radio" name="position" value={position} checked={draft.position === position} onChange={() => change({ position })} />
              <span className={`matrix-mark matrix-mark--${position}`} aria-hidden="true">
                {positionMarks[position]}
              </span>
              {positionName(intl, position)}
            </label>
          ))}
        </fieldset>
        {editable ? (
          <>
            <label className="field">
              <span>{intl.formatMessage(messages.note)}</span>
              <textarea rows={3} dir="auto" maxLength={matrixLimits.note} value={draft.note} onChange={(event) => change({ note: event.target.value })} />
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={draft.internal} onChange={(event) => change({ internal: event.target.checked })} /> {intl.formatMessage(messages.internal)}
            </label>
            <label className="field">
              <span>{intl.formatMessage(messages.evidenceUrl)}</span>
              <input type="url" inputMode="url" dir="ltr" maxLength={matrixLimits.url} value={draft.evidenceUrl} onChange={(event) => change({ evidenceUrl: event.target.value })} />
            </label>
            <label className="field">
              <span>{intl.formatMessage(messages.evidenceQuote)}</span>
              <textarea rows={2} dir="auto" maxLength={matrixLimits.quote} value={draft.evidenceQuote} onChange={(event) => change({ evidenceQuote: event.target.value })} />
            </label>
            <label className="field">
              <span>{intl.formatMessage(messages.evidenceDate)}</span>
              <input type="date" value={draft.evidenceDate} onChange={(event) => change({ evidenceDate: event.target.value })} />
            </label>
          </>
        ) : (
          <dl className="matrix-dialog__read">
            <dt>{intl.formatMessage(messages.note)}</dt>
            <dd dir="auto">{cell?.note === null ? <em className="muted">{intl.formatMessage(messages.internalHidden)}</em> : cell?.note || intl.formatMessage(messages.none)}</dd>
            <dt>{intl.formatMessage(messages.evidenceUrl)}</dt>
            <dd>
              {cell?.evidenceUrl ? (
                <a href={cell.evidenceUrl} target="_blank" rel="noreferrer noopener" dir="ltr">
                  {cell.evidenceUrl}
                </a>
              ) : (
                intl.formatMessage(messages.none)
              )}
            </dd>
            <dt>{intl.formatMessage(messages.evidenceQuote)}</dt>
            <dd dir="auto">{cell?.evidenceQuote || intl.formatMessage(messages.none)}</dd>
            <dt>{intl.formatMessage(messages.evidenceDate)}</dt>
            <dd>{cell?.evidenceDate ? formats.date(`${cell.evidenceDate}T12:00:00`) : intl.formatMessage(messages.none)}</dd>
          </dl>
        )}
        {save.error && (
          <p className="notice notice--error" role="alert">
            {save.error}
          </p>
        )}
        <div className="matrix-dialog__actions">
          <button type="button" className="button button--quiet" onClick={onClose}>
            {intl.formatMessage(editable ? messages.cancel : messages.close)}
          </button>
          {editable && (
            <button type="submit" className="button button--primary" disabled={save.busy}>
              {intl.formatMessage(save.busy ? messages.saving : conflict ? messages.saveAgain : messages.save)}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
