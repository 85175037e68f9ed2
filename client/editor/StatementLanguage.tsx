import { useEffect, useId, useRef, useState } from "react";
import { defineMessages, FormattedMessage, useIntl, type MessageValue, type NoMessageValues } from "react-intl";
import type { DocumentDetail } from "../../shared/api.js";
import { directionOf, isLocale, LANGUAGE_NAMES, LOCALES, type Locale } from "../../shared/i18n/locales.js";
import { canManageStatement } from "../../shared/roles.js";
import { updateDocument } from "../api.js";
import { useLanguage } from "../i18n/LanguageProvider.js";

const messages = defineMessages<{
  label: NoMessageValues;
  apply: NoMessageValues;
  applyName: { language: string };
  busy: NoMessageValues;
  failed: NoMessageValues;
  // Any value: the language name goes in as an element, marked with its own language.
  shown: { language: MessageValue };
}>({
  label: { id: "editor.statementLanguage", defaultMessage: "Statement language" },
  apply: { id: "editor.statementLanguageApply", defaultMessage: "Change" },
  applyName: { id: "editor.statementLanguageApplyName", defaultMessage: "Change the statement's language to {language}" },
  busy: { id: "editor.statementLanguageBusy", defaultMessage: "Changing…" },
  failed: { id: "editor.statementLanguageFailed", defaultMessage: "The statement's language was not changed. Try again." },
  shown: { id: "editor.statementLanguageShown", defaultMessage: "Statement language: {language}" },
});

/** A language's name in itself, marked as written in that language. */
function LanguageName({ locale }: { locale: Locale }) {
  return (
    <span lang={locale} dir={directionOf(locale)}>
      {LANGUAGE_NAMES[locale]}
    </span>
  );
}

/** Between the label and the list. */
const SPACE = " ";

/**
 * The statement's language (its spellcheck and exports follow it), on its own line above
 * the toolbar. Chairs change it here: pick a language, then "Change" (or Enter in the
 * list), so browsing the list with the arrow keys changes nothing. Others see it only
 * when it differs from the interface's.
 */
export function StatementLanguage({ detail, onChanged }: { detail: DocumentDetail; onChanged: (language: Locale) => void }) {
  const intl = useIntl();
  const { locale } = useLanguage();
  const id = useId();
  const [chosen, setChosen] = useState<Locale>(detail.language);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  // Changed elsewhere (another chair, a reload): the list shows the statement's language again.
  useEffect(() => setChosen(detail.language), [detail.language]);

  if (!canManageStatement(detail.role)) {
    if (detail.language === locale) return null;
    return (
      <div className="statement-language statement-language--shown muted">
        <FormattedMessage {...messages.shown} values={{ language: <LanguageName locale={detail.language} /> }} />
      </div>
    );
  }

  const apply = async () => {
    if (busy || chosen === detail.language) return;
    setBusy(true);
    setFailed(false);
    try {
      const updated = await updateDocument(detail.id, { language: chosen });
      // The "Change" button goes once done: the keyboard goes back to the list.
      if (wrapper.current?.contains(document.activeElement)) select.current?.focus();
      onChanged(updated.language);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const pending = chosen !== detail.language;
  return (
    <div ref={wrapper} className="statement-language">
      <label className="statement-language__label" htmlFor={id}>
        {intl.formatMessage(messages.label)}
      </label>
      {SPACE}
      <select
        ref={select}
        id={id}
        className="tool-input statement-language__select"
        value={chosen}
        aria-describedby={failed ? `${id}-failed` : undefined}
        onChange={(event) => {
          if (busy) return;
          if (isLocale(event.target.value)) setChosen(event.target.value);
          setFailed(false);
        }}
        onKeyDown={(event) => {
          if (event.key !== "Enter" || !pending) return;
          event.preventDefault();
          void apply();
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option} dir={directionOf(option)}>
            {LANGUAGE_NAMES[option]}
          </option>
        ))}
      </select>
      {pending && SPACE}
      {pending && (
        <button
          type="button"
          className="button button--quiet statement-language__apply"
          aria-disabled={busy}
          onClick={() => void apply()}
          aria-label={busy ? undefined : intl.formatMessage(messages.applyName, { language: LANGUAGE_NAMES[chosen] })}
        >
          {intl.formatMessage(busy ? messages.busy : messages.apply)}
        </button>
      )}
      {failed && (
        <p id={`${id}-failed`} className="statement-language__error" role="alert">
          {intl.formatMessage(messages.failed)}
        </p>
      )}
    </div>
  );
}
