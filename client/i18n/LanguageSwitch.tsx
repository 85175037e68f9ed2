import { useEffect } from "react";
import { defineMessages, useIntl } from "react-intl";
import { directionOf, LANGUAGE_NAMES, LOCALES, isLocale, type Locale } from "../../shared/i18n/locales.js";
import { updateMe } from "../api.js";
import { useSession } from "../session/SessionProvider.js";
import { useLanguage } from "./LanguageProvider.js";

const messages = defineMessages({
  label: { id: "language.switch", defaultMessage: "Language" },
});

/** Switch the interface's language; signed in, the choice is stored on the account and follows the person to any device. */
export function useChooseLanguage(): (locale: Locale) => Promise<void> {
  const { switchTo } = useLanguage();
  const { state, signedIn } = useSession();
  return async (locale) => {
    await switchTo(locale);
    if (state.status !== "signedIn" || state.offline) return;
    // Not saved (the connection dropped): this device keeps the choice; the account keeps its own until the next switch.
    const me = await updateMe({ language: locale }).catch(() => null);
    if (me) signedIn(me);
  };
}

/** When the session says which language the account chose (signing in, on another device), the interface takes it. */
export function FollowAccountLanguage() {
  const { state } = useSession();
  const { locale, switchTo } = useLanguage();
  const chosen = state.status === "signedIn" ? state.me.language : null;
  useEffect(() => {
    if (chosen && chosen !== locale) void switchTo(chosen);
    // Only when the account's choice changes: a switch on this device is saved, then matches.
  }, [chosen]);
  return null;
}

/** The language list, each language named in itself. */
export function LanguageSwitch({ className }: { className?: string }) {
  const intl = useIntl();
  const { locale } = useLanguage();
  const choose = useChooseLanguage();
  return (
    <select
      className={`language-switch${className ? ` ${className}` : ""}`}
      aria-label={intl.formatMessage(messages.label)}
      value={locale}
      onChange={(event) => {
        if (isLocale(event.target.value)) void choose(event.target.value);
      }}
    >
      {LOCALES.map((option) => (
        <option key={option} value={option} lang={option} dir={directionOf(option)}>
          {LANGUAGE_NAMES[option]}
        </option>
      ))}
    </select>
  );
}
