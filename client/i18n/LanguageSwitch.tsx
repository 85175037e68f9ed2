import { useEffect } from "react";
import { defineMessages, useIntl } from "react-intl";
import { directionOf, LANGUAGE_NAMES, LOCALES, isLocale, type Locale } from "../../shared/i18n/locales.js";
import { updateMe } from "../api.js";
import type { Me } from "../../shared/api.js";
import { useSession } from "../session/SessionProvider.js";
import { unsavedChoice, useLanguage } from "./LanguageProvider.js";

const messages = defineMessages({
  label: { id: "language.switch", defaultMessage: "Language" },
});

/** Which save of the account's language is the latest (an earlier answer arriving late must not win). */
let saves = 0;

/** Store the language on the signed-in account; until that succeeds it stays marked unsaved for that account on this device. */
async function saveOnAccount(locale: Locale, accountId: string, signedIn: (me: Me) => void): Promise<void> {
  const mine = ++saves;
  unsavedChoice.set(accountId);
  const me = await updateMe({ language: locale }).catch(() => null);
  if (mine !== saves || !me) return;
  unsavedChoice.set(null);
  signedIn(me);
}

/** Switch the interface's language; signed in, the choice is stored on the account and follows the person to any device. */
export function useChooseLanguage(): (locale: Locale) => Promise<void> {
  const { switchTo } = useLanguage();
  const { state, signedIn } = useSession();
  return async (locale) => {
    await switchTo(locale);
    if (state.status === "signedIn") await saveOnAccount(locale, state.me.account.id, signedIn);
  };
}

/**
 * When the session says which language the account chose (signing in, on another
 * device), the interface takes it; unless a choice made on this device has not reached
 * the account yet (made offline): that one is saved now.
 */
export function FollowAccountLanguage() {
  const { state, signedIn } = useSession();
  const { locale, switchTo } = useLanguage();
  const online = state.status === "signedIn" && !state.offline;
  const accountId = state.status === "signedIn" ? state.me.account.id : null;
  const chosen = state.status === "signedIn" ? state.me.language : null;
  useEffect(() => {
    if (!online || !accountId) return;
    const unsaved = unsavedChoice.get(accountId);
    if (unsaved && unsaved !== chosen) void saveOnAccount(unsaved, accountId, signedIn);
    else if (chosen && chosen !== locale) void switchTo(chosen);
    // Only when the account, its choice or the connection changes: a switch on this device is saved, then matches.
  }, [accountId, chosen, online]);
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
