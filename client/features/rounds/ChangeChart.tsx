import type { ComparisonResult } from "../../../shared/api.js";

const colors = ["#93c5fd", "#60a5fa", "#3b82f6", "#2563eb", "#1d4ed8", "#1e3a8a"];

/**
 * Which Acts changed most since the first version: for each later version (and the live
 * text), the words added and removed per Act, as bars.
 */
export function ChangeChart({ series }: { series: { label: string; comparison: ComparisonResult }[] }) {
  if (series.length === 0) return null;
  const acts = series[series.length - 1]!.comparison.acts.filter((act) => act.status !== "removed");
  const changed = (comparison: ComparisonResult, number: number) => {
    const act = comparison.acts.find((a) => a.number === number);
    return act ? act.summary.wordsAdded + act.summary.wordsRemoved : 0;
  };
  const max = Math.max(1, ...series.flatMap((s) => acts.map((a) => changed(s.comparison, a.number))));
  const rowHeight = 8 * series.length + 10;
  const width = 520;
  const labelWidth = 210;
  return (
    <figure className="chart">
      <svg width={width} height={acts.length * rowHeight + 6} role="img" aria-label="Words changed per Act since the first version">
        {acts.map((act, row) => (
          <g key={act.number} transform={`translate(0 ${row * rowHeight})`}>
            <text x={0} y={rowHeight / 2 + 4} fontSize={12} fill="#374151">
              {`${act.number}. ${act.title}`.slice(0, 32)}
            </text>
            {series.map((s, i) => {
              const value = changed(s.comparison, act.number);
              return (
                <g key={s.label}>
                  <rect x={labelWidth} y={4 + i * 8} width={Math.max(value > 0 ? 2 : 0, ((width - labelWidth - 40) * value) / max)} height={6} rx={2} fill={colors[i % colors.length]} />
                  {value > 0 && i === series.length - 1 && (
                    <text x={labelWidth + ((width - labelWidth - 40) * value) / max + 4} y={4 + i * 8 + 6} fontSize={10} fill="#6b7280">
                      {value}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
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
