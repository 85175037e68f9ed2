import type { ComparisonResult } from "../../../shared/api.js";

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
function PlusMinus({ added, removed, what }: { added: number; removed: number; what: string }) {
  if (!added && !removed) return null;
  return (
    <>
      <span aria-hidden="true">
        {added > 0 && <span className="compare__plus">+{added}</span>}
        {added > 0 && removed > 0 && " "}
        {removed > 0 && <span className="compare__minus">−{removed}</span>}
      </span>
      <span className="sr-only">
        {added} {what} added, {removed} removed
      </span>
    </>
  );
}

const statusLabel = { added: "added", removed: "removed", changed: "changed", moved: "moved", unchanged: "" } as const;

/** A comparison, Act by Act: summary table, then each changed clause with inline word changes. */
export function CompareView({ comparison, onlyChanged }: { comparison: ComparisonResult; onlyChanged: boolean }) {
  const acts = comparison.acts.filter((act) => !onlyChanged || act.status !== "unchanged");
  return (
    <div className="compare">
      <table className="table table--compact compare__summary" aria-label="Changes per Act">
        <thead>
          <tr>
            <th>Act</th>
            <th className="compare__detail">Words added</th>
            <th className="compare__detail">Words removed</th>
            <th className="compare__detail">Clauses added</th>
            <th className="compare__detail">Clauses removed</th>
            <th className="compare__combined">Words</th>
            <th className="compare__combined">Clauses</th>
          </tr>
        </thead>
        <tbody>
          {comparison.acts.map((act) => (
            <tr key={`${act.id}-${act.number}`} className={act.status === "unchanged" ? "muted" : ""}>
              <td>
                {act.number}. {act.title}
              </td>
              <td className="num compare__detail">{act.summary.wordsAdded || ""}</td>
              <td className="num compare__detail">{act.summary.wordsRemoved || ""}</td>
              <td className="num compare__detail">{act.summary.clausesAdded || ""}</td>
              <td className="num compare__detail">{act.summary.clausesRemoved || ""}</td>
              <td className="compare__combined">
                <PlusMinus added={act.summary.wordsAdded} removed={act.summary.wordsRemoved} what="words" />
              </td>
              <td className="compare__combined">
                <PlusMinus added={act.summary.clausesAdded} removed={act.summary.clausesRemoved} what="clauses" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {acts.length === 0 && <p className="muted">No differences.</p>}
      {acts.map((act) => (
        <section key={`${act.id}-${act.number}`} className="compare__act" data-act={act.number}>
          <h3>
            <span className="compare__act-number">Act {act.number}</span> <Parts parts={act.titleParts.length > 0 ? act.titleParts : [{ op: "equal", text: act.title }]} />
            {act.status !== "changed" && act.status !== "unchanged" && <span className="chip">{act.status}</span>}
          </h3>
          {act.items
            .filter((item) => !onlyChanged || item.status !== "unchanged")
            .map((item, index) => (
              <div key={item.id ?? index} className={`compare__item compare__item--${item.status}${item.kind === "note" ? " compare__item--note" : ""}`} data-clause={item.toNumber ?? item.fromNumber ?? ""}>
                <div className="compare__number">
                  {item.kind === "clause" ? (item.toNumber ?? item.fromNumber) : "Note"}
                  {statusLabel[item.status] && <span className={`chip compare__status compare__status--${item.status}`}>{statusLabel[item.status]}</span>}
                  {item.status === "moved" && <span className="muted small">from {item.fromNumber}</span>}
                </div>
                <div className="compare__text">
                  {item.kind === "note" && (
                    <div className="compare__region">
                      Region:{" "}
                      {item.fromRegion !== undefined && item.fromRegion !== item.toRegion ? (
                        <>
                          <del>{item.fromRegion || "none"}</del> <ins>{item.toRegion || "none"}</ins>
                        </>
                      ) : (
                        (item.toRegion ?? item.fromRegion) || "none"
                      )}
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
