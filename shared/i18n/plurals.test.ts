/**
 * Counts read right in Arabic and French, through the real catalogues and the same ICU
 * formatter the interface and the server use: Arabic picks among six forms (0 zero,
 * 1 one, 2 two, 3-10 few, 11-99 many, 100 other), French counts 0 and 1 as one.
 */
import { describe, expect, it } from "vitest";
import { createIntl } from "@formatjs/intl";
import { intlLocale, type Locale } from "./locales.js";
import fr from "./catalogues/fr.json" with { type: "json" };
import ar from "./catalogues/ar.json" with { type: "json" };

const intlFor = (locale: Locale, messages: Record<string, string>) => createIntl({ locale: intlLocale(locale), messages });
const counts = [0, 1, 2, 3, 11, 100];

describe("plural forms", () => {
  it("Arabic: clauses in the outline, organisations under the signatories", () => {
    const intl = intlFor("ar", ar);
    expect(counts.map((clauses) => intl.formatMessage({ id: "outline.clauses" }, { clauses }))).toEqual([
      "لا بنود",
      "بند واحد",
      "بندان",
      "3 بنود",
      "11 بندًا",
      "100 بند",
    ]);
    expect(counts.map((count) => intl.formatMessage({ id: "editor.organisationCount" }, { count }))).toEqual([
      "لا توجد منظمات",
      "منظمة واحدة",
      "منظمتان",
      "3 منظمات",
      "11 منظمة",
      "100 منظمة",
    ]);
  });

  it("French: zero and one take the singular", () => {
    const intl = intlFor("fr", fr);
    expect(counts.map((clauses) => intl.formatMessage({ id: "outline.clauses" }, { clauses }))).toEqual([
      "0 clause",
      "1 clause",
      "2 clauses",
      "3 clauses",
      "11 clauses",
      "100 clauses",
    ]);
    expect(counts.map((count) => intl.formatMessage({ id: "editor.organisationCount" }, { count }))).toEqual([
      "0 organisation",
      "1 organisation",
      "2 organisations",
      "3 organisations",
      "11 organisations",
      "100 organisations",
    ]);
  });

  it("keeps Western digits in Arabic, as Act and clause numbers do", () => {
    expect(intlFor("ar", ar).formatNumber(1234)).toBe("1,234");
    expect(intlFor("ar", ar).formatDate(new Date("2026-11-30T12:00:00Z"), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })).toBe("30 نوفمبر 2026");
  });
});
