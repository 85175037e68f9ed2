import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "wouter";
import type { ComparisonResult, DocumentDetail, Round, VersionSummary } from "../../../shared/api.js";
import { canManageMembers } from "../../../shared/roles.js";
import { compareVersions, freezeRound, getDocument, listRounds, listVersions, openNextRound, openRound, versionExportUrl } from "../../api.js";
import { messageOf, useAction } from "../../useAction.js";
import { CompareView } from "./CompareView.js";
import { ChangeChart } from "./ChangeChart.js";
import { formatDate, formatDateTime } from "../../format.js";

/** Links to export a version (or the live text), with or without comments and authors. */
export function ExportLinks({ documentId, versionId }: { documentId: string; versionId: string }) {
  const [comments, setComments] = useState(false);
  const [authors, setAuthors] = useState(true);
  const options = { comments, authors };
  return (
    <div className="exports">
      <a className="button" href={versionExportUrl(documentId, versionId, "docx", options)} download>
        DOCX
      </a>
      <a className="button" href={versionExportUrl(documentId, versionId, "md", options)} download>
        Markdown
      </a>
      <a className="button" href={versionExportUrl(documentId, versionId, "html", options)} target="_blank" rel="noreferrer">
        Print / PDF
      </a>
      <label className="checkbox small">
        <input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} /> with comments
      </label>
      {comments && (
        <label className="checkbox small">
          <input type="checkbox" checked={!authors} onChange={(e) => setAuthors(!e.target.checked)} /> without authors (Chatham House)
        </label>
      )}
    </div>
  );
}

function RoundForm({ label, onSubmit }: { label: string; onSubmit: (name: string, date: string) => Promise<unknown> }) {
  const [name, setName] = useState("");
  const [date, setDate] = useState("");
  const { busy, error, run } = useAction();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(() => onSubmit(name.trim(), date));
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={label}>
      <input placeholder="Round, e.g. Draft revision 1" value={name} onChange={(e) => setName(e.target.value)} aria-label="Round name" required />
      <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-label="Date of the governments' draft" required />
      <button type="submit" className="button button--primary" disabled={busy || !name.trim() || !date}>
        {label}
      </button>
      {error && <p role="alert" className="notice notice--error small">{error}</p>}
    </form>
  );
}

/** Rounds, versions, compare and exports of a statement. Chairs open and freeze rounds here. */
export function HistoryPage({ documentId }: { documentId: string }) {
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [from, setFrom] = useState<string>("");
  const [to, setTo] = useState<string>("live");
  const [comparison, setComparison] = useState<ComparisonResult | null>(null);
  const [series, setSeries] = useState<{ label: string; comparison: ComparisonResult }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const freezing = useAction();

  const load = useCallback(async () => {
    try {
      const [d, r, v] = await Promise.all([getDocument(documentId), listRounds(documentId), listVersions(documentId)]);
      setDetail(d);
      setRounds(r.rounds);
      setVersions(v.versions);
      setFrom((current) => current || (v.versions.at(-1)?.id ?? ""));
      const first = v.versions[0];
      if (first) {
        const targets = [...v.versions.slice(1).map((version) => ({ id: version.id, label: version.roundName })), { id: "live", label: "Live text" }];
        setSeries(await Promise.all(targets.map(async (t) => ({ label: t.label, comparison: await compareVersions(documentId, first.id, t.id) }))));
      }
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [documentId]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!from) return;
    let cancelled = false;
    compareVersions(documentId, from, to).then(
      (result) => !cancelled && setComparison(result),
      (failure: unknown) => !cancelled && setError(messageOf(failure)),
    );
    return () => {
      cancelled = true;
    };
  }, [documentId, from, to, versions]);

  if (!detail) return <main className="page page--wide muted">{error ?? "Loading…"}</main>;
  const chair = canManageMembers(detail.role);
  const current = rounds.at(-1);
  const label = (id: string) => (id === "live" ? "Live text" : (versions.find((v) => v.id === id)?.roundName ?? id));
  return (
    <main className="page page--wide">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/d/${documentId}`}>← {detail.title}</Link>
        </p>
        <h1>Rounds and versions</h1>
      </header>
      {error && <p role="alert" className="notice notice--error">{error}</p>}

      <section className="card" aria-label="Rounds">
        <h2>Rounds</h2>
        {rounds.length === 0 && <p className="muted">No round yet. A chair opens one when the governments publish a draft.</p>}
        <ol className="rounds">
          {rounds.map((round) => (
            <li key={round.id} className="rounds__item" data-round={round.name}>
              <div>
                <strong>{round.name}</strong> <span className="muted small">governments' draft of {formatDate(`${round.draftPublished}T12:00:00`)}</span>
                <div className="small">
                  {round.frozenAt ? (
                    <span className="chip chip--ok">Frozen {formatDateTime(round.frozenAt)}</span>
                  ) : (
                    <span className="chip">Drafting</span>
                  )}
                </div>
              </div>
              {round.versionId ? (
                <div className="rounds__actions">
                  <Link className="button" href={`/d/${documentId}/versions/${round.versionId}`}>
                    Open version
                  </Link>
                  <ExportLinks documentId={documentId} versionId={round.versionId} />
                </div>
              ) : (
                chair &&
                !round.frozenAt && (
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={freezing.busy}
                    onClick={() => {
                      if (confirm(`Freeze “${round.name}”? Editing stops for everyone and this version becomes the one submitted.`)) {
                        void freezing.run(async () => {
                          await freezeRound(documentId, round.id);
                          await load();
                        });
                      }
                    }}
                  >
                    Freeze “{round.name}”
                  </button>
                )
              )}
            </li>
          ))}
        </ol>
        {freezing.error && <p role="alert" className="notice notice--error small">{freezing.error}</p>}
        {chair && (!current || current.frozenAt) && (
          <RoundForm
            label={current ? "Open the next round" : "Open a round"}
            onSubmit={async (name, date) => {
              if (current) await openNextRound(documentId, current.id, name, date);
              else await openRound(documentId, name, date);
              await load();
            }}
          />
        )}
        <div className="live-export">
          <span className="small muted">Live text:</span>
          <ExportLinks documentId={documentId} versionId="live" />
        </div>
      </section>

      {versions.length > 0 && (
        <section className="card" aria-label="Compare">
          <h2>Compare</h2>
          <div className="inline-form">
            <select aria-label="Compare from" value={from} onChange={(e) => setFrom(e.target.value)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.roundName}
                </option>
              ))}
            </select>
            <span className="muted">with</span>
            <select aria-label="Compare with" value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="live">Live text</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.roundName}
                </option>
              ))}
            </select>
          </div>
          {comparison && (
            <>
              <p className="small muted">
                {label(from)} → {label(to)}: {comparison.totals.wordsAdded} words added, {comparison.totals.wordsRemoved} removed, {comparison.totals.clausesAdded} clauses added,{" "}
                {comparison.totals.clausesRemoved} removed.
              </p>
              <CompareView comparison={comparison} onlyChanged />
            </>
          )}
          {series.length > 0 && (
            <>
              <h3>Which Acts changed most since “{versions[0]!.roundName}”</h3>
              <ChangeChart series={series} />
            </>
          )}
        </section>
      )}
    </main>
  );
}
