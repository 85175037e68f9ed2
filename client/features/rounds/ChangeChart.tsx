import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import type { ComparisonResult } from "../../../shared/api.js";
import { useFormats } from "../../i18n/useFormats.js";

/** What each message is given (none for most). */
type Values = {
  rows: NoMessageValues;
  untitled: NoMessageValues;
  value: { series: string; count: number };
};

const messages = defineMessages<Values>({
  rows: { id: "compare.chartRows", defaultMessage: "Words changed per Act since the first version" },
  untitled: { id: "compare.chartUntitledAct", defaultMessage: "Untitled Act" },
  value: { id: "compare.chartValue", defaultMessage: "{series}: {count, plural, one {# word changed} other {# words changed}}." },
});

const colors = ["#93c5fd", "#60a5fa", "#3b82f6", "#2563eb", "#1d4ed8", "#1e3a8a"];

/**
 * Which Acts changed most since the first version: for each later version (and the live
 * text), the words added and removed per Act, as bars. Drawn in HTML rather than SVG so an
 * Act's title wraps and reads in full at any width, beside its bars or (on a phone) above them.
 */
export function ChangeChart({ series }: { series: { label: string; comparison: ComparisonResult }[] }) {
  const intl = useIntl();
  const formats = useFormats();
  if (series.length === 0) return null;
  const acts = series[series.length - 1]!.comparison.acts.filter((act) => act.status !== "removed");
  const changed = (comparison: ComparisonResult, number: number) => {
    const act = comparison.acts.find((a) => a.number === number);
    return act ? act.summary.wordsAdded + act.summary.wordsRemoved : 0;
  };
  const max = Math.max(1, ...series.flatMap((s) => acts.map((a) => changed(s.comparison, a.number))));
  return (
    <figure className="chart">
      <ol className="chart__rows" aria-label={intl.formatMessage(messages.rows)}>
        {acts.map((act) => (
          <li key={act.number} className="chart__row">
            <span className="chart__label">
              <span className="chart__number">{act.number}</span> {act.title || intl.formatMessage(messages.untitled)}
            </span>
            <span className="chart__bars">
              {series.map((s, i) => {
                const value = changed(s.comparison, act.number);
                // Bars leave room for their number; a change too small to see still shows a sliver.
                const width = value > 0 ? Math.max(0.5, (88 * value) / max) : 0;
                return (
                  <span key={s.label} className="chart__line">
                    <span className="chart__bar" style={{ width: `${width}%`, background: colors[i % colors.length] }} aria-hidden="true" />
                    {value > 0 && i === series.length - 1 && (
                      <span className="chart__value" aria-hidden="true">
                        {formats.number(value)}
                      </span>
                    )}
                    <span className="sr-only">{intl.formatMessage(messages.value, { series: s.label, count: value })}</span>
                  </span>
                );
              })}
            </span>
          </li>
        ))}
      </ol>
      <figcaption className="chart__legend">
        {series.map((s, i) => (
          <span key={s.label}>
            <i style={{ background: colors[i % colors.length] }} /> {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
