import { useEffect, useState, type FormEvent } from "react";
import { defineMessages, FormattedMessage, useIntl, type MessageTag, type MessageValue, type NoMessageValues } from "react-intl";
import { useLocation } from "wouter";
import type { DocumentSummary, TemplateId } from "../../../shared/api.js";
import { directionOf, isLocale, LANGUAGE_NAMES, LOCALES, type Locale } from "../../../shared/i18n/locales.js";
import { canCreateDocuments } from "../../../shared/roles.js";
import { createDocument, listDocuments } from "../../api.js";
import { useLanguage } from "../../i18n/LanguageProvider.js";
import { useFormats } from "../../i18n/useFormats.js";
import { useCurrentWorkspace } from "../../session/SessionProvider.js";
import { useAction, useFailure } from "../../useAction.js";

const messages = defineMessages<{
  title: NoMessageValues;
  loading: NoMessageValues;
  empty: NoMessageValues;
  listed: { language: MessageValue; when: string };
  newTitle: NoMessageValues;
  titleLabel: NoMessageValues;
  titlePlaceholder: NoMessageValues;
  language: NoMessageValues;
  languageHint: NoMessageValues;
  startFrom: NoMessageValues;
  tenActs: { small: MessageTag };
  blank: NoMessageValues;
  creating: NoMessageValues;
  create: NoMessageValues;
}>({
  title: { id: "documents.title", defaultMessage: "Statements" },
  loading: { id: "documents.loading", defaultMessage: "Loading…" },
  empty: { id: "documents.empty", defaultMessage: "No statements yet. Create the first one below." },
  listed: { id: "documents.listed", defaultMessage: "{language} · edited {when}" },
  newTitle: { id: "documents.newTitle", defaultMessage: "New statement" },
  titleLabel: { id: "documents.titleLabel", defaultMessage: "Title" },
  titlePlaceholder: { id: "documents.titlePlaceholder", defaultMessage: "Now and How: Ten Acts for the Global Compact" },
  language: { id: "documents.language", defaultMessage: "Language" },
  languageHint: { id: "documents.languageHint", defaultMessage: "The language the statement is written in. Spell checking and exports follow it." },
  startFrom: { id: "documents.startFrom", defaultMessage: "Start from" },
  tenActs: { id: "documents.templateTenActs", defaultMessage: "The Ten Acts template <small>ten Acts, one empty clause each, a list of signatories</small>" },
  blank: { id: "documents.templateBlank", defaultMessage: "A blank page" },
  creating: { id: "documents.creating", defaultMessage: "Creating…" },
  create: { id: "documents.create", defaultMessage: "Create statement" },
});

/** A language named in itself, marked as that language (so it is read and shaped as such). */
function LanguageName({ locale }: { locale: Locale }) {
  return (
    <span lang={locale} dir={directionOf(locale)}>
      {LANGUAGE_NAMES[locale]}
    </span>
  );
}

/** The workspace's statements, and the form that starts a new one. */
export function DocumentList() {
  const intl = useIntl();
  const formats = useFormats();
  const { locale } = useLanguage();
  const [documents, setDocuments] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useFailure();
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<TemplateId>("ten-acts");
  // Until one is picked, a new statement is in the interface's language (and follows it when it changes).
  const [picked, setPicked] = useState<Locale | null>(null);
  const language = picked ?? locale;
  const creating = useAction();
  const [, navigate] = useLocation();
  const [workspace] = useCurrentWorkspace();
  const workspaceId = workspace?.workspace.id;

  useEffect(() => {
    if (!workspaceId) return;
    let cancelled = false;
    listDocuments(workspaceId).then(
      (list) => !cancelled && setDocuments(list.documents),
      (failure: unknown) => !cancelled && setError(failure),
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId]);

  function onCreate(event: FormEvent) {
    event.preventDefault();
    void creating.run(async () => {
      const created = await createDocument({ title: title.trim(), template, language, workspaceId });
      navigate(`/d/${created.id}`);
    });
  }

  return (
    <main className="page page--narrow">
      <header className="page-header">
        <p className="eyebrow">{workspace?.workspace.name}</p>
        <h1>{intl.formatMessage(messages.title)}</h1>
      </header>

      <section aria-label={intl.formatMessage(messages.title)} className="document-list">
        {documents === null && !error && <p className="muted">{intl.formatMessage(messages.loading)}</p>}
        {documents?.length === 0 && <p className="muted">{intl.formatMessage(messages.empty)}</p>}
        <ul>
          {documents?.map((document) => (
            <li key={document.id}>
              <a
                href={`/d/${document.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(`/d/${document.id}`);
                }}
              >
                <span className="document-list__title" dir="auto">
                  {document.title}
                </span>
                <span className="muted" title={formats.dateTime(document.updatedAt)}>
                  <FormattedMessage {...messages.listed} values={{ language: <LanguageName locale={document.language} />, when: formats.when(document.updatedAt) }} />
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>

      {workspace && canCreateDocuments(workspace.role) && (
        <form className="card new-statement" onSubmit={onCreate} aria-label={intl.formatMessage(messages.newTitle)}>
          <h2>{intl.formatMessage(messages.newTitle)}</h2>
          <label className="field">
            <span>{intl.formatMessage(messages.titleLabel)}</span>
            <input
              name="title"
              dir="auto"
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              placeholder={intl.formatMessage(messages.titlePlaceholder)}
              maxLength={200}
              required
            />
          </label>
          <label className="field">
            <span>{intl.formatMessage(messages.language)}</span>
            <select
              name="language"
              value={language}
              onChange={(event) => {
                if (isLocale(event.target.value)) setPicked(event.target.value);
              }}
              aria-describedby="new-statement-language-hint"
            >
              {LOCALES.map((option) => (
                <option key={option} value={option} lang={option} dir={directionOf(option)}>
                  {LANGUAGE_NAMES[option]}
                </option>
              ))}
            </select>
            <small className="muted" id="new-statement-language-hint">
              {intl.formatMessage(messages.languageHint)}
            </small>
          </label>
          <fieldset className="field field--choices">
            <legend>{intl.formatMessage(messages.startFrom)}</legend>
            <label>
              <input type="radio" name="template" checked={template === "ten-acts"} onChange={() => setTemplate("ten-acts")} />
              <FormattedMessage {...messages.tenActs} values={{ small: (chunks) => <small>{chunks}</small> }} />
            </label>
            <label>
              <input type="radio" name="template" checked={template === "blank"} onChange={() => setTemplate("blank")} />
              {intl.formatMessage(messages.blank)}
            </label>
          </fieldset>
          <button type="submit" className="button button--primary" disabled={creating.busy || title.trim() === ""}>
            {intl.formatMessage(creating.busy ? messages.creating : messages.create)}
          </button>
        </form>
      )}

      {(error ?? creating.error) && (
        <p role="alert" className="notice notice--error">
          {error ?? creating.error}
        </p>
      )}
    </main>
  );
}
