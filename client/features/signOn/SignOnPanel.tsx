import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { defineMessages, FormattedMessage, useIntl, type MessageValue, type NoMessageValues } from "react-intl";
import type { SignOnEdit, SignOnEntry, SignOnList, VersionSummary } from "../../../shared/api.js";
import { SIGN_ON_REGIONS, organisationTypes, type OrganisationType, type SignOnStatus } from "../../../shared/signOn.js";
import { addSignOnEntry, carrySignOnForward, decideSignOnEntry, editSignOnEntry, getSignOn, listVersions, mergeSignOnEntry, setSignOnOpen, signOnCsvUrl } from "../../api.js";
import { useAction } from "../../useAction.js";
import { useFormats } from "../../i18n/useFormats.js";
import { useCountryNames } from "./countries.js";
import { regionName } from "../../../shared/i18n/regionNames.js";

/** The entries a duplicate can be merged into (the server refuses the others). */
const mergeable = new Set<SignOnStatus>(["unconfirmed", "confirmed", "approved"]);

/** The statuses a chair filters by, pending (confirmed) first; merged duplicates last. */
const filters = ["confirmed", "approved", "rejected", "withdrawn", "unconfirmed", "merged"] as const satisfies readonly SignOnStatus[];

const messages = defineMessages<{
  title: NoMessageValues;
  notOpened: NoMessageValues;
  isOpen: NoMessageValues;
  closedOn: { date: string };
  open: NoMessageValues;
  close: NoMessageValues;
  publicLink: NoMessageValues;
  copy: NoMessageValues;
  copied: NoMessageValues;
  noMail: NoMessageValues;
  approvedCount: { count: number };
  byRegion: NoMessageValues;
  byCountry: NoMessageValues;
  byType: NoMessageValues;
  countOf: { name: string; count: number };
  notGiven: NoMessageValues;
  show: NoMessageValues;
  status: { status: string; count: number };
  none: NoMessageValues;
  source: { source: string };
  type: { type: string };
  duplicate: NoMessageValues;
  mergeInto: { name: string };
  mergedInto: { name: MessageValue };
  withAcronym: { name: MessageValue; acronym: MessageValue };
  localName: { name: MessageValue };
  personWithTitle: { person: MessageValue; title: MessageValue };
  organisationLocal: NoMessageValues;
  acronym: NoMessageValues;
  website: NoMessageValues;
  person: NoMessageValues;
  personTitle: NoMessageValues;
  approve: NoMessageValues;
  reject: NoMessageValues;
  edit: NoMessageValues;
  editTitle: { name: string };
  save: NoMessageValues;
  cancel: NoMessageValues;
  addTitle: NoMessageValues;
  organisation: NoMessageValues;
  country: NoMessageValues;
  region: NoMessageValues;
  typeLabel: NoMessageValues;
  note: NoMessageValues;
  add: NoMessageValues;
  choose: NoMessageValues;
  carryTitle: NoMessageValues;
  carryFrom: NoMessageValues;
  carry: NoMessageValues;
  carryNote: NoMessageValues;
  carried: { count: number };
  carriedSkipped: { count: number };
  csv: NoMessageValues;
}>({
  title: { id: "signOnPanel.title", defaultMessage: "Sign-on" },
  notOpened: { id: "signOn.notOpened", defaultMessage: "Sign-on has not been opened for this version." },
  isOpen: { id: "signOn.isOpen", defaultMessage: "Sign-on is open: organisations can sign on with the public link." },
  closedOn: { id: "signOn.closedOn", defaultMessage: "Sign-on closed {date}." },
  open: { id: "signOn.open", defaultMessage: "Open sign-on" },
  close: { id: "signOn.close", defaultMessage: "Close sign-on" },
  publicLink: { id: "signOn.publicLink", defaultMessage: "Public link" },
  copy: { id: "signOn.copy", defaultMessage: "Copy link" },
  copied: { id: "signOn.copied", defaultMessage: "Link copied." },
  noMail: { id: "signOnPanel.noMail", defaultMessage: "Mail is not set up: the public form cannot confirm sign-ons. Add organisations by hand." },
  approvedCount: { id: "signOn.approvedCount", defaultMessage: "{count, plural, one {# approved organisation} other {# approved organisations}}" },
  byRegion: { id: "signOn.byRegion", defaultMessage: "By region" },
  byCountry: { id: "signOn.byCountry", defaultMessage: "By country" },
  byType: { id: "signOn.byType", defaultMessage: "By type" },
  countOf: { id: "signOn.countOf", defaultMessage: "{name}: {count}" },
  notGiven: { id: "signOn.notGiven", defaultMessage: "Not given" },
  show: { id: "signOn.show", defaultMessage: "Show" },
  status: {
    id: "signOn.status",
    defaultMessage: "{status, select, confirmed {Pending} approved {Approved} rejected {Rejected} withdrawn {Withdrawn} unconfirmed {Unconfirmed} other {Merged}} ({count})",
  },
  none: { id: "signOn.none", defaultMessage: "No entries." },
  source: { id: "signOn.source", defaultMessage: "{source, select, form {Signed on with the form} other {Added by hand}}" },
  type: {
    id: "signOnPanel.type",
    defaultMessage:
      "{type, select, ngo {NGO} network {Network} tradeUnion {Trade union} faithBased {Faith-based organisation} migrantLed {Migrant-led organisation} academic {Academic} other {Other}}",
  },
  duplicate: { id: "signOn.duplicate", defaultMessage: "Possible duplicate" },
  mergeInto: { id: "signOn.mergeInto", defaultMessage: "Merge into “{name}”" },
  mergedInto: { id: "signOnPanel.mergedInto", defaultMessage: "Merged into “{name}”" },
  withAcronym: { id: "signOnPanel.withAcronym", defaultMessage: "{name} ({acronym})" },
  localName: { id: "signOnPanel.localName", defaultMessage: "In its own language: {name}" },
  personWithTitle: { id: "signOnPanel.personWithTitle", defaultMessage: "{person}, {title}" },
  organisationLocal: { id: "signOn.organisationLocal", defaultMessage: "Organisation's name in its own language (optional)" },
  acronym: { id: "signOn.acronym", defaultMessage: "Acronym (optional)" },
  website: { id: "signOn.website", defaultMessage: "Website (optional)" },
  person: { id: "signOn.person", defaultMessage: "Person authorising the sign-on" },
  personTitle: { id: "signOn.personTitle", defaultMessage: "Their title (optional)" },
  approve: { id: "signOn.approve", defaultMessage: "Approve" },
  reject: { id: "signOn.reject", defaultMessage: "Reject" },
  edit: { id: "signOn.edit", defaultMessage: "Correct" },
  editTitle: { id: "signOn.editTitle", defaultMessage: "Correct “{name}”" },
  save: { id: "signOn.save", defaultMessage: "Save" },
  cancel: { id: "signOn.cancel", defaultMessage: "Cancel" },
  addTitle: { id: "signOn.addTitle", defaultMessage: "Add an organisation by hand" },
  organisation: { id: "signOn.organisation", defaultMessage: "Organisation" },
  country: { id: "signOn.country", defaultMessage: "Country" },
  region: { id: "signOn.region", defaultMessage: "Region" },
  typeLabel: { id: "signOn.typeLabel", defaultMessage: "Type of organisation" },
  note: { id: "signOn.note", defaultMessage: "Note (optional)" },
  add: { id: "signOn.add", defaultMessage: "Add" },
  choose: { id: "signOn.choose", defaultMessage: "Choose…" },
  carryTitle: { id: "signOn.carryTitle", defaultMessage: "Carry forward from an earlier version" },
  carryFrom: { id: "signOn.carryFrom", defaultMessage: "Earlier version" },
  carry: { id: "signOn.carry", defaultMessage: "Carry approved entries forward" },
  carryNote: { id: "signOn.carryNote", defaultMessage: "Why they are carried forward" },
  carriedSkipped: { id: "signOn.carriedSkipped", defaultMessage: "{count, plural, one {# already listed here, left out.} other {# already listed here, left out.}}" },
  carried: { id: "signOn.carried", defaultMessage: "{count, plural, =0 {Nothing new to carry forward.} one {# entry carried forward.} other {# entries carried forward.}}" },
  csv: { id: "signOn.csv", defaultMessage: "Download approved entries (CSV)" },
});

interface Fields {
  organisation: string;
  country: string;
  region: string;
  type: OrganisationType;
}

/** Everything about an entry a chair may correct: the organisation's fields and who authorised it. */
interface EditFields extends Fields {
  organisationLocal: string;
  acronym: string;
  website: string;
  person: string;
  personTitle: string;
}
const freeFields = ["organisationLocal", "acronym", "website", "person", "personTitle"] as const;

/** A text input with its label (left to right for an address). */
function TextInput({ id, label, value, onChange, type }: { id: string; label: string; value: string; onChange: (value: string) => void; type?: string }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type ?? "text"} dir={type === "url" ? "ltr" : "auto"} value={value} onChange={(e) => onChange(e.target.value)} />
    </>
  );
}

/** A name or other text as its writer gave it, in its own direction inside a sentence of the interface. */
const own = (text: string) => <bdi dir="auto">{text}</bdi>;

/** The organisation's fields a chair gives or corrects: name, country, region, type (and, when correcting, the others after the name). */
function FieldInputs({ fields, onChange, afterName }: { fields: Fields; onChange: (fields: Fields) => void; afterName?: ReactNode }) {
  const intl = useIntl();
  const countries = useCountryNames();
  const id = useId();
  const choose = <option value="">{intl.formatMessage(messages.choose)}</option>;
  return (
    <>
      <label htmlFor={`${id}-organisation`}>{intl.formatMessage(messages.organisation)}</label>
      <input id={`${id}-organisation`} required dir="auto" value={fields.organisation} onChange={(e) => onChange({ ...fields, organisation: e.target.value })} />
      {afterName}
      <label htmlFor={`${id}-country`}>{intl.formatMessage(messages.country)}</label>
      <select id={`${id}-country`} required value={fields.country} onChange={(e) => onChange({ ...fields, country: e.target.value })}>
        {choose}
        {(countries?.list ?? []).map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-region`}>{intl.formatMessage(messages.region)}</label>
      <select id={`${id}-region`} required value={fields.region} onChange={(e) => onChange({ ...fields, region: e.target.value })}>
        {choose}
        {SIGN_ON_REGIONS.map((region) => (
          <option key={region} value={region}>
            {regionName(intl, region)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-type`}>{intl.formatMessage(messages.typeLabel)}</label>
      <select id={`${id}-type`} value={fields.type} onChange={(e) => onChange({ ...fields, type: e.target.value as OrganisationType })}>
        {organisationTypes.map((type) => (
          <option key={type} value={type}>
            {intl.formatMessage(messages.type, { type })}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * Correcting an entry's typos in a modal dialog: every field the organisation gave, in the
 * form's order; focus stays inside, Escape cancels. Only the fields changed are sent.
 */
function EditDialog({ entry, onSave, onCancel }: { entry: SignOnEntry; onSave: (change: SignOnEdit) => Promise<void>; onCancel: () => void }) {
  const intl = useIntl();
  const dialog = useRef<HTMLDialogElement>(null);
  const initial: EditFields = {
    organisation: entry.organisation,
    organisationLocal: entry.organisationLocal,
    acronym: entry.acronym,
    country: entry.country,
    region: entry.region,
    type: entry.type,
    website: entry.website,
    person: entry.person,
    personTitle: entry.personTitle,
  };
  const [fields, setFields] = useState<EditFields>(initial);
  const saving = useAction();
  const titleId = useId();
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const text = (name: (typeof freeFields)[number], type?: string) => (
    <TextInput id={`${id}-${name}`} label={intl.formatMessage(messages[name])} type={type} value={fields[name]} onChange={(value) => setFields({ ...fields, [name]: value })} />
  );
  return (
    <dialog ref={dialog} className="act-dialog sign-on__dialog" aria-labelledby={titleId} onCancel={onCancel}>
      <form
        className="sign-on__form"
        onSubmit={(event) => {
          event.preventDefault();
          const change = Object.fromEntries(Object.entries(fields).filter(([name, value]) => value !== initial[name as keyof EditFields])) as SignOnEdit;
          void saving.run(() => (Object.keys(change).length === 0 ? Promise.resolve(onCancel()) : onSave(change)));
        }}
      >
        <h3 id={titleId} dir="auto">
          {intl.formatMessage(messages.editTitle, { name: entry.organisation })}
        </h3>
        {/* In the public form's order. */}
        <FieldInputs
          fields={fields}
          onChange={(changed) => setFields({ ...fields, ...changed })}
          afterName={
            <>
              {text("organisationLocal")}
              {text("acronym")}
            </>
          }
        />
        {text("website", "url")}
        {text("person")}
        {text("personTitle")}
        {saving.error && (
          <p role="alert" className="notice notice--error small">
            {saving.error}
          </p>
        )}
        <p className="sign-on__actions">
          <button type="submit" className="button button--primary" disabled={saving.busy}>
            {intl.formatMessage(messages.save)}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {intl.formatMessage(messages.cancel)}
          </button>
        </p>
      </form>
    </dialog>
  );
}

/** Counts of approved entries under one heading: "Africa: 3". */
function Counts({ title, counts, name }: { title: string; counts: Record<string, number>; name: (key: string) => string }) {
  const intl = useIntl();
  // Most first, then by name in the reader's language; "not given" last.
  const collator = new Intl.Collator(intl.locale);
  const entries = Object.entries(counts)
    .map(([key, count]) => ({ key, count, label: key === "" ? intl.formatMessage(messages.notGiven) : name(key) }))
    .sort((a, b) => Number(a.key === "") - Number(b.key === "") || b.count - a.count || collator.compare(a.label, b.label));
  if (entries.length === 0) return null;
  return (
    <div className="sign-on__counts">
      <h4>{title}</h4>
      <ul>
        {entries.map(({ key, count, label }) => (
          <li key={key}>{intl.formatMessage(messages.countOf, { name: label, count })}</li>
        ))}
      </ul>
    </div>
  );
}

const emptyFields: Fields = { organisation: "", country: "", region: "", type: "ngo" };

/** Who authorised an entry and how to reach them: chairs judge whether a sign-on is genuine. */
function Contact({ entry }: { entry: SignOnEntry }) {
  const website = /^https?:\/\//i.test(entry.website) ? entry.website : "";
  if (!entry.person && !entry.email && !website) return null;
  return (
    <span className="sign-on__contact small">
      {entry.person &&
        (entry.personTitle ? (
          <span>
            <FormattedMessage {...messages.personWithTitle} values={{ person: own(entry.person), title: own(entry.personTitle) }} />
          </span>
        ) : (
          <span dir="auto">{entry.person}</span>
        ))}
      {entry.email && (
        <a href={`mailto:${entry.email}`} dir="ltr">
          {entry.email}
        </a>
      )}
      {website && (
        <a href={website} dir="ltr" target="_blank" rel="noopener noreferrer">
          {website}
        </a>
      )}
    </span>
  );
}

/**
 * The chairs' sign-on for a frozen version: open or close it (with the public link),
 * the counts of approved organisations, the entries by status with their likely
 * duplicates, decisions, corrections, additions by hand, carrying forward, the CSV.
 */
export function SignOnPanel({ documentId, versionId }: { documentId: string; versionId: string }) {
  const intl = useIntl();
  const countries = useCountryNames();
  const countryName = (code: string) => (code === "" ? "" : (countries?.byCode.get(code) ?? code));
  const formats = useFormats();
  const action = useAction();
  const [list, setList] = useState<SignOnList | null>(null);
  const [status, setStatus] = useState<SignOnStatus>("confirmed");
  const [editing, setEditing] = useState<SignOnEntry | null>(null);
  const [adding, setAdding] = useState<Fields & { note: string }>({ ...emptyFields, note: "" });
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [carry, setCarry] = useState({ from: "", note: "" });
  const [said, setSaid] = useState<string | null>(null);
  const filterId = useId();
  const refresh = useCallback(() => getSignOn(documentId, versionId).then(setList), [documentId, versionId]);
  useEffect(() => {
    void action.run(refresh);
    // Only earlier versions can hand their entries on.
    listVersions(documentId).then((all) => {
      const current = all.versions.find((v) => v.id === versionId);
      setVersions(current ? all.versions.filter((v) => v.createdAt < current.createdAt) : []);
    }, () => undefined);
  }, [documentId, versionId]);
  const act = (work: () => Promise<unknown>, done?: string) =>
    action.run(async () => {
      setSaid(null);
      await work();
      await refresh();
      if (done) setSaid(done);
    });
  if (!list) return action.error ? <p role="alert" className="notice notice--error small">{action.error}</p> : null;
  const publicUrl = `${window.location.origin}/sign/${versionId}`;
  const byId = new Map(list.entries.map((e) => [e.id, e]));
  const shown = list.entries.filter((e) => e.status === status);
  const open = list.window?.open === true;
  return (
    <section className="sign-on" aria-labelledby={`${filterId}-title`}>
      <h2 id={`${filterId}-title`}>{intl.formatMessage(messages.title)}</h2>
      <p className="small">
        {list.window === null
          ? intl.formatMessage(messages.notOpened)
          : open
            ? intl.formatMessage(messages.isOpen)
            : intl.formatMessage(messages.closedOn, { date: formats.dateTime(list.window.closedAt ?? "") })}
      </p>
      <p className="sign-on__actions">
        <button type="button" className="button" disabled={action.busy} onClick={() => void act(() => setSignOnOpen(documentId, versionId, !open))}>
          {intl.formatMessage(open ? messages.close : messages.open)}
        </button>
        <a className="button" href={signOnCsvUrl(documentId, versionId)} download>
          {intl.formatMessage(messages.csv)}
        </a>
      </p>
      {list.window !== null && (
        <p className="sign-on__link">
          <label htmlFor={`${filterId}-link`}>{intl.formatMessage(messages.publicLink)}</label>
          <input id={`${filterId}-link`} readOnly dir="ltr" value={publicUrl} onFocus={(e) => e.target.select()} />
          <button type="button" className="button" onClick={() => void navigator.clipboard.writeText(publicUrl).then(() => setSaid(intl.formatMessage(messages.copied)))}>
            {intl.formatMessage(messages.copy)}
          </button>
        </p>
      )}
      {!list.mailAvailable && <p className="notice small">{intl.formatMessage(messages.noMail)}</p>}
      <p role="status" className="small">
        {said}
      </p>
      {action.error && (
        <p role="alert" className="notice notice--error small">
          {action.error}
        </p>
      )}

      <h3>{intl.formatMessage(messages.approvedCount, { count: list.counts.approved })}</h3>
      <div className="sign-on__all-counts">
        <Counts title={intl.formatMessage(messages.byRegion)} counts={list.counts.byRegion} name={(region) => regionName(intl, region)} />
        <Counts title={intl.formatMessage(messages.byCountry)} counts={list.counts.byCountry} name={countryName} />
        <Counts title={intl.formatMessage(messages.byType)} counts={list.counts.byType} name={(type) => intl.formatMessage(messages.type, { type })} />
      </div>

      <p className="sign-on__filter">
        <label htmlFor={`${filterId}-status`}>{intl.formatMessage(messages.show)}</label>
        <select id={`${filterId}-status`} value={status} onChange={(e) => setStatus(e.target.value as SignOnStatus)}>
          {filters.map((value) => (
            <option key={value} value={value}>
              {intl.formatMessage(messages.status, { status: value, count: list.counts.byStatus[value] ?? 0 })}
            </option>
          ))}
        </select>
      </p>
      {shown.length === 0 && <p className="muted small">{intl.formatMessage(messages.none)}</p>}
      <ul className="sign-on__entries">
        {shown.map((entry) => (
          <li key={entry.id} className="sign-on__entry" data-entry={entry.id}>
            {entry.acronym ? (
              <strong>
                <FormattedMessage {...messages.withAcronym} values={{ name: own(entry.organisation), acronym: own(entry.acronym) }} />
              </strong>
            ) : (
              <strong dir="auto">{entry.organisation}</strong>
            )}
            {entry.organisationLocal && (
              <span className="small" dir="auto">
                <FormattedMessage {...messages.localName} values={{ name: own(entry.organisationLocal) }} />
              </span>
            )}
            <span className="small">
              {[countryName(entry.country) || intl.formatMessage(messages.notGiven), (entry.region && regionName(intl, entry.region)) || intl.formatMessage(messages.notGiven), intl.formatMessage(messages.type, { type: entry.type })].join(" · ")}
            </span>
            <Contact entry={entry} />
            <span className="muted small">{intl.formatMessage(messages.source, { source: entry.source })}</span>
            {entry.mergedInto && (
              <span className="small" dir="auto">
                <FormattedMessage {...messages.mergedInto} values={{ name: own(byId.get(entry.mergedInto)?.organisation ?? entry.mergedInto) }} />
              </span>
            )}
            {entry.note && (
              <span className="small" dir="auto">
                {entry.note}
              </span>
            )}
            {entry.duplicates.length > 0 && <span className="chip">{intl.formatMessage(messages.duplicate)}</span>}
            {entry.status !== "merged" && (
              <span className="sign-on__actions">
                {/* Only what the organisation confirmed by mail is approved (or a rejection undone). */}
                {(entry.status === "confirmed" || entry.status === "rejected") && (
                  <button type="button" className="button" disabled={action.busy} onClick={() => void act(() => decideSignOnEntry(documentId, versionId, entry.id, "approve"))}>
                    {intl.formatMessage(messages.approve)}
                  </button>
                )}
                {entry.status !== "rejected" && entry.status !== "withdrawn" && (
                  <button type="button" className="button" disabled={action.busy} onClick={() => void act(() => decideSignOnEntry(documentId, versionId, entry.id, "reject"))}>
                    {intl.formatMessage(messages.reject)}
                  </button>
                )}
                <button type="button" className="button" onClick={() => setEditing(entry)}>
                  {intl.formatMessage(messages.edit)}
                </button>
                {entry.duplicates.filter((other) => mergeable.has(byId.get(other)?.status ?? "merged")).map((other) => (
                  <button key={other} type="button" className="button" disabled={action.busy} onClick={() => void act(() => mergeSignOnEntry(documentId, versionId, entry.id, other))}>
                    {intl.formatMessage(messages.mergeInto, { name: byId.get(other)?.organisation ?? other })}
                  </button>
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>

      <form
        className="sign-on__form"
        aria-labelledby={`${filterId}-add`}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          const { note, ...fields } = adding;
          void act(async () => {
            await addSignOnEntry(documentId, versionId, { ...fields, note, consentPublish: true });
            setAdding({ ...emptyFields, note: "" });
          });
        }}
      >
        <h3 id={`${filterId}-add`}>{intl.formatMessage(messages.addTitle)}</h3>
        <FieldInputs fields={adding} onChange={(fields) => setAdding({ ...adding, ...fields })} />
        <label htmlFor={`${filterId}-note`}>{intl.formatMessage(messages.note)}</label>
        <input id={`${filterId}-note`} dir="auto" value={adding.note} onChange={(e) => setAdding({ ...adding, note: e.target.value })} />
        <button type="submit" className="button button--primary" disabled={action.busy}>
          {intl.formatMessage(messages.add)}
        </button>
      </form>

      {versions.length > 0 && (
        <form
          className="sign-on__form"
          aria-labelledby={`${filterId}-carry`}
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            void action.run(async () => {
              const result = await carrySignOnForward(documentId, versionId, carry.from, carry.note);
              await refresh();
              setSaid(
                [intl.formatMessage(messages.carried, { count: result.carried.length }), result.skipped > 0 ? intl.formatMessage(messages.carriedSkipped, { count: result.skipped }) : ""].filter(Boolean).join(" "),
              );
            });
          }}
        >
          <h3 id={`${filterId}-carry`}>{intl.formatMessage(messages.carryTitle)}</h3>
          <label htmlFor={`${filterId}-from`}>{intl.formatMessage(messages.carryFrom)}</label>
          <select id={`${filterId}-from`} required value={carry.from} onChange={(e) => setCarry({ ...carry, from: e.target.value })}>
            <option value="">{intl.formatMessage(messages.choose)}</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.roundName}
              </option>
            ))}
          </select>
          <label htmlFor={`${filterId}-carry-note`}>{intl.formatMessage(messages.carryNote)}</label>
          <input id={`${filterId}-carry-note`} required dir="auto" value={carry.note} onChange={(e) => setCarry({ ...carry, note: e.target.value })} />
          <button type="submit" className="button" disabled={action.busy}>
            {intl.formatMessage(messages.carry)}
          </button>
        </form>
      )}

      {editing && (
        <EditDialog
          entry={editing}
          onCancel={() => setEditing(null)}
          onSave={async (change) => {
            // Failures stay in the dialog (it is modal); once saved, the list is read again.
            await editSignOnEntry(documentId, versionId, editing.id, change);
            setEditing(null);
            await action.run(refresh);
          }}
        />
      )}
    </section>
  );
}
