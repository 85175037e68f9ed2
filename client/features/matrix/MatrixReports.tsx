import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { Link } from "wouter";
import type { MatrixTarget } from "../../../shared/api/matrix.js";
import { channels } from "../../../shared/matrix/matrix.js";
import { channelName, positionMarks, positionName } from "../../../shared/matrix/matrixNames.js";
import type { CellChange } from "./matrixFilters.js";

const messages = defineMessages<{
  changesTitle: { round: string };
  noChanges: NoMessageValues;
  noPrevious: NoMessageValues;
  change: { target: string; act: number; before: string; after: string };
  empty: NoMessageValues;
  gapsTitle: NoMessageValues;
  gapsHelp: NoMessageValues;
  gapsAdd: NoMessageValues;
  gapChannel: { channel: string; count: number };
  noGap: NoMessageValues;
}>({
  changesTitle: { id: "matrix.changes.title", defaultMessage: "What changed since {round}" },
  noChanges: { id: "matrix.changes.none", defaultMessage: "No position changed." },
  noPrevious: { id: "matrix.changes.noPrevious", defaultMessage: "This is the first round: there is nothing to compare with yet." },
  change: { id: "matrix.changes.item", defaultMessage: "{target}, Act {act}: {before} → {after}" },
  empty: { id: "matrix.changes.empty", defaultMessage: "not recorded" },
  gapsTitle: { id: "matrix.gaps.title", defaultMessage: "Coverage gaps" },
  gapsHelp: { id: "matrix.gaps.help", defaultMessage: "Governments nobody has committed to reach, channel by channel." },
  gapsAdd: { id: "matrix.gaps.add", defaultMessage: "Open one to add an advocate." },
  gapChannel: { id: "matrix.gaps.channel", defaultMessage: "Nobody in {channel} ({count})" },
  noGap: { id: "matrix.gaps.none", defaultMessage: "Every government shown has someone here." },
});

/** "What changed since <round>": each cell whose position differs from the previous round's. */
export function ChangesList({
  documentId,
  previousRoundName,
  changes,
  targets,
  nameOf,
}: {
  documentId: string;
  previousRoundName: string | null;
  changes: CellChange[];
  targets: MatrixTarget[];
  nameOf: (target: MatrixTarget) => string;
}) {
  const intl = useIntl();
  if (previousRoundName === null) return <p className="muted">{intl.formatMessage(messages.noPrevious)}</p>;
  const byId = new Map(targets.map((target) => [target.id, target]));
  const shown = changes.filter((change) => byId.has(change.targetId));
  const said = (position: CellChange["before"]) => (position ? `${positionMarks[position]} ${positionName(intl, position)}` : intl.formatMessage(messages.empty));
  return (
    <section className="matrix-section" aria-labelledby="matrix-changes-title">
      <h2 id="matrix-changes-title">{intl.formatMessage(messages.changesTitle, { round: previousRoundName })}</h2>
      {shown.length === 0 ? (
        <p className="muted">{intl.formatMessage(messages.noChanges)}</p>
      ) : (
        <ul className="matrix-list">
          {shown.map((change) => {
            const target = byId.get(change.targetId);
            if (!target) return null;
            return (
              <li key={`${change.targetId}:${change.act}`}>
                <Link href={`/d/${documentId}/matrix/t/${target.id}`}>
                  {intl.formatMessage(messages.change, { target: nameOf(target), act: change.act, before: said(change.before), after: said(change.after) })}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Coverage gaps: per channel (capital first), the governments nobody reaches there. */
export function GapsList({
  documentId,
  gaps,
  nameOf,
  canEdit,
}: {
  documentId: string;
  gaps: Record<(typeof channels)[number], MatrixTarget[]>;
  nameOf: (target: MatrixTarget) => string;
  canEdit: boolean;
}) {
  const intl = useIntl();
  const order = ["capital", ...channels.filter((channel) => channel !== "capital")] as const;
  return (
    <section className="matrix-section" aria-labelledby="matrix-gaps-title">
      <h2 id="matrix-gaps-title">{intl.formatMessage(messages.gapsTitle)}</h2>
      <p className="muted small">{intl.formatMessage(messages.gapsHelp)}</p>
      {canEdit && <p className="muted small">{intl.formatMessage(messages.gapsAdd)}</p>}
      <div className="matrix-gaps">
        {order.map((channel) => (
          <div key={channel} className="matrix-gaps__channel">
            <h3>{intl.formatMessage(messages.gapChannel, { channel: channelName(intl, channel), count: gaps[channel].length })}</h3>
            {gaps[channel].length === 0 ? (
              <p className="muted small">{intl.formatMessage(messages.noGap)}</p>
            ) : (
              <ul className="matrix-list">
                {gaps[channel].map((target) => (
                  <li key={target.id}>
                    <Link href={`/d/${documentId}/matrix/t/${target.id}`}>{nameOf(target)}</Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}
