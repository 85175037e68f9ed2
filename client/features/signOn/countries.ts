import { useEffect, useState } from "react";
import type { Locale } from "../../../shared/i18n/locales.js";
import { useLanguage } from "../../i18n/LanguageProvider.js";

/** ISO country names in the interface's language, sorted for that language; loaded only by the sign-on page. */
export async function countryNames(locale: Locale): Promise<Array<{ code: string; name: string }>> {
  const loaders: Record<Locale, () => Promise<{ default: { countries: Record<string, string | string[]> } }>> = {
    en: () => import("i18n-iso-countries/langs/en.json"),
    fr: () => import("i18n-iso-countries/langs/fr.json"),
    es: () => import("i18n-iso-countries/langs/es.json"),
    ar: () => import("i18n-iso-countries/langs/ar.json"),
  };
  const { countries } = (await loaders[locale]()).default;
  const collator = new Intl.Collator(locale);
  return Object.entries(countries)
    .map(([code, names]) => ({ code, name: Array.isArray(names) ? (names[0] ?? code) : names }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** The country names of the interface's language once loaded (null before): sorted, and by code. */
export function useCountryNames(): { list: Array<{ code: string; name: string }>; byCode: Map<string, string> } | null {
  const { locale } = useLanguage();
  const [names, setNames] = useState<{ list: Array<{ code: string; name: string }>; byCode: Map<string, string> } | null>(null);
  useEffect(() => {
    let cancelled = false;
    void countryNames(locale).then((list) => !cancelled && setNames({ list, byCode: new Map(list.map((country) => [country.code, country.name])) }));
    return () => {
      cancelled = true;
    };
  }, [locale]);
  return names;
}
