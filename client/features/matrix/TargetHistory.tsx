import { useId } from "react";
import { defineMessages, useIntl, type IntlShape, type NoMessageValues } from "react-intl";
import type { MatrixHistory } from "../../../shared/api/matrix.js";
import { positionName } from "../../../shared/matrix/matrixNames.js";
import { useFormats } from "../../i18n/useFormats.js";

type Entry = MatrixHistory["entries"][number];

const messages = defineMessages<{
  title: NoMessageValues;
  none: NoMessageValues;
  someone: NoMessageValues;
  cellFirst: { who: string; act: number; after: string; round: string };
  cellChanged: { who: string; act: number; before: string; after: string; round: string };
  targetAdded: { who: string };
  actsSet: { who: string; acts: string };
  actsCleared: { who: string };
  advocateAdded: { who: string; organisation: string };
  advocateChanged: { who: string; organisation: string };
  advocateRemoved: { who: string; organisation: string };
  imported: { who: string; act: number; after: string; round: string };
  importedTarget: { who: string };
  other: { who: string };
  loading: NoMessageValues;
}>({
  title: { id: "matrixGovernment.history", defaultMessage: "History of changes" },
  none: { id: "matrixGovernment.historyNone", defaultMessage: "No change recorded yet." },
  someone: { id: "matrixGovernment.historySomeone", defaultMessage: "Someone" },
  cellFirst: { id: "matrixGovernment.historyCellFirst", defaultMessage: "{who} recorded “{after}” on Act {act} in {round}." },
  cellChanged: { id: "matrixGovernment.historyCellChanged", defaultMessage: "{who} changed Act {act} in {round} from “{before}” to “{after}”." },
  targetAdded: { id: "matrixGovernment.historyTargetAdded", defaultMessage: "{who} added this government to the matrix." },
  actsSet: { id: "matrixGovernment.historyActsSet", defaultMessage: "{who} set the Acts that matter here: {acts}." },
  actsCleared: { id: "matrixGovernment.historyActsCleared", defaultMessage: "{who} cleared the Acts that matter here." },
  advocateAdded: { id: "matrixGovernment.historyAdvocateAdded", defaultMessage: "{who} added {organisation} as an advocate." },
  advocateChanged: { id: "matrixGovernment.historyAdvocateChanged", defaultMessage: "{who} changed the advocate {organisation}." },
  advocateRemoved: { id: "matrixGovernment.historyAdvocateRemoved", defaultMessage: "{who} removed the advocate {organisation}." },
  imported: { id: "matrixGovernment.historyImported", defaultMessage: "{who} imported “{after}” on Act {act} in {round}." },
  importedTarget: { id: "matrixGovernment.historyImportedTarget", defaultMessage: "{who} imported this government's line from a file." },
  other: { id: "matrixGovernment.historyOther", defaultMessage: "{who} changed this government's entry." },
  loading: { id: "matrixGovernment.historyLoading", defaultMessage: "Loading the history…" },
});

/** One change as a sentence in the reader's language (the stored action ids, server/storage/Storage.ts StoredMatrixChange, are never shown). */
export function historySentence(intl: IntlShape, entry: Entry): string {
  const who = entry.by?.name ?? intl.formatMessage(messages.someone);
  const organisation = entry.detail ?? "";
  switch (entry.action) {
    case "cell_set": {
      const round = entry.roundName ?? "";
      const after = positionName(intl, entry.after ?? "unknown");
      const act = entry.act ?? 0;
      return entry.before ? intl.formatMessage(messages.cellChanged, { who, act, round, after, before: positionName(intl, entry.before) }) : intl.formatMessage(messages.cellFirst, { who, act, round, after });
    }
    case "target_added":
      return intl.formatMessage(messages.targetAdded, { who });
    case "target_acts_set":
      return entry.detail ? intl.formatMessage(messages.actsSet, { who, acts: entry.detail }) : intl.formatMessage(messages.actsCleared, { who });
    case "advocate_added":
      return intl.formatMessage(messages.advocateAdded, { who, organisation });
    case "advocate_changed":
      return intl.formatMessage(messages.advocateChanged, { who, organisation });
    case "advocate_removed":
      return intl.formatMessage(messages.advocateRemoved, { who, organisation });
    case "imported":
      return entry.act !== null && entry.after
        ? intl.formatMessage(messages.imported, { who, act: entry.act, round: entry.roundName ?? "", after: positionName(intl, entry.after) })
        : intl.formatMessage(messages.importedTarget, { who });
    default:
      return intl.formatMessage(messages.other, { who });
  }
}

/** A target's changes, newest first (as the server sends them): when, and who did what in a sentence. */
export function TargetHistory({ history }: { history: MatrixHistory | null }) {
  const intl = useIntl();
  const formats = useFormats();
  const headingId = useId();
  return (
    <section className="card matrix-government__section" aria-labelledby={headingId}>
      <h2 id={headingId}>{intl.formatMessage(messages.title)}</h2>
      {history === null ? (
        <p className="muted">{intl.formatMessage(messages.loading)}</p>
      ) : history.entries.length === 0 ? (
        <p className="muted">{intl.formatMessage(messages.none)}</p>
      ) : (
        <ol className="matrix-history">
          {history.entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <time dateTime={entry.at} title={formats.dateTime(entry.at)} className="muted small">
                {formats.when(entry.at)}
              </time>
              <span dir="auto">{historySentence(intl, entry)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
