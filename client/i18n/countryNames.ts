import countries from "i18n-iso-countries";
import ar from "i18n-iso-countries/langs/ar.json" with { type: "json" };
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };

for (const locale of [ar, en, es, fr]) countries.registerLocale(locale);

/** The catalogue's language of a locale that may carry a region or extensions ("ar-EG-u-nu-latn" is "ar"). */
const language = (locale: string) => locale.split("-")[0]!.toLowerCase();

/** Every country as [ISO 3166-1 alpha-2 code, name in `locale`], in that language's alphabetical order. */
export function countryOptions(locale: string): [string, string][] {
  const collator = new Intl.Collator(locale);
  return Object.entries(countries.getNames(language(locale), { select: "official" })).sort((a, b) => collator.compare(a[1], b[1]));
}

/** A country's name in `locale` (its code when unknown; "" for none). */
export const countryName = (code: string, locale: string) => (code === "" ? "" : (countries.getName(code, language(locale)) ?? code));
