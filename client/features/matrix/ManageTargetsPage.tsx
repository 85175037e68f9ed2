import { useEffect, useId, useState } from "react";
import { defineMessages, useIntl, type NoMessageValues } from "react-intl";
import { Link } from "wouter";
import type { MatrixTarget, MatrixView } from "../../../shared/api/matrix.js";
import { matrixLimits } from "../../../shared/matrix/matrix.js";
import { targetName, unGroupName } from "../../../shared/matrix/matrixNames.js";
import { addMatrixTarget, removeMatrixTarget, setMatrixTargetActs } from "../../api.js";
import { useAction } from "../../useAction.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { NegotiatingGroups } from "./NegotiatingGroups.js";
import { StateSearch, useUnStates } from "./StatePicker.js";
import { useMatrix } from "./useMatrix.js";
import "./matrixPages.css";

const messages = defineMessages<{
  back: NoMessageValues;
  eyebrow: NoMessageValues;
  title: NoMessageValues;
  loading: NoMessageValues;
  notChair: NoMessageValues;
  addState: NoMessageValues;
  addStateButton: { name: string };
  already: NoMessageValues;
  addOther: NoMessageValues;
  addOtherHint: NoMessageValues;
  otherName: NoMessageValues;
  otherPlaceholder: NoMessageValues;
  addOtherButton: NoMessageValues;
  targets: { count: number };
  noTargets: NoMessageValues;
  otherActor: NoMessageValues;
  actsLegend: { name: string };
  act: { number: number };
  actTitle: { number: number; title: string };
  noActs: NoMessageValues;
  actsNone: NoMessageValues;
  remove: { name: string };
  removeTitle: { name: string };
  removeText: NoMessageValues;
  removeConfirm: NoMessageValues;
  open: { name: string };
  added: { name: string };
}>({
  back: { id: "matrixManage.back", defaultMessage: "← Matrix" },
  eyebrow: { id: "matrixManage.eyebrow", defaultMessage: "Surround Sound matrix" },
  title: { id: "matrixManage.title", defaultMessage: "Targets and negotiating groups" },
  loading: { id: "matrixManage.loading", defaultMessage: "Loading…" },
  notChair: { id: "matrixManage.notChair", defaultMessage: "Only chairs choose the targets, their Acts and the negotiating groups. Here is the list as it stands." },
  addState: { id: "matrixManage.addState", defaultMessage: "Add a state" },
  addStateButton: { id: "matrixManage.addStateButton", defaultMessage: "Add {name}" },
  already: { id: "matrixManage.already", defaultMessage: "already a target" },
  addOther: { id: "matrixManage.addOther", defaultMessage: "Add another actor" },
  addOtherHint: { id: "matrixManage.addOtherHint", defaultMessage: "An actor that is not a UN state, such as the European Union or a UN commission." },
  otherName: { id: "matrixManage.otherName", defaultMessage: "Name" },
  otherPlaceholder: { id: "matrixManage.otherPlaceholder", defaultMessage: "e.g. European Union" },
  addOtherButton: { id: "matrixManage.addOtherButton", defaultMessage: "Add" },
  targets: { id: "matrixManage.targets", defaultMessage: "{count, plural, =0 {No target yet} one {# target} other {# targets}}" },
  noTargets: { id: "matrixManage.noTargets", defaultMessage: "Add the governments the coalition wants to reach." },
  otherActor: { id: "matrixManage.otherActor", defaultMessage: "Another actor" },
  actsLegend: { id: "matrixManage.actsLegend", defaultMessage: "Acts that matter with {name}" },
  act: { id: "matrixManage.act", defaultMessage: "Act {number}" },
  actTitle: { id: "matrixManage.actTitle", defaultMessage: "Act {number}: {title}" },
  noActs: { id: "matrixManage.noActs", defaultMessage: "The statement has no Act yet." },
  actsNone: { id: "matrixManage.actsNone", defaultMessage: "None chosen" },
  remove: { id: "matrixManage.remove", defaultMessage: "Remove {name}" },
  removeTitle: { id: "matrixManage.removeTitle", defaultMessage: "Remove {name} from the matrix?" },
  removeText: { id: "matrixManage.removeText", defaultMessage: "Its positions in every round, its advocates and their contacts are removed with it, for everyone." },
  removeConfirm: { id: "matrixManage.removeConfirm", defaultMessage: "Remove" },
  open: { id: "matrixManage.open", defaultMessage: "Open {name}" },
  added: { id: "matrixManage.added", defaultMessage: "{name} was added." },
});

/**
 * Choosing a statement's targets (chairs): add a UN state from a search in the reader's
 * language or another actor by name, set each target's Acts, remove one after asking; and
 * the workspace's negotiating groups. Other roles get the list read-only and are told why.
 * Live: every change by anyone reloads the view.
 */
export function ManageTargetsPage({ documentId }: { documentId: string }) {
  const intl = useIntl();
  const { view, error, reload } = useMatrix(documentId, null);
  const states = useUnStates();
  const headingId = useId();
  const back = (
    <Link href={`/d/${encodeURIComponent(documentId)}/matrix`} className="matrix-government__back">
      {intl.formatMessage(messages.back)}
    </Link>
  );
  if (!view) {
    return (
      <main className="page page--wide">
        {back}
        {error ? <p role="alert" className="notice notice--error">{error}</p> : <p className="muted">{intl.formatMessage(messages.loading)}</p>}
      </main>
    );
  }
  const manage = view.can.manageTargets;
  const label = (target: MatrixTarget) => targetName(target, (code) => states?.byCode.get(code));
  const collator = new Intl.Collator(intl.locale);
  const targets = [...view.targets].sort((a, b) => collator.compare(label(a), label(b)));
  return (
    <main className="page page--wide matrix-manage">
      {back}
      <header className="page-header">
        <p className="eyebrow">{intl.formatMessage(messages.eyebrow)}</p>
        <h1>{intl.formatMessage(messages.title)}</h1>
      </header>
      {error && <p role="alert" className="notice notice--error">{error}</p>}
      {!manage && <p className="notice">{intl.formatMessage(messages.notChair)}</p>}
      {manage && <AddTargets documentId={documentId} view={view} onChanged={reload} />}
      <section className="card" aria-labelledby={headingId}>
        <h2 id={headingId}>{intl.formatMessage(messages.targets, { count: targets.length })}</h2>
        {targets.length === 0 && <p className="muted">{intl.formatMessage(messages.noTargets)}</p>}
        {view.acts.length === 0 && targets.length > 0 && <p className="muted small">{intl.formatMessage(messages.noActs)}</p>}
        <ul className="matrix-targets">
          {targets.map((target) => (
            <TargetRow key={target.id} documentId={documentId} target={target} name={label(target)} acts={view.acts} manage={manage} onChanged={reload} />
          ))}
        </ul>
      </section>
      <NegotiatingGroups workspaceId={view.workspaceId} groups={view.groups} manage={manage} onChanged={reload} />
    </main>
  );
}

/** The two ways to add a target: a UN state from the search, another actor by name. */
function AddTargets({ documentId, view, onChanged }: { documentId: string; view: MatrixView; onChanged: () => void }) {
  const intl = useIntl();
  const adding = useAction();
  const [otherName, setOtherName] = useState("");
  const [added, setAdded] = useState<string | null>(null);
  const stateHeading = useId();
  const otherHeading = useId();
  const taken = new Set(view.targets.flatMap((target) => (target.code ? [target.code] : [])));
  const full = view.targets.length >= matrixLimits.targets;
  const add = (target: { code: string } | { name: string }, name: string) =>
    adding.run(() => addMatrixTarget(documentId, target)).then((done) => {
      if (done) {
        setAdded(name);
        onChanged();
      }
      return done;
    });
  return (
    <>
      {adding.error && <p role="alert" className="notice notice--error">{adding.error}</p>}
      <p role="status" className="visually-hidden">
        {added && intl.formatMessage(messages.added, { name: added })}
      </p>
      <div className="matrix-manage__add">
        <section className="card" aria-labelledby={stateHeading}>
          <h2 id={stateHeading}>{intl.formatMessage(messages.addState)}</h2>
          <StateSearch
            renderRow={(state) =>
              taken.has(state.code) ? (
                <span className="matrix-states__row">
                  <span dir="auto">{state.name}</span> <span className="muted small">{intl.formatMessage(messages.already)}</span>
                </span>
              ) : (
                <span className="matrix-states__row">
                  <span dir="auto">{state.name}</span>
                  <button type="button" className="button button--quiet small" disabled={adding.busy || full} onClick={() => void add({ code: state.code }, state.name)}>
                    {intl.formatMessage(messages.addStateButton, { name: state.name })}
                  </button>
                </span>
              )
            }
          />
        </section>
        <section className="card" aria-labelledby={otherHeading}>
          <h2 id={otherHeading}>{intl.formatMessage(messages.addOther)}</h2>
          <p className="muted small">{intl.formatMessage(messages.addOtherHint)}</p>
          <form
            className="matrix-manage__other"
            onSubmit={(event) => {
              event.preventDefault();
              const name = otherName.trim();
              if (name === "") return;
              // The name stays in the field until it is added (a refusal keeps it to correct).
              void add({ name }, name).then((done) => done && setOtherName((current) => (current.trim() === name ? "" : current)));
            }}
          >
            <label className="field">
              <span>{intl.formatMessage(messages.otherName)}</span>
              <input type="text" value={otherName} required maxLength={matrixLimits.name} placeholder={intl.formatMessage(messages.otherPlaceholder)} dir="auto" onChange={(event) => setOtherName(event.target.value)} />
            </label>
            <button type="submit" className="button button--primary" disabled={adding.busy || full}>
              {intl.formatMessage(messages.addOtherButton)}
            </button>
          </form>
        </section>
      </div>
    </>
  );
}

/** One target: its name (a link to its page), its group, its Acts as checkboxes (read-only: listed), and removal after asking. */
function TargetRow({ documentId, target, name, acts, manage, onChanged }: { documentId: string; target: MatrixTarget; name: string; acts: MatrixView["acts"]; manage: boolean; onChanged: () => void }) {
  const intl = useIntl();
  const saving = useAction();
  const [confirming, setConfirming] = useState(false);
  // What was just ticked (then what the server saved) shows until the reloaded view has the target again.
  const [pending, setPending] = useState<number[] | null>(null);
  useEffect(() => setPending(null), [target.acts]);
  const chosen = pending ?? target.acts;
  const toggle = (number: number, on: boolean) => {
    const next = (on ? [...chosen.filter((act) => act !== number), number] : chosen.filter((act) => act !== number)).sort((a, b) => a - b);
    // The change is made against the Acts as shown: when another chair changed them meanwhile, it is refused (matrix_stale) and the page reloads.
    const base = chosen;
    setPending(next);
    void saving
      .run(async () => setPending((await setMatrixTargetActs(documentId, target.id, next, base)).acts))
      .then((done) => {
        if (!done) setPending(null);
        onChanged();
      });
  };
  return (
    <li className="matrix-targets__item">
      <div className="matrix-targets__head">
        <Link href={`/d/${encodeURIComponent(documentId)}/matrix/t/${encodeURIComponent(target.id)}`} aria-label={intl.formatMessage(messages.open, { name })}>
          <strong dir="auto">{name}</strong>
        </Link>
        <span className="muted small">{target.kind === "other" ? intl.formatMessage(messages.otherActor) : target.regionalGroup ? unGroupName(intl, target.regionalGroup) : null}</span>
        {manage && (
          <button
            type="button"
            className="button button--quiet button--danger small matrix-targets__remove"
            onClick={() => setConfirming(true)}
          >
            {intl.formatMessage(messages.remove, { name })}
          </button>
        )}
      </div>
      {manage && acts.length > 0 ? (
        <fieldset className="matrix-targets__acts">
          <legend className="visually-hidden">{intl.formatMessage(messages.actsLegend, { name })}</legend>
          {acts.map((act) => (
            <label key={act.number} title={intl.formatMessage(messages.actTitle, { number: act.number, title: act.title })}>
              <input type="checkbox" checked={chosen.includes(act.number)} disabled={saving.busy} onChange={(event) => toggle(act.number, event.target.checked)} /> {intl.formatMessage(messages.act, { number: act.number })}
            </label>
          ))}
        </fieldset>
      ) : (
        <p className="small">{target.acts.length === 0 ? intl.formatMessage(messages.actsNone) : intl.formatList(target.acts.map((number) => intl.formatMessage(messages.act, { number })), { type: "unit" })}</p>
      )}
      {saving.error && <p role="alert" className="notice notice--error small">{saving.error}</p>}
      {confirming && (
        <ConfirmDialog
          title={intl.formatMessage(messages.removeTitle, { name })}
          text={intl.formatMessage(messages.removeText)}
          confirm={intl.formatMessage(messages.removeConfirm)}
          action={() => removeMatrixTarget(documentId, target.id)}
          onDone={() => {
            setConfirming(false);
            onChanged();
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </li>
  );
}
