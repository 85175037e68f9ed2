import type { Locale } from "../../../shared/i18n/locales.js";

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
