/**
 * The catalogues as translators wrote them: every message is valid ICU, and every
 * plural gives each form its language has (Arabic six: zero, one, two, few, many,
 * other; French and Spanish one and other), so no count ever falls back to a wrong form.
 */
import { describe, expect, it } from "vitest";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { LOCALES, type Locale } from "./locales.js";
import en from "./catalogues/en.json" with { type: "json" };
import fr from "./catalogues/fr.json" with { type: "json" };
import es from "./catalogues/es.json" with { type: "json" };
import ar from "./catalogues/ar.json" with { type: "json" };

const catalogues: Record<Locale, Record<string, string>> = { en, fr, es, ar };

const requiredForms: Record<Locale, string[]> = {
  en: ["one", "other"],
  fr: ["one", "other"],
  es: ["one", "other"],
  ar: ["zero", "one", "two", "few", "many", "other"],
};

/** The option keys of every plural in a message, nested ones included. */
function pluralForms(elements: MessageFormatElement[]): string[][] {
  const found: string[][] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural) found.push(Object.keys(element.options));
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) found.push(...pluralForms(option.value));
    }
    if (element.type === TYPE.tag) found.push(...pluralForms(element.children));
  }
  return found;
}

describe.each(LOCALES)("the %s catalogue", (locale) => {
  const messages = Object.entries(catalogues[locale]);

  it("has every message of the English one, and no other", () => {
    expect(Object.keys(catalogues[locale]).sort()).toEqual(Object.keys(en).sort());
  });

  it("is valid ICU, and its plurals give every form of the language", () => {
    const missing: string[] = [];
    for (const [id, message] of messages) {
      const elements = parse(message);
      for (const forms of pluralForms(elements)) {
        const absent = requiredForms[locale].filter((form) => !forms.includes(form));
        if (absent.length > 0) missing.push(`${id}: no ${absent.join(", ")}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
