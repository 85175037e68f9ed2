/**
 * The server's words in each language: exports follow their statement's language, the
 * audit CSV its reader's. The same catalogues as the interface, through FormatJS
 * (`@formatjs/intl`), one cached `IntlShape` per language. Times are UTC: the server
 * knows no reader's time zone, so what it writes says UTC or is a calendar day.
 */
import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import { DEFAULT_LOCALE, LOCALES, intlLocale, matchLocale, type Locale } from "../shared/i18n/locales.js";
import en from "../shared/i18n/catalogues/en.json" with { type: "json" };
import fr from "../shared/i18n/catalogues/fr.json" with { type: "json" };
import es from "../shared/i18n/catalogues/es.json" with { type: "json" };
import ar from "../shared/i18n/catalogues/ar.json" with { type: "json" };

const catalogues: Record<Locale, Record<string, string>> = { en, fr, es, ar };
const cache = createIntlCache();
const intls = new Map<Locale, IntlShape>();

/** The messages, dates and numbers of `locale` (Arabic with Western digits), times in UTC. */
export function intlFor(locale: Locale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({ locale: intlLocale(locale), defaultLocale: DEFAULT_LOCALE, messages: catalogues[locale], timeZone: "UTC" }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

/**
 * The languages of an Accept-Language header, most preferred first (by `q`, then by
 * order; `q=0` means "not this one").
 */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const q = parameters.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => tag !== "" && tag !== "*" && q > 0 && !Number.isNaN(q))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The language to answer someone in: the one their account chose, else their browser's, else English. */
export function readerLocale(account: { language: Locale | null } | null | undefined, acceptLanguage: string | undefined): Locale {
  if (account?.language && (LOCALES as readonly string[]).includes(account.language)) return account.language;
  return matchLocale(acceptedLanguages(acceptLanguage));
}

/** A calendar day ("2018-02-05") or the day of an instant (in UTC), in words: "5 février 2018". */
export function formatDay(intl: IntlShape, value: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value);
  return Number.isNaN(date.getTime()) ? value : intl.formatDate(date, { day: "numeric", month: "long", year: "numeric" });
}

/** An instant to the second, in UTC (the CSV's header says so). */
export function formatInstant(intl: IntlShape, value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return intl.formatDate(date, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}
