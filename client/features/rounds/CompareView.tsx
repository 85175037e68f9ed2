import { defineMessages, FormattedMessage, useIntl, type MessageValue, type NoMessageValues } from "react-intl";
import type { ComparisonResult } from "../../../shared/api.js";
import { useFormats } from "../../i18n/useFormats.js";

/** A status said of an Act, a clause or a regional note, for languages whose words agree with it. */
type StatusOf = { kind: "act" | "clause" | "note" };

/** What each message is given (none for most). */
type Values = {
  plus: { count: number };
  minus: { count: number };
  wordsAddedRemoved: { added: number; removed: number };
  clausesAddedRemoved: { added: number; removed: number };
  statusAdded: StatusOf;
  statusRemoved: StatusOf;
  statusChanged: StatusOf;
  statusMoved: StatusOf;
  perAct: NoMessageValues;
  act: NoMessageValues;
  wordsAdded: NoMessageValues;
  wordsRemoved: NoMessageValues;
  clausesAdded: NoMessageValues;
  clausesRemoved: NoMessageValues;
  words: NoMessageValues;
  clauses: NoMessageValues;
  actRow: { number: string; title: string };
  noDifferences: NoMessageValues;
  actNumber: { number: string };
  note: NoMessageValues;
  movedFrom: { number: string };
  region: { region: MessageValue };
  noRegion: NoMessageValues;
};

const messages = defineMessages<Values>({
  plus: { id: "compare.plus", defaultMessage: "+{count}" },
  minus: { id: "compare.minus", defaultMessage: "−{count}" },
  wordsAddedRemoved: {
    id: "compare.wordsAddedRemoved",
    defaultMessage: "{added, plural, one {# word added} other {# words added}}, {removed, plural, one {# removed} other {# removed}}",
  },
  clausesAddedRemoved: {
    id: "compare.clausesAddedRemoved",
    defaultMessage: "{added, plural, one {# clause added} other {# clauses added}}, {removed, plural, one {# removed} other {# removed}}",
  },
  statusAdded: { id: "compare.statusAdded", defaultMessage: "{kind, select, act {added} note {added} other {added}}" },
  statusRemoved: { id: "compare.statusRemoved", defaultMessage: "{kind, select, act {removed} note {removed} other {removed}}" },
  statusChanged: { id: "compare.statusChanged", defaultMessage: "{kind, select, act {changed} note {changed} other {changed}}" },
  statusMoved: { id: "compare.statusMoved", defaultMessage: "{kind, select, act {moved} note {moved} other {moved}}" },
  perAct: { id: "compare.perAct", defaultMessage: "Changes per Act" },
  act: { id: "compare.act", defaultMessage: "Act" },
  wordsAdded: { id: "compare.wordsAdded", defaultMessage: "Words added" },
  wordsRemoved: { id: "compare.wordsRemoved", defaultMessage: "Words removed" },
  clausesAdded: { id: "compare.clausesAdded", defaultMessage: "Clauses added" },
  clausesRemoved: { id: "compare.clausesRemoved", defaultMessage: "Clauses removed" },
  words: { id: "compare.words", defaultMessage: "Words" },
  clauses: { id: "compare.clauses", defaultMessage: "Clauses" },
  actRow: { id: "compare.actRow", defaultMessage: "{number}. {title}" },
  noDifferences: { id: "compare.noDifferences", defaultMessage: "No differences." },
  actNumber: { id: "compare.actNumber", defaultMessage: "Act {number}" },
  note: { id: "compare.note", defaultMessage: "Note" },
  movedFrom: { id: "compare.movedFrom", defaultMessage: "from {number}" },
  region: { id: "compare.region", defaultMessage: "Region: {region}" },
  noRegion: { id: "compare.noRegion", defaultMessage: "none" },
});

type Part = ComparisonResult["acts"][number]["items"][number]["parts"][number];

function Parts({ parts }: { parts: Part[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.op === "insert" ? (
          <ins key={index}>{part.text}</ins>
        ) : part.op === "delete" ? (
          <del key={index}>{part.text}</del>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** "+3 −1" where a phone has no room for two columns; read out as "3 words added, 1 removed". */
function PlusMinus({ added, removed, said }: { added: number; removed: number; said: typeof messages.wordsAddedRemoved | typeof messages.clausesAddedRemoved }) {
  const intl = useIntl();
  if (!added && !removed) return null;
  return (
    <>
      <span aria-hidden="true">
        {added > 0 && <span className="compare__plus">{intl.formatMessage(messages.plus, { count: added })}</span>}
        {added > 0 && removed > 0 && <> </>}
        {removed > 0 && <span className="compare__minus">{intl.formatMessage(messages.minus, { count: removed })}</span>}
      </span>
      <span className="sr-only">{intl.formatMessage(said, { added, removed })}</span>
    </>
  );
}

/** The chip beside an Act or clause that is not simply changed. */
const statusLabel = { added: messages.statusAdded, removed: messages.statusRemoved, changed: messages.statusChanged, moved: messages.statusMoved, unchanged: null } as const;

/** A comparison, Act by Act: summary table, then each changed clause with inline word changes. */
export function CompareView({ comparison, onlyChanged }: { comparison: ComparisonResult; onlyChanged: boolean }) {
  const intl = useIntl();
  const formats = useFormats();
  const acts = comparison.acts.filter((act) => !onlyChanged || act.status !== "unchanged");
  // Counts in the table: blank when nothing changed.
  const count = (value: number) => (value ? formats.number(value) : "");
  const none = intl.formatMessage(messages.noRegion);
  return (
    <div className="compare">
      <table className="table table--compact compare__summary" aria-label={intl.formatMessage(messages.perAct)}>
        <thead>
          <tr>
            <th>{intl.formatMessage(messages.act)}</th>
            <th className="compare__detail">{intl.formatMessage(messages.wordsAdded)}</th>
            <th className="compare__detail">{intl.formatMessage(messages.wordsRemoved)}</th>
            <th className="compare__detail">{intl.formatMessage(messages.clausesAdded)}</th>
            <th className="compare__detail">{intl.formatMessage(messages.clausesRemoved)}</th>
            <th className="compare__combined">{intl.formatMessage(messages.words)}</th>
            <th className="compare__combined">{intl.formatMessage(messages.clauses)}</th>
          </tr>
        </thead>
        <tbody>
          {comparison.acts.map((act) => (
            <tr key={`${act.id}-${act.number}`} className={act.status === "unchanged" ? "muted" : ""}>
              <td>{intl.formatMessage(messages.actRow, { number: String(act.number), title: act.title })}</td>
              <td className="num compare__detail">{count(act.summary.wordsAdded)}</td>
              <td className="num compare__detail">{count(act.summary.wordsRemoved)}</td>
              <td className="num compare__detail">{count(act.summary.clausesAdded)}</td>
              <td className="num compare__detail">{count(act.summary.clausesRemoved)}</td>
              <td className="compare__combined">
                <PlusMinus added={act.summary.wordsAdded} removed={act.summary.wordsRemoved} said={messages.wordsAddedRemoved} />
              </td>
              <td className="compare__combined">
                <PlusMinus added={act.summary.clausesAdded} removed={act.summary.clausesRemoved} said={messages.clausesAddedRemoved} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {acts.length === 0 && <p className="muted">{intl.formatMessage(messages.noDifferences)}</p>}
      {acts.map((act) => (
        <section key={`${act.id}-${act.number}`} className="compare__act" data-act={act.number}>
          <h3>
            <span className="compare__act-number">{intl.formatMessage(messages.actNumber, { number: String(act.number) })}</span> <Parts parts={act.titleParts.length > 0 ? act.titleParts : [{ op: "equal", text: act.title }]} />
            {act.status !== "changed" && act.status !== "unchanged" && <span className="chip">{intl.formatMessage(statusLabel[act.status], { kind: "act" })}</span>}
          </h3>
          {act.items
            .filter((item) => !onlyChanged || item.status !== "unchanged")
            .map((item, index) => (
              <div key={item.id ?? index} className={`compare__item compare__item--${item.status}${item.kind === "note" ? " compare__item--note" : ""}`} data-clause={item.toNumber ?? item.fromNumber ?? ""}>
                <div className="compare__number">
                  {item.kind === "clause" ? (item.toNumber ?? item.fromNumber) : intl.formatMessage(messages.note)}
                  {item.status !== "unchanged" && <span className={`chip compare__status compare__status--${item.status}`}>{intl.formatMessage(statusLabel[item.status], { kind: item.kind })}</span>}
                  {item.status === "moved" && <span className="muted small">{intl.formatMessage(messages.movedFrom, { number: item.fromNumber ?? "" })}</span>}
                </div>
                <div className="compare__text">
                  {item.kind === "note" && (
                    <div className="compare__region">
                      <FormattedMessage
                        {...messages.region}
                        values={{
                          region:
                            item.fromRegion !== undefined && item.fromRegion !== item.toRegion ? (
                              <>
                                <del>{item.fromRegion || none}</del> <ins>{item.toRegion || none}</ins>
                              </>
                            ) : (
                              (item.toRegion ?? item.fromRegion) || none
                            ),
                        }}
                      />
                    </div>
                  )}
                  <Parts parts={item.parts} />
                </div>
              </div>
            ))}
        </section>
      ))}
    </div>
  );
}
