import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { IntlProvider } from "react-intl";
import { directionOf, intlLocale, isLocale, matchLocale, type Locale } from "../../shared/i18n/locales.js";
import { loadCatalogue, type Catalogue } from "./catalogues.js";

const LANGUAGE_KEY = "drafting.language";

/** The language to open in: the one last chosen on this device, else the browser's preference. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  if (isLocale(stored)) return stored;
  return matchLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
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
  useEffect(() => {
    document.documentElement.lang = current.locale;
    document.documentElement.dir = directionOf(current.locale);
  }, [current.locale]);
  const switchTo = useCallback(async (locale: Locale) => {
    localStorage.setItem(LANGUAGE_KEY, locale);
    latest.current = locale;
    const messages = await loadCatalogue(locale);
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
