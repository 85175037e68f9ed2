import { useEffect, useMemo, useRef, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { Link } from "wouter";
import type { MatrixChangedEvent, MatrixHistory, MatrixView } from "../../../shared/api/matrix.js";
import { targetName, unGroupName } from "../../../shared/matrix/matrixNames.js";
import { getMatrix, getMatrixHistory } from "../../api.js";
import { useMe } from "../../session/SessionProvider.js";
import { useFailure } from "../../useAction.js";
import { useCountryNames } from "../signOn/countries.js";
import { AdvocatesSection } from "./AdvocatesSection.js";
import { mergeCells, positionsByRound, roundsMissingFrom } from "./governmentView.js";
import { PositionsOverRounds } from "./PositionsOverRounds.js";
import { TargetHistory } from "./TargetHistory.js";
import { useMatrix } from "./useMatrix.js";
import "./matrixPages.css";

const messages = defineMessages<{
  back: NoMessageValues;
  eyebrow: NoMessageValues;
  loading: NoMessageValues;
  notFound: NoMessageValues;
  regionalGroup: NoMessageValues;
  noRegionalGroup: NoMessageValues;
  otherActor: NoMessageValues;
  groups: NoMessageValues;
  noGroups: NoMessageValues;
  acts: NoMessageValues;
  noActs: NoMessageValues;
  actItem: { number: number; title: string };
  alsoHere: { names: string; count: number };
  readOnly: NoMessageValues;
}>({
  back: { id: "matrixGovernment.back", defaultMessage: "← Matrix" },
  eyebrow: { id: "matrixGovernment.eyebrow", defaultMessage: "Surround Sound matrix" },
  loading: { id: "matrixGovernment.loading", defaultMessage: "Loading…" },
  notFound: { id: "matrixGovernment.notFound", defaultMessage: "This government is not (or no longer) a target of the matrix." },
  regionalGroup: { id: "matrixGovernment.regionalGroup", defaultMessage: "UN regional group" },
  noRegionalGroup: { id: "matrixGovernment.noRegionalGroup", defaultMessage: "None" },
  otherActor: { id: "matrixGovernment.otherActor", defaultMessage: "Not a state (another actor)" },
  groups: { id: "matrixGovernment.groups", defaultMessage: "Negotiating groups" },
  noGroups: { id: "matrixGovernment.noGroups", defaultMessage: "None listed" },
  acts: { id: "matrixGovernment.acts", defaultMessage: "Acts that matter here" },
  noActs: { id: "matrixGovernment.noActs", defaultMessage: "None chosen yet" },
  actItem: { id: "matrixGovernment.actItem", defaultMessage: "Act {number}: {title}" },
  alsoHere: { id: "matrixGovernment.alsoHere", defaultMessage: "{count, plural, one {{names} is also on this page} other {{names} are also on this page}}" },
  readOnly: { id: "matrixGovernment.readOnly", defaultMessage: "You can read this page; chairs and coordinators record positions and advocates." },
});

/** Whether a change event may have changed a target's cells in any round. */
const concerns = (change: MatrixChangedEvent, targetId: string) => change.targetId === targetId || change.what === "import";

/**
 * Every round's cells of a target's page: the live view carries the latest round and the
 * one before; the older rounds are read once, and again only when a change concerns this
 * target or the list of older rounds changed.
 */
function useAllRoundCells(documentId: string, targetId: string, view: MatrixView | null, lastChange: MatrixChangedEvent | null, setError: (failure: unknown) => void) {
  const [others, setOthers] = useState<MatrixView[]>([]);
  const missing = view ? roundsMissingFrom(view).join(",") : null;
  // What the older rounds were last read for; a read answered after a newer one started is dropped.
  const read = useRef<{ documentId: string; missing: string; change: MatrixChangedEvent | null } | null>(null);
  const reads = useRef(0);
  useEffect(() => {
    if (missing === null) return;
    const last = read.current;
    const fresh = lastChange !== null && lastChange !== last?.change && concerns(lastChange, targetId);
    if (last && last.documentId === documentId && last.missing === missing && !fresh) return;
    read.current = { documentId, missing, change: lastChange };
    const mine = ++reads.current;
    const roundIds = missing === "" ? [] : missing.split(",");
    Promise.all(roundIds.map((roundId) => getMatrix(documentId, roundId))).then(
      (views) => mine === reads.current && setOthers(views),
      (failure: unknown) => mine === reads.current && setError(failure),
    );
  }, [documentId, targetId, missing, lastChange, setError]);
  return useMemo(() => (view ? mergeCells([view, ...others]) : []), [view, others]);
}

/**
 * One target of a statement's matrix: who it is, its positions over the rounds with their
 * notes and evidence, its advocates, and the history of its changes. Live: the view is
 * reloaded on every change event (the history with it), and the page reports the reader
 * as here and shows who else is.
 */
export function GovernmentPage({ documentId, targetId }: { documentId: string; targetId: string }) {
  const intl = useIntl();
  const me = useMe();
  const countries = useCountryNames();
  const { view, error, reload, presence, lastChange, setPlace } = useMatrix(documentId, null);
  const [failure, setFailure] = useFailure();
  const cells = useAllRoundCells(documentId, targetId, view, lastChange, setFailure);
  const [history, setHistory] = useState<MatrixHistory | null>(null);

  useEffect(() => {
    setPlace(targetId, null);
  }, [setPlace, targetId]);

  // The history follows the view: each change event reloads both.
  useEffect(() => {
    if (!view) return;
    let cancelled = false;
    getMatrixHistory(documentId, targetId).then(
      (next) => !cancelled && setHistory(next),
      (thrown: unknown) => !cancelled && setFailure(thrown),
    );
    return () => {
      cancelled = true;
    };
  }, [documentId, targetId, view, setFailure]);

  const back = (
    <Link href={`/d/${encodeURIComponent(documentId)}/matrix`} className="matrix-government__back">
      {intl.formatMessage(messages.back)}
    </Link>
  );
  const problem = error ?? failure;
  if (!view) {
    return (
      <main className="page page--wide">
        {back}
        {problem ? <p role="alert" className="notice notice--error">{problem}</p> : <p className="muted">{intl.formatMessage(messages.loading)}</p>}
      </main>
    );
  }
  const target = view.targets.find((candidate) => candidate.id === targetId);
  if (!target) {
    return (
      <main className="page page--wide">
        {back}
        <p role="alert" className="notice notice--error">{intl.formatMessage(messages.notFound)}</p>
      </main>
    );
  }
  const label = targetName(target, (code) => countries?.byCode.get(code));
  const groups = target.code ? view.groups.filter((group) => group.codes.includes(target.code ?? "")) : [];
  const others = presence.filter((place) => place.targetId === targetId && place.accountId !== me.account.id);
  const actTitle = (number: number) => view.acts.find((act) => act.number === number)?.title ?? "";

  return (
    <main className="page page--wide matrix-government">
      {back}
      <header className="page-header">
        <p className="eyebrow">{intl.formatMessage(messages.eyebrow)}</p>
        <h1 dir="auto">{label}</h1>
      </header>
      {problem && <p role="alert" className="notice notice--error">{problem}</p>}
      <p className="matrix-government__here" aria-live="polite">
        {others.length > 0 && intl.formatMessage(messages.alsoHere, { count: others.length, names: intl.formatList(others.map((place) => place.name), { type: "conjunction" }) })}
      </p>
      {!view.can.edit && <p className="muted">{intl.formatMessage(messages.readOnly)}</p>}

      <dl className="card matrix-government__facts">
        <div>
          <dt>{intl.formatMessage(messages.regionalGroup)}</dt>
          <dd>{target.kind === "other" ? intl.formatMessage(messages.otherActor) : target.regionalGroup ? unGroupName(intl, target.regionalGroup) : intl.formatMessage(messages.noRegionalGroup)}</dd>
        </div>
        <div>
          <dt>{intl.formatMessage(messages.groups)}</dt>
          <dd dir="auto">{groups.length > 0 ? intl.formatList(groups.map((group) => group.name), { type: "conjunction" }) : intl.formatMessage(messages.noGroups)}</dd>
        </div>
        <div>
          <dt>{intl.formatMessage(messages.acts)}</dt>
          <dd>
            {target.acts.length === 0 ? (
              intl.formatMessage(messages.noActs)
            ) : (
              <ul className="matrix-government__acts">
                {target.acts.map((number) => (
                  <li key={number} dir="auto">
                    {intl.formatMessage(messages.actItem, { number, title: actTitle(number) })}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>

      <PositionsOverRounds targetLabel={label} acts={view.acts} priorities={target.acts} rows={positionsByRound(view.rounds, cells, targetId)} />
      <AdvocatesSection documentId={documentId} targetId={targetId} targetLabel={label} advocates={view.advocates} canEdit={view.can.edit} onChanged={reload} />
      <TargetHistory history={history} />
    </main>
  );
}
