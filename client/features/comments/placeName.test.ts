import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createIntl } from "react-intl";
import type { TextPlace } from "../../../shared/comments/places.js";
import { intlLocale, type Locale } from "../../../shared/i18n/locales.js";
import { placeName } from "./placeName.js";

function intlFor(locale: Locale) {
  const messages = JSON.parse(readFileSync(new URL(`../../../shared/i18n/catalogues/${locale}.json`, import.meta.url), "utf8")) as Record<string, string>;
  return createIntl({ locale: intlLocale(locale), messages, onError: (error) => { throw error; } });
}

const places: TextPlace[] = [
  { kind: "clause", act: 9, clause: "9.2" },
  { kind: "actTitle", act: 3, clause: null },
  { kind: "regionalNote", act: 3, clause: null, region: "Africa" },
  { kind: "regionalNote", act: 3, clause: null, region: null },
  { kind: "act", act: 10, clause: null },
  { kind: "title", act: null, clause: null },
  { kind: "afterActs", act: null, clause: null, heading: null },
  { kind: "afterActs", act: null, clause: null, heading: "Follow-up" },
  { kind: "outsideActs", act: null, clause: null },
];

describe("placeName names a place in the reader's language", () => {
  it("in English, as the sidebar always has", () => {
    expect(places.map((place) => placeName(intlFor("en"), place))).toEqual([
      "Clause 9.2",
      "Act 3 title",
      "Act 3, note for Africa",
      "Act 3, regional note",
      "Act 10",
      "Title",
      "After the Acts",
      "Follow-up",
      "Outside the Acts",
    ]);
  });

  it("in French and Arabic, with Western digits and the statement's own words untouched", () => {
    expect(placeName(intlFor("fr"), places[1]!)).toBe("Titre de l’Acte 3");
    expect(placeName(intlFor("ar"), places[0]!)).toBe("البند 9.2");
    expect(placeName(intlFor("ar"), places[4]!)).toBe("الإجراء 10");
    expect(placeName(intlFor("ar"), places[2]!)).toContain("Africa");
    expect(placeName(intlFor("es"), places[7]!)).toBe("Follow-up");
  });
});
