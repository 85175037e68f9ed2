import { useId } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { MatrixCell, MatrixView } from "../../../shared/api/matrix.js";
import { positionColours } from "../../../shared/matrix/colours.js";
import { positionMarks, positionName } from "../../../shared/matrix/matrixNames.js";
import { useFormats } from "../../i18n/useFormats.js";
import type { RoundPositions } from "./governmentView.js";

const messages = defineMessages<{
  title: NoMessageValues;
  caption: { target: string };
  round: NoMessageValues;
  act: { number: number };
  actTitle: { number: number; title: string };
  priority: NoMessageValues;
  empty: NoMessageValues;
  noRounds: NoMessageValues;
  details: NoMessageValues;
  noDetails: NoMessageValues;
  where: { round: string; act: number };
  internal: NoMessageValues;
  internalHidden: NoMessageValues;
  evidence: NoMessageValues;
  evidenceDate: { date: string };
  recorded: { name: string; date: string };
}>({
  title: { id: "matrixGovernment.positions", defaultMessage: "Positions over rounds" },
  caption: { id: "matrixGovernment.positionsCaption", defaultMessage: "Positions of {target}, round by round and Act by Act" },
  round: { id: "matrixGovernment.positionsRound", defaultMessage: "Round" },
  act: { id: "matrixGovernment.positionsAct", defaultMessage: "Act {number}" },
  actTitle: { id: "matrixGovernment.positionsActTitle", defaultMessage: "Act {number}: {title}" },
  priority: { id: "matrixGovernment.positionsPriority", defaultMessage: "(matters here)" },
  empty: { id: "matrixGovernment.positionsEmpty", defaultMessage: "not recorded" },
  noRounds: { id: "matrixGovernment.positionsNoRounds", defaultMessage: "The statement has no round yet: positions are recorded per round." },
  details: { id: "matrixGovernment.positionsDetails", defaultMessage: "Notes and evidence" },
  noDetails: { id: "matrixGovernment.positionsNoDetails", defaultMessage: "No note or evidence recorded yet." },
  where: { id: "matrixGovernment.positionsWhere", defaultMessage: "{round}, Act {act}" },
  internal: { id: "matrixGovernment.positionsInternal", defaultMessage: "Internal note" },
  internalHidden: { id: "matrixGovernment.positionsInternalHidden", defaultMessage: "Internal note hidden" },
  evidence: { id: "matrixGovernment.positionsEvidence", defaultMessage: "Evidence" },
  evidenceDate: { id: "matrixGovernment.positionsEvidenceDate", defaultMessage: "of {date}" },
  recorded: { id: "matrixGovernment.positionsRecorded", defaultMessage: "Recorded by {name}, {date}" },
});

/** A recorded position: its colour and its mark, and its name for every reader. */
export function PositionBadge({ position }: { position: MatrixCell["position"] }) {
  const intl = useIntl();
  const colours = positionColours[position];
  return (
    <span className="matrix-position" style={{ background: colours.fill, color: colours.text }}>
      <span aria-hidden="true" className="matrix-position__mark">
        {positionMarks[position]}
      </span>
      {positionName(intl, position)}
    </span>
  );
}

/** Whether a cell has anything besides its position to show. */
function hasDetails(cell: MatrixCell): boolean {
  return cell.note !== "" || cell.evidenceUrl !== "" || cell.evidenceQuote !== "";
}

/**
 * A target's positions as a table of rounds × Acts (colour and mark, the Acts that matter
 * with it marked), then each recorded position's note and evidence. An internal note the
 * reader may not see comes as null: it is said to be hidden, nothing more.
 */
export function PositionsOverRounds({ targetLabel, acts, priorities, rows }: { targetLabel: string; acts: MatrixView["acts"]; priorities: readonly number[]; rows: RoundPositions[] }) {
  const intl = useIntl();
  const formats = useFormats();
  const headingId = useId();
  const detailed = rows.flatMap((row) => acts.flatMap((act) => {
    const cell = row.cells.get(act.number);
    return cell && hasDetails(cell) ? [{ round: row.round, act: act.number, cell }] : [];
  }));
  return (
    <section className="card matrix-government__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{intl.formatMessage(messages.title)}</h2>
      {rows.length === 0 ? (
        <p className="muted">{intl.formatMessage(messages.noRounds)}</p>
      ) : (
        <div className="matrix-rounds" tabIndex={0} role="region" aria-labelledby={headingId}>
          <table className="matrix-rounds__table">
            <caption className="visually-hidden">{intl.formatMessage(messages.caption, { target: targetLabel })}</caption>
            <thead>
              <tr>
                <th scope="col">{intl.formatMessage(messages.round)}</th>
                {acts.map((act) => (
                  <th key={act.number} scope="col" title={intl.formatMessage(messages.actTitle, { number: act.number, title: act.title })} className={priorities.includes(act.number) ? "matrix-rounds__priority" : undefined}>
                    {intl.formatMessage(messages.act, { number: act.number })}
                    {priorities.includes(act.number) && <span className="visually-hidden"> {intl.formatMessage(messages.priority)}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ round, cells }) => (
                <tr key={round.id}>
                  <th scope="row" dir="auto">
                    {round.name}
                  </th>
                  {acts.map((act) => {
                    const cell = cells.get(act.number);
                    return <td key={act.number}>{cell ? <PositionBadge position={cell.position} /> : <span className="matrix-rounds__empty"><span className="visually-hidden">{intl.formatMessage(messages.empty)}</span></span>}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{intl.formatMessage(messages.details)}</h3>
      {detailed.length === 0 ? (
        <p className="muted small">{intl.formatMessage(messages.noDetails)}</p>
      ) : (
        <ul className="matrix-notes">
          {detailed.map(({ round, act, cell }) => (
            <li key={`${round.id}-${act}`}>
              <p className="matrix-notes__where">
                <strong dir="auto">{intl.formatMessage(messages.where, { round: round.name, act })}</strong> <PositionBadge position={cell.position} />
              </p>
              {cell.note === null ? (
                <p className="muted small">{intl.formatMessage(messages.internalHidden)}</p>
              ) : cell.note !== "" ? (
                <p dir="auto">
                  {/* A <bdi>: the note's own words, not the badge's, set the paragraph's direction. */}
                  {cell.internal && <bdi className="badge">{intl.formatMessage(messages.internal)}</bdi>} {cell.note}
                </p>
              ) : null}
              {(cell.evidenceUrl !== "" || cell.evidenceQuote !== "") && (
                <p className="small matrix-notes__evidence">
                  <span className="muted">{intl.formatMessage(messages.evidence)}</span>
                  {cell.evidenceQuote !== "" && <q dir="auto">{cell.evidenceQuote}</q>}
                  {cell.evidenceUrl !== "" && (
                    <a href={cell.evidenceUrl} target="_blank" rel="noopener noreferrer" dir="ltr" className="matrix-notes__link">
                      {cell.evidenceUrl}
                    </a>
                  )}
                  {cell.evidenceDate !== "" && <span className="muted">{intl.formatMessage(messages.evidenceDate, { date: formats.date(`${cell.evidenceDate}T00:00:00`) })}</span>}
                </p>
              )}
              <p className="muted small">{intl.formatMessage(messages.recorded, { name: cell.recordedBy.name, date: formats.dateTime(cell.recordedAt) })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
