import { useRef, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { matrixImportInvalidSchema, type MatrixImportProblem, type MatrixImportResult } from "../../../shared/api/matrix.js";
import { matrixLimits } from "../../../shared/matrix/matrix.js";
import { positionName } from "../../../shared/matrix/matrixNames.js";
import { ApiFailure, importMatrix } from "../../api.js";
import { useAction } from "../../useAction.js";
import { errorMessages } from "../../i18n/errorMessages.js";
import { isErrorId } from "../../../shared/errors.js";
import { useModalDialog } from "./useModalDialog.js";

const messages = defineMessages<{
  title: { round: string };
  help: NoMessageValues;
  file: NoMessageValues;
  tooBig: NoMessageValues;
  previewing: NoMessageValues;
  problems: { count: number };
  problem: { line: number; column: string; message: string };
  problemNoColumn: { line: number; message: string };
  ready: { targets: number; cells: number; advocates: number };
  done: { targets: number; cells: number; advocates: number };
  line: NoMessageValues;
  target: NoMessageValues;
  act: NoMessageValues;
  position: NoMessageValues;
  advocates: NoMessageValues;
  more: { count: number };
  importButton: NoMessageValues;
  importing: NoMessageValues;
  close: NoMessageValues;
  none: NoMessageValues;
}>({
  title: { id: "matrix.import.title", defaultMessage: "Import positions into {round}" },
  help: {
    id: "matrix.import.help",
    defaultMessage: "A CSV file, one line per government and Act, as the CSV export writes it. You see a preview first; nothing is imported while a line has a problem.",
  },
  file: { id: "matrix.import.file", defaultMessage: "CSV file" },
  tooBig: { id: "matrix.import.tooBig", defaultMessage: "This file is too large to import (at most 1 MB)." },
  previewing: { id: "matrix.import.previewing", defaultMessage: "Reading the file…" },
  problems: { id: "matrix.import.problems", defaultMessage: "{count, plural, one {# problem: nothing will be imported until it is fixed.} other {# problems: nothing will be imported until they are fixed.}}" },
  problem: { id: "matrix.import.problem", defaultMessage: "Line {line}, {column}: {message}" },
  problemNoColumn: { id: "matrix.import.problemNoColumn", defaultMessage: "Line {line}: {message}" },
  ready: {
    id: "matrix.import.ready",
    defaultMessage:
      "Ready: {targets, plural, one {# new government} other {# new governments}}, {cells, plural, one {# position} other {# positions}}, {advocates, plural, one {# advocate} other {# advocates}}.",
  },
  done: {
    id: "matrix.import.done",
    defaultMessage:
      "Imported: {targets, plural, one {# new government} other {# new governments}}, {cells, plural, one {# position} other {# positions}}, {advocates, plural, one {# advocate} other {# advocates}}.",
  },
  line: { id: "matrix.import.line", defaultMessage: "Line" },
  target: { id: "matrix.import.target", defaultMessage: "Government" },
  act: { id: "matrix.import.act", defaultMessage: "Act" },
  position: { id: "matrix.import.position", defaultMessage: "Position" },
  advocates: { id: "matrix.import.advocates", defaultMessage: "Advocates" },
  more: { id: "matrix.import.more", defaultMessage: "{count, plural, one {and # more line} other {and # more lines}}" },
  importButton: { id: "matrix.import.import", defaultMessage: "Import" },
  importing: { id: "matrix.import.importing", defaultMessage: "Importing…" },
  close: { id: "matrix.import.close", defaultMessage: "Close" },
  none: { id: "matrix.import.none", defaultMessage: "—" },
});

/** Lines of the preview drawn as a table (the summary counts them all). */
const PREVIEW_ROWS = 200;

/**
 * Imports a CSV into one round: the file is read in the browser, the server previews it
 * (`commit: false`) with its problems by line and column, and Import (enabled only when
 * there is none) sends it again to be imported whole or not at all.
 */
export function ImportDialog({ documentId, roundId, roundName, onImported, onClose }: { documentId: string; roundId: string; roundName: string; onImported: () => void; onClose: () => void }) {
  const intl = useIntl();
  const dialog = useModalDialog();
  // The file's text and the server's preview of that very text: Import sends only what was previewed.
  const [loaded, setLoaded] = useState<{ csv: string; preview: MatrixImportResult } | null>(null);
  const [reading, setReading] = useState(false);
  const [tooBig, setTooBig] = useState(false);
  const [done, setDone] = useState<MatrixImportResult | null>(null);
  const action = useAction();
  // Each pick is numbered: a late answer about an earlier file is dropped.
  const picks = useRef(0);

  function pick(file: File | undefined) {
    const mine = ++picks.current;
    setLoaded(null);
    setDone(null);
    action.clear();
    setTooBig(false);
    setReading(false);
    if (!file) return;
    if (file.size > matrixLimits.importBytes) {
      setTooBig(true);
      return;
    }
    setReading(true);
    const reader = new FileReader();
    reader.onload = () => {
      if (mine !== picks.current) return;
      const csv = typeof reader.result === "string" ? reader.result : "";
      void action.run(async () => {
        try {
          const preview = await importMatrix(documentId, { roundId, csv, commit: false });
          if (mine === picks.current) setLoaded({ csv, preview });
        } catch (failure) {
          if (mine === picks.current) throw failure;
        } finally {
          if (mine === picks.current) setReading(false);
        }
      });
    };
    reader.onerror = () => {
      if (mine === picks.current) setReading(false);
    };
    reader.readAsText(file);
  }

  async function commit() {
    if (loaded === null) return;
    const mine = picks.current;
    await action.run(async () => {
      try {
        const result = await importMatrix(documentId, { roundId, csv: loaded.csv, commit: true });
        onImported();
        if (mine !== picks.current) return;
        setDone(result);
        setLoaded(null);
      } catch (failure) {
        // Refused whole (the data changed since the preview): its problems replace the preview's.
        const refusal = failure instanceof ApiFailure && failure.id === "matrix_import_invalid" ? matrixImportInvalidSchema.safeParse(failure.details) : null;
        const problems = refusal?.success ? refusal.data.problems : undefined;
        if (!problems?.length) throw failure;
        if (mine === picks.current) setLoaded({ csv: loaded.csv, preview: { ...loaded.preview, problems, summary: { targetsAdded: 0, cellsSet: 0, advocatesAdded: 0 } } });
      }
    });
  }

  const preview = loaded?.preview ?? null;
  const problems = preview?.problems ?? [];
  // A problem the interface knows is said in its language; another in the server's words.
  const problemText = (problem: MatrixImportProblem) => (isErrorId(problem.id) ? intl.formatMessage(errorMessages[problem.id]) : problem.message);
  const summary = (result: MatrixImportResult) => ({ targets: result.summary.targetsAdded, cells: result.summary.cellsSet, advocates: result.summary.advocatesAdded });
  return (
    <dialog
      ref={dialog}
      className="matrix-dialog matrix-dialog--wide"
      aria-labelledby="matrix-import-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="matrix-import-title">{intl.formatMessage(messages.title, { round: roundName })}</h2>
      <p className="muted small">{intl.formatMessage(messages.help)}</p>
      <label className="field">
        <span>{intl.formatMessage(messages.file)}</span>
        <input type="file" accept=".csv,text/csv" onChange={(event) => pick(event.target.files?.[0])} />
      </label>
      {tooBig && (
        <p className="notice notice--error" role="alert">
          {intl.formatMessage(messages.tooBig)}
        </p>
      )}
      {reading && <p className="muted" role="status">{intl.formatMessage(messages.previewing)}</p>}
      {action.error && (
        <p className="notice notice--error" role="alert">
          {action.error}
        </p>
      )}
      {done && (
        <p className="notice notice--ok" role="status">
          {intl.formatMessage(messages.done, summary(done))}
        </p>
      )}
      {preview && problems.length > 0 && (
        <div className="notice notice--error" role="alert">
          <p>{intl.formatMessage(messages.problems, { count: problems.length })}</p>
          <ul className="matrix-import__problems">
            {problems.map((problem, index) => (
              <li key={index}>
                {problem.column
                  ? intl.formatMessage(messages.problem, { line: problem.line, column: problem.column, message: problemText(problem) })
                  : intl.formatMessage(messages.problemNoColumn, { line: problem.line, message: problemText(problem) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && problems.length === 0 && (
        <p className="notice notice--ok" role="status">
          {intl.formatMessage(messages.ready, summary(preview))}
        </p>
      )}
      {preview && preview.rows.length > 0 && (
        <div className="matrix-import__preview">
          <table className="matrix-import__table">
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(messages.line)}</th>
                <th scope="col">{intl.formatMessage(messages.target)}</th>
                <th scope="col">{intl.formatMessage(messages.act)}</th>
                <th scope="col">{intl.formatMessage(messages.position)}</th>
                <th scope="col">{intl.formatMessage(messages.advocates)}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, PREVIEW_ROWS).map((row) => (
                <tr key={row.line} className={problems.some((problem) => problem.line === row.line) ? "matrix-import__bad" : undefined}>
                  <td>{row.line}</td>
                  <td>{row.target}</td>
                  <td>{row.act ?? intl.formatMessage(messages.none)}</td>
                  <td>{row.position ? positionName(intl, row.position) : intl.formatMessage(messages.none)}</td>
                  <td>{row.advocates.map((advocate) => advocate.organisation).join(", ") || intl.formatMessage(messages.none)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.rows.length > PREVIEW_ROWS && <p className="muted small">{intl.formatMessage(messages.more, { count: preview.rows.length - PREVIEW_ROWS })}</p>}
        </div>
      )}
      <div className="matrix-dialog__actions">
        <button type="button" className="button button--quiet" onClick={onClose}>
          {intl.formatMessage(messages.close)}
        </button>
        <button type="button" className="button button--primary" disabled={!preview || problems.length > 0 || action.busy} onClick={() => void commit()}>
          {intl.formatMessage(action.busy && preview ? messages.importing : messages.importButton)}
        </button>
      </div>
    </dialog>
  );
}
