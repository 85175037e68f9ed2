import { useCallback, useEffect, useState, type FormEvent } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { Link } from "wouter";
import type { ComparisonResult, DocumentDetail, Round, VersionSummary } from "../../../shared/api.js";
import { canManageMembers } from "../../../shared/roles.js";
import { compareVersions, freezeRound, getDocument, listRounds, listVersions, openNextRound, openRound, versionExportUrl } from "../../api.js";
import { useAction, useFailure } from "../../useAction.js";
import { CompareView } from "./CompareView.js";
import { ChangeChart } from "./ChangeChart.js";
import { FreezeSchedule } from "./FreezeSchedule.js";
import { useFormats } from "../../i18n/useFormats.js";

/** What each message is given (none for most). */
type Values = {
  exportDocx: NoMessageValues;
  exportMarkdown: NoMessageValues;
  exportPrint: NoMessageValues;
  exportWithComments: NoMessageValues;
  exportWithoutAuthors: NoMessageValues;
  exportWithSuggestions: NoMessageValues;
  exportOptions: NoMessageValues;
  compareWithSuggestions: NoMessageValues;
  roundNamePlaceholder: NoMessageValues;
  roundName: NoMessageValues;
  draftDate: NoMessageValues;
  loading: NoMessageValues;
  back: { title: string };
  title: NoMessageValues;
  rounds: NoMessageValues;
  noRound: NoMessageValues;
  draftOf: { date: string };
  frozen: { date: string };
  drafting: NoMessageValues;
  openVersion: NoMessageValues;
  confirmFreeze: { name: string };
  freeze: { name: string };
  openNext: NoMessageValues;
  openFirst: NoMessageValues;
  liveTextExports: NoMessageValues;
  liveText: NoMessageValues;
  compare: NoMessageValues;
  compareFrom: NoMessageValues;
  compareWith: NoMessageValues;
  compareWithLabel: NoMessageValues;
  totals: { from: string; to: string; wordsAdded: number; wordsRemoved: number; clausesAdded: number; clausesRemoved: number };
  changedMost: { name: string };
};

const messages = defineMessages<Values>({
  exportDocx: { id: "history.exportDocx", defaultMessage: "DOCX" },
  exportMarkdown: { id: "history.exportMarkdown", defaultMessage: "Markdown" },
  exportPrint: { id: "history.exportPrint", defaultMessage: "Print / PDF" },
  exportWithComments: { id: "history.exportWithComments", defaultMessage: "with comments" },
  exportWithoutAuthors: { id: "history.exportWithoutAuthors", defaultMessage: "without authors (Chatham House)" },
  exportWithSuggestions: { id: "history.exportWithSuggestions", defaultMessage: "with suggestions marked (tracked changes)" },
  exportOptions: { id: "history.exportOptions", defaultMessage: "Export" },
  compareWithSuggestions: { id: "compare.withSuggestions", defaultMessage: "Include pending suggestions" },
  roundNamePlaceholder: { id: "rounds.namePlaceholder", defaultMessage: "Round, e.g. Draft revision 1" },
  roundName: { id: "rounds.name", defaultMessage: "Round name" },
  draftDate: { id: "rounds.draftDate", defaultMessage: "Date of the governments' draft" },
  loading: { id: "history.loading", defaultMessage: "Loading…" },
  back: { id: "history.back", defaultMessage: "← {title}" },
  title: { id: "history.title", defaultMessage: "Rounds and versions" },
  rounds: { id: "rounds.title", defaultMessage: "Rounds" },
  noRound: { id: "rounds.none", defaultMessage: "No round yet. A chair opens one when the governments publish a draft." },
  draftOf: { id: "rounds.draftOf", defaultMessage: "governments' draft of {date}" },
  frozen: { id: "rounds.frozen", defaultMessage: "Frozen {date}" },
  drafting: { id: "rounds.drafting", defaultMessage: "Drafting" },
  openVersion: { id: "rounds.openVersion", defaultMessage: "Open version" },
  confirmFreeze: { id: "rounds.confirmFreeze", defaultMessage: "Freeze “{name}”? Editing stops for everyone and this version becomes the one submitted." },
  freeze: { id: "rounds.freeze", defaultMessage: "Freeze “{name}”" },
  openNext: { id: "rounds.openNext", defaultMessage: "Open the next round" },
  openFirst: { id: "rounds.openFirst", defaultMessage: "Open a round" },
  liveTextExports: { id: "history.liveTextExports", defaultMessage: "Live text:" },
  liveText: { id: "history.liveText", defaultMessage: "Live text" },
  compare: { id: "compare.title", defaultMessage: "Compare" },
  compareFrom: { id: "compare.from", defaultMessage: "Compare from" },
  compareWith: { id: "compare.with", defaultMessage: "with" },
  compareWithLabel: { id: "compare.withLabel", defaultMessage: "Compare with" },
  totals: {
    id: "compare.totals",
    defaultMessage:
      "{from} → {to}: {wordsAdded, plural, one {# word added} other {# words added}}, {wordsRemoved, plural, one {# removed} other {# removed}}, {clausesAdded, plural, one {# clause added} other {# clauses added}}, {clausesRemoved, plural, one {# removed} other {# removed}}.",
  },
  changedMost: { id: "compare.changedMost", defaultMessage: "Which Acts changed most since “{name}”" },
});

/**
 * Links to export a version (or the live text), with or without comments and authors;
 * the clean text (pending suggestions left out, as submitted) unless suggestions are asked for.
 */
export function ExportLinks({ documentId, versionId }: { documentId: string; versionId: string }) {
  const intl = useIntl();
  const [comments, setComments] = useState(false);
  const [authors, setAuthors] = useState(true);
  const [suggestions, setSuggestions] = useState(false);
  const options = { comments, authors, suggestions };
  return (
    <div className="exports" role="group" aria-label={intl.formatMessage(messages.exportOptions)}>
      <a className="button" href={versionExportUrl(documentId, versionId, "docx", options)} download>
        {intl.formatMessage(messages.exportDocx)}
      </a>
      <a className="button" href={versionExportUrl(documentId, versionId, "md", options)} download>
        {intl.formatMessage(messages.exportMarkdown)}
      </a>
      <a className="button" href={versionExportUrl(documentId, versionId, "html", options)} target="_blank" rel="noreferrer">
        {intl.formatMessage(messages.exportPrint)}
      </a>
      <label className="checkbox small">
        <input type="checkbox" checked={suggestions} onChange={(e) => setSuggestions(e.target.checked)} /> {intl.formatMessage(messages.exportWithSuggestions)}
      </label>
      <label className="checkbox small">
        <input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} /> {intl.formatMessage(messages.exportWithComments)}
      </label>
      {comments && (
        <label className="checkbox small">
          <input type="checkbox" checked={!authors} onChange={(e) => setAuthors(!e.target.checked)} /> {intl.formatMessage(messages.exportWithoutAuthors)}
        </label>
      )}
    </div>
  );
}

function RoundForm({ label, onSubmit }: { label: string; onSubmit: (name: string, date: string) => Promise<unknown> }) {
  const [name, setName] = useState("");
  const [date, setDate] = useState("");
  const { busy, error, run } = useAction();
  const intl = useIntl();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(() => onSubmit(name.trim(), date));
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={label}>
      <input placeholder={intl.formatMessage(messages.roundNamePlaceholder)} value={name} onChange={(e) => setName(e.target.value)} aria-label={intl.formatMessage(messages.roundName)} required />
      <input type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-label={intl.formatMessage(messages.draftDate)} required />
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
  // Compare the clean texts unless asked to include pending suggestions.
  const [withSuggestions, setWithSuggestions] = useState(false);
  // Each later version's (and the live text's) comparison with the first; named when shown, in the reader's language.
  const [series, setSeries] = useState<{ id: string; comparison: ComparisonResult }[]>([]);
  const [error, setError] = useFailure();
  const freezing = useAction();
  const intl = useIntl();
  const formats = useFormats();

  const load = useCallback(async () => {
    try {
      const [d, r, v] = await Promise.all([getDocument(documentId), listRounds(documentId), listVersions(documentId)]);
      setDetail(d);
      setRounds(r.rounds);
      setVersions(v.versions);
      setFrom((current) => current || (v.versions.at(-1)?.id ?? ""));
      const first = v.versions[0];
      if (first) {
        const targets = [...v.versions.slice(1).map((version) => version.id), "live"];
        setSeries(await Promise.all(targets.map(async (id) => ({ id, comparison: await compareVersions(documentId, first.id, id) }))));
      }
    } catch (failure) {
      setError(failure);
    }
  }, [documentId]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!from) return;
    let cancelled = false;
    compareVersions(documentId, from, to, withSuggestions).then(
      (result) => !cancelled && setComparison(result),
      (failure: unknown) => !cancelled && setError(failure),
    );
    return () => {
      cancelled = true;
    };
  }, [documentId, from, to, versions, withSuggestions]);

  if (!detail) return <main className="page page--wide muted">{error ?? intl.formatMessage(messages.loading)}</main>;
  const chair = canManageMembers(detail.role);
  const current = rounds.at(-1);
  const label = (id: string) => (id === "live" ? intl.formatMessage(messages.liveText) : (versions.find((v) => v.id === id)?.roundName ?? id));
  return (
    <main className="page page--wide">
      <header className="page-header">
        <p className="eyebrow">
          <Link href={`/d/${documentId}`}>{intl.formatMessage(messages.back, { title: detail.title })}</Link>
        </p>
        <h1>{intl.formatMessage(messages.title)}</h1>
      </header>
      {error && <p role="alert" className="notice notice--error">{error}</p>}

      <section className="card" aria-label={intl.formatMessage(messages.rounds)}>
        <h2>{intl.formatMessage(messages.rounds)}</h2>
        {rounds.length === 0 && <p className="muted">{intl.formatMessage(messages.noRound)}</p>}
        <ol className="rounds">
          {rounds.map((round) => (
            <li key={round.id} className="rounds__item" data-round={round.name}>
              <div>
                <strong>{round.name}</strong> <span className="muted small">{intl.formatMessage(messages.draftOf, { date: formats.date(`${round.draftPublished}T12:00:00`) })}</span>
                <div className="small">
                  {round.frozenAt ? (
                    <span className="chip chip--ok">{intl.formatMessage(messages.frozen, { date: formats.dateTime(round.frozenAt) })}</span>
                  ) : (
                    <span className="chip">{intl.formatMessage(messages.drafting)}</span>
                  )}
                </div>
                {round.id === current?.id && !round.frozenAt && (chair || round.freezeAt) && <FreezeSchedule documentId={documentId} round={round} chair={chair} onChanged={load} />}
              </div>
              {round.versionId ? (
                <div className="rounds__actions">
                  <Link className="button" href={`/d/${documentId}/versions/${round.versionId}`}>
                    {intl.formatMessage(messages.openVersion)}
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
                      if (confirm(intl.formatMessage(messages.confirmFreeze, { name: round.name }))) {
                        void freezing.run(async () => {
                          await freezeRound(documentId, round.id);
                          await load();
                        });
                      }
                    }}
                  >
                    {intl.formatMessage(messages.freeze, { name: round.name })}
                  </button>
                )
              )}
            </li>
          ))}
        </ol>
        {freezing.error && <p role="alert" className="notice notice--error small">{freezing.error}</p>}
        {chair && (!current || current.frozenAt) && (
          <RoundForm
            label={intl.formatMessage(current ? messages.openNext : messages.openFirst)}
            onSubmit={async (name, date) => {
              if (current) await openNextRound(documentId, current.id, name, date);
              else await openRound(documentId, name, date);
              await load();
            }}
          />
        )}
        <div className="live-export">
          <span className="small muted">{intl.formatMessage(messages.liveTextExports)}</span>
          <ExportLinks documentId={documentId} versionId="live" />
        </div>
      </section>

      {versions.length > 0 && (
        <section className="card" aria-label={intl.formatMessage(messages.compare)}>
          <h2>{intl.formatMessage(messages.compare)}</h2>
          <div className="inline-form">
            <select aria-label={intl.formatMessage(messages.compareFrom)} value={from} onChange={(e) => setFrom(e.target.value)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.roundName}
                </option>
              ))}
            </select>
            <span className="muted">{intl.formatMessage(messages.compareWith)}</span>
            <select aria-label={intl.formatMessage(messages.compareWithLabel)} value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="live">{intl.formatMessage(messages.liveText)}</option>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.roundName}
                </option>
              ))}
            </select>
            <label className="checkbox small">
              <input type="checkbox" checked={withSuggestions} onChange={(e) => setWithSuggestions(e.target.checked)} /> {intl.formatMessage(messages.compareWithSuggestions)}
            </label>
          </div>
          {comparison && (
            <>
              <p className="small muted">{intl.formatMessage(messages.totals, { from: label(from), to: label(to), ...comparison.totals })}</p>
              <CompareView comparison={comparison} onlyChanged />
            </>
          )}
          {series.length > 0 && (
            <>
              <h3>{intl.formatMessage(messages.changedMost, { name: versions[0]!.roundName })}</h3>
              <ChangeChart series={series.map((s) => ({ label: label(s.id), comparison: s.comparison }))} />
            </>
          )}
        </section>
      )}
    </main>
  );
}
