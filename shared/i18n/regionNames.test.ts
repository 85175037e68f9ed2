import { describe, expect, it } from "vitest";
import { createIntl } from "@formatjs/intl";
import { SIGN_ON_REGIONS } from "../signOn.js";
import { LOCALES, type Locale } from "./locales.js";
import { regionName } from "./regionNames.js";
import en from "./catalogues/en.json" with { type: "json" };
import fr from "./catalogues/fr.json" with { type: "json" };
import es from "./catalogues/es.json" with { type: "json" };
import ar from "./catalogues/ar.json" with { type: "json" };

const catalogues: Record<Locale, Record<string, string>> = { en, fr, es, ar };
const intl = (locale: Locale) => createIntl({ locale, messages: catalogues[locale], onError: (error) => { throw error; } });

describe("regionName", () => {
  it("names every region of the template in every language, each name once, in English as stored", () => {
    for (const region of SIGN_ON_REGIONS) expect(regionName(intl("en"), region)).toBe(region);
    for (const locale of LOCALES) expect(new Set(SIGN_ON_REGIONS.map((region) => regionName(intl(locale), region))).size, locale).toBe(SIGN_ON_REGIONS.length);
    expect(regionName(intl("fr"), "Latin America")).toBe("Amérique latine");
    expect(regionName(intl("es"), "Middle East and North Africa")).toBe("Oriente Medio y Norte de África");
    expect(regionName(intl("ar"), "Africa")).toBe("أفريقيا");
  });

  it("shows a region the catalogues do not know as stored", () => {
    expect(regionName(intl("fr"), "Caribbean")).toBe("Caribbean");
  });
});
