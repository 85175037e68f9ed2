import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { Link, useLocation, useSearch } from "wouter";
import type { MatrixChangedEvent, MatrixTarget } from "../../../shared/api/matrix.js";
import { targetName } from "../../../shared/matrix/matrixNames.js";
import { getDocument, matrixExportUrl } from "../../api.js";
import { useMediaQuery } from "../../editor/Drawer.js";
import { useLanguage } from "../../i18n/LanguageProvider.js";
import { useSession } from "../../session/SessionProvider.js";
import { useCountryNames } from "../signOn/countries.js";
import { CellEditor } from "./CellEditor.js";
import { HeatMap, HeatMapLegend, HeatMapList } from "./HeatMap.js";
import { ImportDialog } from "./ImportDialog.js";
import { MatrixFilterBar } from "./MatrixFilterBar.js";
import { ChangesList, GapsList } from "./MatrixReports.js";
import { cellKey, cellsOfRound, changesSincePrevious, coverageGaps, filterTargets, filtersFromQuery, filtersToQuery, type MatrixFilters } from "./matrixFilters.js";
import { useMatrix } from "./useMatrix.js";
import "./matrix.css";

const messages = defineMessages<{
  title: NoMessageValues;
  back: { title: string };
  statement: NoMessageValues;
  loading: NoMessageValues;
  round: NoMessageValues;
  noRound: NoMessageValues;
  manage: NoMessageValues;
  importCsv: NoMessageValues;
  exports: NoMessageValues;
  exportCsv: NoMessageValues;
  exportXlsx: NoMessageValues;
  exportSvg: NoMessageValues;
  views: NoMessageValues;
  heatMap: NoMessageValues;
  changes: NoMessageValues;
  gaps: NoMessageValues;
  noTargets: NoMessageValues;
  changedCell: { name: string; target: string; act: number };
  changedTargets: { name: string };
  changedAdvocates: { name: string; target: string };
  changedGroups: { name: string };
  changedImport: { name: string };
  readOnly: NoMessageValues;
}>({
  title: { id: "matrix.title", defaultMessage: "Surround Sound matrix" },
  back: { id: "matrix.back", defaultMessage: "← {title}" },
  statement: { id: "matrix.statement", defaultMessage: "Statement" },
  loading: { id: "matrix.loading", defaultMessage: "Loading…" },
  round: { id: "matrix.round", defaultMessage: "Round" },
  noRound: { id: "matrix.noRound", defaultMessage: "No round yet: positions are recorded per round, and a chair opens the first one on the History page." },
  manage: { id: "matrix.manage", defaultMessage: "Targets and groups" },
  importCsv: { id: "matrix.importCsv", defaultMessage: "Import CSV" },
  exports: { id: "matrix.exports", defaultMessage: "Export" },
  exportCsv: { id: "matrix.exportCsv", defaultMessage: "CSV" },
  exportXlsx: { id: "matrix.exportXlsx", defaultMessage: "XLSX" },
  exportSvg: { id: "matrix.exportSvg", defaultMessage: "Heat map (SVG)" },
  views: { id: "matrix.views", defaultMessage: "Views" },
  heatMap: { id: "matrix.view.heatMap", defaultMessage: "Heat map" },
  changes: { id: "matrix.view.changes", defaultMessage: "Changes" },
  gaps: { id: "matrix.view.gaps", defaultMessage: "Gaps" },
  noTargets: { id: "matrix.noTargets", defaultMessage: "No government is targeted yet." },
  changedCell: { id: "matrix.live.cell", defaultMessage: "{name} changed {target}, Act {act}" },
  changedTargets: { id: "matrix.live.targets", defaultMessage: "{name} changed the governments targeted" },
  changedAdvocates: { id: "matrix.live.advocates", defaultMessage: "{name} changed the advocates of {target}" },
  changedGroups: { id: "matrix.live.groups", defaultMessage: "{name} changed the negotiating groups" },
  changedImport: { id: "matrix.live.import", defaultMessage: "{name} imported positions" },
  readOnly: { id: "matrix.readOnly", defaultMessage: "You can read the matrix; chairs and coordinators record positions." },
});

type Section = "heat" | "changes" | "gaps";
const sections: readonly Section[] = ["heat", "changes", "gaps"];

/** Below this width the heat map becomes a list of cards. */
const PHONE_QUERY = "(max-width: 699px)";
/** How long after a cell's dialog closes its focus coming back to the cell is taken for the dialog's doing. */
const FOCUS_RETURN_MS = 500;

/**
 * A statement's Surround Sound matrix: one round's positions as a heat map (a list on a
 * phone), filtered by what the URL query says, kept live by the server's event stream,
 * with the changes since the previous round, the coverage gaps, import and exports.
 */
export function MatrixPage({ documentId }: { documentId: string }) {
  const intl = useIntl();
  const { locale } = useLanguage();
  const { state } = useSession();
  const myId = state.status === "signedIn" ? state.me.account.id : null;
  const search = useSearch();
  const [, navigate] = useLocation();
  const query = new URLSearchParams(search);
  const roundParam = query.get("round");
  const sectionParam = query.get("view");
  const section: Section = sections.find((candidate) => candidate === sectionParam) ?? "heat";
  const filters = useMemo(() => filtersFromQuery(search), [search]);
  const { view, error, reload, presence, lastChange, setPlace } = useMatrix(documentId, roundParam);
  const names = useCountryNames();
  const phone = useMediaQuery(PHONE_QUERY);
  const [title, setTitle] = useState<string | null>(null);
  const [open, setOpen] = useState<{ targetId: string; act: number } | null>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    let cancelled = false;
    getDocument(documentId).then(
      (detail) => !cancelled && setTitle(detail.title),
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [documentId]);

  const go = useCallback(
    (next: { filters?: MatrixFilters; round?: string | null; section?: Section }) => {
      const params = new URLSearchParams(filtersToQuery(next.filters ?? filters, next.round === undefined ? roundParam : next.round));
      const nextSection = next.section ?? section;
      if (nextSection !== "heat") params.set("view", nextSection);
      const text = params.toString();
      navigate(`/d/${documentId}/matrix${text ? `?${text}` : ""}`, { replace: true });
    },
    [documentId, filters, navigate, roundParam, section],
  );

  const nameOf = useCallback((target: MatrixTarget) => targetName(target, (code) => names?.byCode.get(code)), [names]);
  const derived = useMemo(() => {
    if (!view) return null;
    const changes = changesSincePrevious(view.cells, view.roundId, view.previousRoundId);
    // Governments in the reader's alphabetical order (states by their name in the interface's language).
    const collator = new Intl.Collator(intl.locale, { sensitivity: "base" });
    // "Changed" means nothing before a second round: it is then ignored rather than hiding every government.
    const applied = view.previousRoundId === null ? { ...filters, changed: false } : filters;
    const targets = [...filterTargets(view.targets, applied, { groups: view.groups, advocates: view.advocates, changes })].sort((a, b) => collator.compare(nameOf(a), nameOf(b)));
    // The Changes view lists the chosen Act's changes only, as the heat map shows its column only.
    const changesShown = [...changes.values()].filter((change) => filters.act === null || change.act === filters.act);
    return { cells: cellsOfRound(view.cells, view.roundId), changes, changesShown, targets, gaps: coverageGaps(targets, view.advocates) };
  }, [view, filters, nameOf, intl.locale]);

  const openCell = useCallback(
    (targetId: string, act: number) => {
      setOpen({ targetId, act });
      setPlace(targetId, act);
    },
    [setPlace],
  );
  // Focus leaving the grid for the cell's own dialog does not leave the cell.
  const openRef = useRef(open);
  openRef.current = open;
  // The cell whose dialog just closed: the focus the dialog gives back to it is not a visit.
  const closedCell = useRef<string | null>(null);
  const closeCell = useCallback(() => {
    const closing = openRef.current;
    closedCell.current = closing ? cellKey(closing.targetId, closing.act) : null;
    setTimeout(() => (closedCell.current = null), FOCUS_RETURN_MS);
    setOpen(null);
    setPlace(null, null);
  }, [setPlace]);
  const placeInGrid = useCallback(
    (targetId: string | null, act: number | null) => {
      const returned = closedCell.current !== null && targetId !== null && act !== null && closedCell.current === cellKey(targetId, act);
      closedCell.current = null;
      if (returned || (targetId === null && openRef.current)) return;
      setPlace(targetId, act);
    },
    [setPlace],
  );

  if (!view || !derived) {
    return (
      <main className="page page--wide muted" aria-busy={!error}>
        {error ?? intl.formatMessage(messages.loading)}
      </main>
    );
  }
  const round = view.rounds.find((candidate) => candidate.id === view.roundId) ?? null;
  const previous = view.rounds.find((candidate) => candidate.id === view.previousRoundId) ?? null;
  const acts = filters.act === null ? view.acts : view.acts.filter((act) => act.number === filters.act);
  const others = presence.filter((person) => person.accountId !== myId);
  const openTarget = open ? view.targets.find((target) => target.id === open.targetId) : undefined;
  const liveStatus = lastChange && lastChange.by.id !== myId ? describeChange(lastChange) : "";

  function describeChange(change: MatrixChangedEvent): string {
    const target = change.targetId ? view?.targets.find((candidate) => candidate.id === change.targetId) : undefined;
    const name = change.by.name;
    if (change.what === "cell" && target && change.act !== null) return intl.formatMessage(messages.changedCell, { name, target: nameOf(target), act: change.act });
    if (change.what === "advocates" && target) return intl.formatMessage(messages.changedAdvocates, { name, target: nameOf(target) });
    if (change.what === "groups") return intl.formatMessage(messages.changedGroups, { name });
    if (change.what === "import") return intl.formatMessage(messages.changedImport, { name });
    return intl.formatMessage(messages.changedTargets, { name });
  }

  const heatProps = {
    documentId,
    roundName: round?.name ?? "",
    targets: derived.targets,
    acts,
    cells: derived.cells,
    changes: derived.changes,
    presence: others,
    nameOf,
    onOpen: openCell,
    onPlace: placeInGrid,
  };
  return (
    <main className="page matrix-page">
      <header className="page-header matrix-page__header">
        <p className="eyebrow">
          <Link href={`/d/${documentId}`}>{intl.formatMessage(messages.back, { title: title ?? intl.formatMessage(messages.statement) })}</Link>
        </p>
        <h1>{intl.formatMessage(messages.title)}</h1>
        <p className="matrix-live small" role="status" aria-live="polite">
          {liveStatus}
        </p>
      </header>

      <div className="matrix-toolbar">
        {view.rounds.length > 0 && (
          <label className="field matrix-toolbar__round">
            <span>{intl.formatMessage(messages.round)}</span>
            <select value={view.roundId ?? ""} onChange={(event) => go({ round: event.target.value === view.rounds.at(-1)?.id ? null : event.target.value })}>
              {view.rounds.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="matrix-toolbar__actions">
          {view.can.manageTargets && (
            <Link className="button" href={`/d/${documentId}/matrix/manage`}>
              {intl.formatMessage(messages.manage)}
            </Link>
          )}
          {view.can.edit && view.roundId !== null && (
            <button type="button" className="button" onClick={() => setImporting(true)}>
              {intl.formatMessage(messages.importCsv)}
            </button>
          )}
          <span className="matrix-toolbar__exports" role="group" aria-label={intl.formatMessage(messages.exports)}>
            <span className="small muted" aria-hidden="true">
              {intl.formatMessage(messages.exports)}
            </span>
            <a className="button button--quiet" href={matrixExportUrl(documentId, "csv", view.roundId, locale)} download>
              {intl.formatMessage(messages.exportCsv)}
            </a>
            <a className="button button--quiet" href={matrixExportUrl(documentId, "xlsx", view.roundId, locale)} download>
              {intl.formatMessage(messages.exportXlsx)}
            </a>
            <a className="button button--quiet" href={matrixExportUrl(documentId, "svg", view.roundId, locale)} download>
              {intl.formatMessage(messages.exportSvg)}
            </a>
          </span>
        </div>
      </div>

      {view.roundId === null && <p className="notice">{intl.formatMessage(messages.noRound)}</p>}
      {!view.can.edit && <p className="muted small">{intl.formatMessage(messages.readOnly)}</p>}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}

      {view.targets.length === 0 ? (
        <p className="muted">{intl.formatMessage(messages.noTargets)}</p>
      ) : (
        <>
          <MatrixFilterBar
            filters={filters}
            onChange={(next) => go({ filters: next })}
            groups={view.groups}
            acts={view.acts}
            hasPreviousRound={previous !== null}
            shown={derived.targets.length}
            total={view.targets.length}
            folded={phone}
          />
          <nav className="matrix-tabs" aria-label={intl.formatMessage(messages.views)}>
            {sections.map((candidate) => (
              <button key={candidate} type="button" className="matrix-tabs__tab" aria-pressed={section === candidate} onClick={() => go({ section: candidate })}>
                {intl.formatMessage(candidate === "heat" ? messages.heatMap : candidate === "changes" ? messages.changes : messages.gaps)}
              </button>
            ))}
          </nav>
          {section === "heat" && (
            <>
              <HeatMapLegend />
              {phone ? <HeatMapList {...heatProps} /> : <HeatMap {...heatProps} />}
            </>
          )}
          {section === "changes" && <ChangesList documentId={documentId} previousRoundName={previous?.name ?? null} changes={derived.changesShown} targets={derived.targets} nameOf={nameOf} />}
          {section === "gaps" && <GapsList documentId={documentId} gaps={derived.gaps} nameOf={nameOf} canEdit={view.can.edit} />}
        </>
      )}

      {open && openTarget && (
        <CellEditor
          key={`${open.targetId}:${open.act}`}
          documentId={documentId}
          roundId={view.roundId}
          targetId={open.targetId}
          targetName={nameOf(openTarget)}
          act={open.act}
          actTitle={view.acts.find((act) => act.number === open.act)?.title ?? ""}
          cell={derived.cells.get(cellKey(open.targetId, open.act))}
          canEdit={view.can.edit}
          onSaved={reload}
          onConflict={reload}
          onClose={closeCell}
        />
      )}
      {importing && view.roundId !== null && (
        <ImportDialog documentId={documentId} roundId={view.roundId} roundName={round?.name ?? ""} onImported={reload} onClose={() => setImporting(false)} />
      )}
    </main>
  );
}
