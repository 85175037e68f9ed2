/**
 * States' names in the four languages (from `i18n-iso-countries`, with their alternative
 * names): how the exports name a state, and how an import finds the state a line means,
 * whether it wrote "Côte d'Ivoire", "Cote d’Ivoire", "CIV" or "ساحل العاج".
 */
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import ar from "i18n-iso-countries/langs/ar.json" with { type: "json" };
import { LOCALES, type Locale } from "../../shared/i18n/locales.js";

for (const locale of [en, fr, es, ar]) countries.registerLocale(locale);

/** A name as compared: case, accents, apostrophes, hyphens, dots and spacing set aside. */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’'`´.,()\-‐–]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

let index: Map<string, string> | null = null;

/** Every name of every country in the four languages, by its key (built once, on first use). */
function nameIndex(): Map<string, string> {
  if (index) return index;
  index = new Map();
  for (const locale of LOCALES) {
    for (const [code, names] of Object.entries(countries.getNames(locale, { select: "all" }))) {
      for (const name of names) if (!index.has(nameKey(name))) index.set(nameKey(name), code);
    }
  }
  return index;
}

/** A state's name in `locale` (its code when the package names it not). */
export function stateName(code: string, locale: Locale): string {
  return countries.getName(code, locale) ?? code;
}

/** The alpha-2 code a cell names by ISO alpha-2 or alpha-3 code or by a name in any of the four languages; null when none. */
export function findCountryCode(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && countries.isValid(trimmed.toUpperCase())) return trimmed.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(trimmed)) {
    const code = countries.alpha3ToAlpha2(trimmed.toUpperCase());
    if (code) return code;
  }
  return findCountryByName(trimmed);
}

/** The alpha-2 code of the country `name` names in any of the four languages (not by its code: "AU" may be the African Union); null when none. */
export function findCountryByName(name: string): string | null {
  return nameIndex().get(nameKey(name)) ?? null;
}
