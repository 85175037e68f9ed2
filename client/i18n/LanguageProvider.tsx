import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { IntlProvider } from "react-intl";
import { DEFAULT_LOCALE, directionOf, intlLocale, isLocale, matchLocale, type Locale } from "../../shared/i18n/locales.js";
import { loadCatalogue, type Catalogue } from "./catalogues.js";

const LANGUAGE_KEY = "drafting.language";
/** The account a language chosen here has not reached yet (offline, or the save failed). */
const UNSAVED_KEY = "drafting.language.unsaved";

/** localStorage, or nothing where the browser refuses it (storage blocked): the language is then not remembered. */
function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Not remembered on this device; the account still keeps it.
  }
}

/** The language to open in: the one last chosen on this device, else the browser's preference. */
export function initialLocale(): Locale {
  const chosen = stored(LANGUAGE_KEY);
  if (isLocale(chosen)) return chosen;
  return matchLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

/**
 * The language chosen on this device that still has to be saved on an account (made
 * offline, or the save failed), kept with that account's id: another person signing in
 * here later is not given it.
 */
export const unsavedChoice = {
  get: (accountId: string): Locale | null => {
    const chosen = stored(LANGUAGE_KEY);
    return stored(UNSAVED_KEY) === accountId && isLocale(chosen) ? chosen : null;
  },
  set: (accountId: string | null) => store(UNSAVED_KEY, accountId),
};

/** Set `lang` and `dir` on the page (before the first paint, so Arabic never flashes left to right). */
export function markPage(locale: Locale): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

interface LanguageContextValue {
  locale: Locale;
  /** Show the interface in `locale` (remembered on this device; `useChooseLanguage` also stores it on the account). */
  switchTo(locale: Locale): Promise<void>;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

/**
 * The interface's language: its messages for react-intl, `lang` and `dir` on the page
 * (so the whole layout mirrors in Arabic), and a way to switch.
 */
export function LanguageProvider({ initial, children }: { initial: { locale: Locale; messages: Catalogue }; children: ReactNode }) {
  const [current, setCurrent] = useState(initial);
  const latest = useRef(initial.locale);
  useLayoutEffect(() => markPage(current.locale), [current.locale]);
  const switchTo = useCallback(async (locale: Locale) => {
    latest.current = locale;
    const messages = await loadCatalogue(locale);
    // Remembered once its messages are here: a language that fails to load is not the next start's.
    store(LANGUAGE_KEY, locale);
    // Two switches in a row: the last one chosen wins, whichever catalogue arrives first.
    if (latest.current === locale) setCurrent({ locale, messages });
  }, []);
  const value = useMemo(() => ({ locale: current.locale, switchTo }), [current.locale, switchTo]);
  return (
    <LanguageContext.Provider value={value}>
      <IntlProvider locale={intlLocale(current.locale)} defaultLocale="en" messages={current.messages}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

/** The interface's language (throws outside the provider). */
export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage outside LanguageProvider");
  return value;
}

/** The first screen's language and messages: the preferred language, or English when its messages cannot be loaded. */
export async function firstLanguage(): Promise<{ locale: Locale; messages: Catalogue }> {
  const locale = initialLocale();
  try {
    return { locale, messages: await loadCatalogue(locale) };
  } catch {
    return { locale: DEFAULT_LOCALE, messages: await loadCatalogue(DEFAULT_LOCALE) };
  }
}
