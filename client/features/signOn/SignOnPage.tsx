import { directionOf } from "../../../shared/i18n/locales.js";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { defineMessages, useIntl, type MessageDescriptor } from "react-intl";
import type { PublicSignOn } from "../../../shared/api.js";
import { HONEYPOT_FIELD, signOnFormSchema, signOnLimits, type OrganisationType } from "../../../shared/signOn.js";
import { ApiFailure, getPublicSignOn, submitSignOn } from "../../api.js";
import { EntryCard } from "../../session/SignInPages.js";
import { useLanguage } from "../../i18n/LanguageProvider.js";
import { LanguageSwitch } from "../../i18n/LanguageSwitch.js";
import { useAction, useFailure } from "../../useAction.js";
import { countryNames } from "./countries.js";
import { regionOfCountry } from "./countryRegions.js";
import { regionName } from "../../../shared/i18n/regionNames.js";

const messages = defineMessages({
  title: { id: "signOn.title", defaultMessage: "Sign on to the statement" },
  loading: { id: "signOn.loading", defaultMessage: "Loading…" },
  unavailable: { id: "signOn.unavailable", defaultMessage: "Sign-on unavailable" },
  text: { id: "signOn.text", defaultMessage: "The statement" },
  closed: { id: "signOn.closed", defaultMessage: "Sign-on for this statement is closed." },
  noMail: {
    id: "signOn.noMail",
    defaultMessage: "Sign-on by email is unavailable at the moment: contact the coalition to sign on.",
  },
  form: { id: "signOn.form", defaultMessage: "Sign on" },
  organisation: { id: "signOn.organisation", defaultMessage: "Organisation" },
  organisationLocal: { id: "signOn.organisationLocal", defaultMessage: "Organisation's name in its own language (optional)" },
  acronym: { id: "signOn.acronym", defaultMessage: "Acronym (optional)" },
  country: { id: "signOn.country", defaultMessage: "Country" },
  choose: { id: "signOn.choose", defaultMessage: "Choose…" },
  region: { id: "signOn.region", defaultMessage: "Region" },
  type: { id: "signOn.type", defaultMessage: "Type of organisation" },
  website: { id: "signOn.website", defaultMessage: "Website (optional)" },
  person: { id: "signOn.person", defaultMessage: "Person authorising the sign-on" },
  personTitle: { id: "signOn.personTitle", defaultMessage: "Their title (optional)" },
  email: { id: "signOn.email", defaultMessage: "Email" },
  consentPublish: { id: "signOn.consentPublish", defaultMessage: "The organisation's name may be published with the statement" },
  consentContact: { id: "signOn.consentContact", defaultMessage: "The coalition may contact me (optional)" },
  submit: { id: "signOn.submit", defaultMessage: "Sign on" },
  sending: { id: "signOn.sending", defaultMessage: "Sending…" },
  checkEmail: { id: "signOn.checkEmail", defaultMessage: "Check your email" },
  required: { id: "signOn.required", defaultMessage: "This field is required." },
  tooLong: { id: "signOn.tooLong", defaultMessage: "This is too long." },
  badEmail: { id: "signOn.badEmail", defaultMessage: "Enter a valid email address." },
  badWebsite: { id: "signOn.badWebsite", defaultMessage: "Enter an address starting with http:// or https://." },
  badChoice: { id: "signOn.badChoice", defaultMessage: "Choose one from the list." },
  badText: { id: "signOn.badText", defaultMessage: "Write this with letters or digits." },
  controlCharacters: { id: "signOn.controlCharacters", defaultMessage: "Remove control or invisible characters, such as tabs or line breaks." },
  refused: { id: "signOn.refused", defaultMessage: "The server did not accept this value: check it and try again." },
  consentNeeded: { id: "signOn.consentNeeded", defaultMessage: "Sign-on needs this consent." },
  honeypot: { id: "signOn.honeypot", defaultMessage: "Leave this empty" },
});

const counted = defineMessages<{ checkEmailLead: { email: string }; fixErrors: { count: number } }>({
  checkEmailLead: {
    id: "signOn.checkEmailLead",
    defaultMessage: "We sent a link to {email}. Open it to confirm the sign-on; until then it is not counted.",
  },
  fixErrors: { id: "signOn.fixErrors", defaultMessage: "Some fields need attention: {count, plural, one {# problem} other {# problems}}." },
});

const typeMessages: Record<OrganisationType, MessageDescriptor> = defineMessages({
  ngo: { id: "signOn.type.ngo", defaultMessage: "Non-governmental organisation" },
  network: { id: "signOn.type.network", defaultMessage: "Network or coalition" },
  tradeUnion: { id: "signOn.type.tradeUnion", defaultMessage: "Trade union" },
  faithBased: { id: "signOn.type.faithBased", defaultMessage: "Faith-based organisation" },
  migrantLed: { id: "signOn.type.migrantLed", defaultMessage: "Migrant-led organisation" },
  academic: { id: "signOn.type.academic", defaultMessage: "Academic or research" },
  other: { id: "signOn.type.other", defaultMessage: "Other" },
});

type TextField = "organisation" | "organisationLocal" | "acronym" | "website" | "person" | "personTitle" | "email";
type Values = Record<TextField | "country" | "region" | "type", string> & { consentPublish: boolean; consentContact: boolean };
type FieldName = keyof Values;
const textFields: Array<{ name: TextField; max: number; autoComplete: string; type?: string; required?: boolean }> = [
  { name: "organisation", max: signOnLimits.name, autoComplete: "organization", required: true },
  { name: "organisationLocal", max: signOnLimits.name, autoComplete: "off" },
  { name: "acronym", max: signOnLimits.acronym, autoComplete: "off" },
];
const contactFields: typeof textFields = [
  { name: "website", max: signOnLimits.website, autoComplete: "url", type: "url" },
  { name: "person", max: signOnLimits.person, autoComplete: "name", required: true },
  { name: "personTitle", max: signOnLimits.title, autoComplete: "organization-title" },
  { name: "email", max: signOnLimits.email, autoComplete: "email", type: "email", required: true },
];
const empty: Values = {
  organisation: "", organisationLocal: "", acronym: "", country: "", region: "", type: "", website: "",
  person: "", personTitle: "", email: "", consentPublish: false, consentContact: false,
};

/** Fields typed freely (names and titles). */
const freeText: ReadonlySet<FieldName> = new Set<FieldName>(["organisation", "organisationLocal", "acronym", "person", "personTitle"]);
/** Control, invisible (format), surrogate and unassigned characters; the joiners that Persian and Indic scripts need are not counted. */
const hidden = /(?![\u200C\u200D])\p{C}/u;

/** Why a field is refused by the shared schema (the server checks the same), as a message. */
function problemsOf(values: Values): Partial<Record<FieldName, MessageDescriptor>> {
  const parsed = signOnFormSchema.safeParse({ ...values, consentPublish: values.consentPublish || undefined });
  if (parsed.success) return {};
  const problems: Partial<Record<FieldName, MessageDescriptor>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as FieldName;
    if (problems[field]) continue;
    const value = values[field];
    const blank = typeof value === "string" && value.trim() === "";
    problems[field] =
      field === "consentPublish" ? messages.consentNeeded
      : issue.code === "too_big" ? messages.tooLong
      : blank ? messages.required
      : typeof value === "string" && hidden.test(value) ? messages.controlCharacters
      : freeText.has(field) ? messages.badText
      : field === "email" ? messages.badEmail
      : field === "website" ? messages.badWebsite
      : messages.badChoice;
  }
  return problems;
}

type Statement = PublicSignOn["statement"];
type Block = Statement["before"][number];

/** A block outside the Acts; the statement's own text, each block in its own direction. */
function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case "heading":
      return block.level <= 1 ? <h2 dir="auto">{block.text}</h2> : <h3 dir="auto">{block.text}</h3>;
    case "paragraph":
      return <p dir="auto">{block.text}</p>;
    case "list": {
      const items = block.items.map((item, index) => (
        <li key={index} dir="auto">
          {item}
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case "signatories":
      return (
        <>
          <h2 dir="auto">{block.heading}</h2>
          {block.names.length > 0 && (
            <ul>
              {block.names.map((name, index) => (
                <li key={index} dir="auto">
                  {name}
                </li>
              ))}
            </ul>
          )}
        </>
      );
  }
}

/** The frozen text as the editor numbers it, its headings in its own language: Acts with their clauses and regional notes. Text is never parsed as HTML. */
function StatementView({ statement }: { statement: Statement }) {
  return (
    <>
      {statement.before.map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
      {statement.acts.map((act) => (
        <section key={act.number} className="sign-on-page__act" aria-labelledby={`sign-on-act-${act.number}`}>
          <h2 id={`sign-on-act-${act.number}`} dir="auto">
            {act.heading}
          </h2>
          {act.items.map((item, index) =>
            item.kind === "clause" ? (
              <p key={index} className="sign-on-page__clause">
                <span className="sign-on-page__number">{item.number}</span>
                <span dir="auto">{item.text}</span>
              </p>
            ) : (
              <aside key={index} className="sign-on-page__note" aria-label={item.label}>
                <strong>{item.label}</strong>
                <span dir="auto">{item.text}</span>
              </aside>
            ),
          )}
        </section>
      ))}
      {statement.after.map((block, index) => (
        <BlockView key={index} block={block} />
      ))}
    </>
  );
}

/** `/sign/<versionId>`: anyone reads the frozen statement and signs their organisation on (confirmed by mail). */
export function SignOnPage({ versionId }: { versionId: string }) {
  const intl = useIntl();
  const { locale } = useLanguage();
  const [page, setPage] = useState<PublicSignOn | null>(null);
  const [problem, setProblem] = useFailure();
  const [countries, setCountries] = useState<Array<{ code: string; name: string }>>([]);
  const [values, setValues] = useState<Values>(empty);
  const [honeypot, setHoneypot] = useState("");
  const [shown, setShown] = useState<Partial<Record<FieldName, MessageDescriptor>>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const sentRef = useRef<HTMLParagraphElement>(null);

  // The form is gone once sent: focus moves to what happened, so it is read out.
  useEffect(() => {
    if (sentTo) sentRef.current?.focus();
  }, [sentTo]);
  useEffect(() => {
    let cancelled = false;
    getPublicSignOn(versionId).then(
      (found) => !cancelled && setPage(found),
      (failure: unknown) => !cancelled && setProblem(failure),
    );
    return () => {
      cancelled = true;
    };
  }, [versionId]);
  useEffect(() => {
    let cancelled = false;
    void countryNames(locale).then((list) => !cancelled && setCountries(list));
    return () => {
      cancelled = true;
    };
  }, [locale]);

  function set<K extends FieldName>(name: K, value: Values[K]) {
    setValues((before) => {
      const next = { ...before, [name]: value };
      if (name === "country" && page) next.region = regionOfCountry(String(value), page.regions) || before.region;
      return next;
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = problemsOf(values);
    setShown(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      document.getElementById(`sign-on-${first}`)?.focus();
      return;
    }
    void run(async () => {
      try {
        await submitSignOn(versionId, { ...values, type: values.type as OrganisationType, consentPublish: true, [HONEYPOT_FIELD]: honeypot, language: locale });
      } catch (failure) {
        // The server checks every field again: one it refused is pointed at like the page's own checks.
        const field = failure instanceof ApiFailure ? failure.field : undefined;
        if (field && Object.hasOwn(empty, field)) {
          setShown({ [field]: messages.refused });
          document.getElementById(`sign-on-${field}`)?.focus();
        }
        throw failure;
      }
      setSentTo(values.email.trim());
    });
  }

  if (problem) return <EntryCard title={intl.formatMessage(messages.unavailable)} lead={problem}>{null}</EntryCard>;
  if (!page) return <EntryCard title={intl.formatMessage(messages.title)}>{intl.formatMessage(messages.loading)}</EntryCard>;
  if (sentTo) {
    return (
      <EntryCard title={intl.formatMessage(messages.checkEmail)}>
        <p role="status" ref={sentRef} tabIndex={-1}>
          {intl.formatMessage(counted.checkEmailLead, { email: sentTo })}
        </p>
      </EntryCard>
    );
  }

  const problemCount = Object.keys(shown).length;
  // Named by their label's text only (the problem shown inside the label is their description).
  const described = (name: FieldName) => ({
    "aria-labelledby": `sign-on-${name}-label`,
    ...(shown[name] ? { "aria-invalid": true, "aria-describedby": `sign-on-${name}-problem` } : {}),
  });
  const problemOf = (name: FieldName) =>
    shown[name] && (
      <small className="field__problem" id={`sign-on-${name}-problem`}>
        {intl.formatMessage(shown[name])}
      </small>
    );
  const input = (field: (typeof textFields)[number]) => (
    <label className="field" key={field.name}>
      <span id={`sign-on-${field.name}-label`}>{intl.formatMessage(messages[field.name])}</span>
      <input
        id={`sign-on-${field.name}`}
        name={field.name}
        type={field.type ?? "text"}
        autoComplete={field.autoComplete}
        maxLength={field.max}
        required={field.required}
        value={values[field.name]}
        onChange={(event) => set(field.name, event.target.value)}
        {...described(field.name)}
      />
      {problemOf(field.name)}
    </label>
  );
  const choice = (name: "country" | "region" | "type", options: Array<{ value: string; label: string }>) => (
    <label className="field">
      <span id={`sign-on-${name}-label`}>{intl.formatMessage(messages[name])}</span>
      <select id={`sign-on-${name}`} name={name} required value={values[name]} onChange={(event) => set(name, event.target.value)} {...described(name)}>
        <option value="">{intl.formatMessage(messages.choose)}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {problemOf(name)}
    </label>
  );
  const consent = (name: "consentPublish" | "consentContact") => (
    <label className="sign-on__consent">
      <input
        id={`sign-on-${name}`}
        type="checkbox"
        name={name}
        required={name === "consentPublish"}
        checked={values[name]}
        onChange={(event) => set(name, event.target.checked)}
        {...described(name)}
      />
      <span id={`sign-on-${name}-label`}>{intl.formatMessage(messages[name])}</span>
      {problemOf(name)}
    </label>
  );

  return (
    <main className="page page--narrow sign-on-page">
      <div className="sign-on__top">
        <LanguageSwitch />
      </div>
      <h1 lang={page.language} dir="auto">
        {page.title}
      </h1>
      <p className="muted">{page.round.name}</p>
      {/* The statement reads in its own direction, whatever the page's language: each block by its first strong character, as in the editor. */}
      <section className="sign-on__text" lang={page.language} dir={directionOf(page.language)} aria-label={intl.formatMessage(messages.text)}>
        <StatementView statement={page.statement} />
      </section>
      <div>
        {!page.open ? (
          <p role="status" className="notice">{intl.formatMessage(messages.closed)}</p>
        ) : !page.mailAvailable ? (
          <p role="status" className="notice">{intl.formatMessage(messages.noMail)}</p>
        ) : (
          <form onSubmit={submit} noValidate aria-label={intl.formatMessage(messages.form)}>
            <h2>{intl.formatMessage(messages.form)}</h2>
            {(problemCount > 0 || error) && (
              <div role="alert" className="notice notice--error">
                {problemCount > 0 && <p>{intl.formatMessage(counted.fixErrors, { count: problemCount })}</p>}
                {error && <p>{error}</p>}
              </div>
            )}
            {textFields.map(input)}
            {choice("country", countries.map((country) => ({ value: country.code, label: country.name })))}
            {choice("region", page.regions.map((region) => ({ value: region, label: regionName(intl, region) })))}
            {choice("type", page.organisationTypes.map((type) => ({ value: type, label: intl.formatMessage(typeMessages[type]) })))}
            {contactFields.map(input)}
            {consent("consentPublish")}
            {consent("consentContact")}
            <div className="sign-on__trap" aria-hidden="true">
              <label>
                {intl.formatMessage(messages.honeypot)}
                <input name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" value={honeypot} onChange={(event) => setHoneypot(event.target.value)} />
              </label>
            </div>
            <button type="submit" className="button button--primary button--wide" disabled={busy}>
              {intl.formatMessage(busy ? messages.sending : messages.submit)}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
