import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { SIGN_ON_REGIONS } from "../../../shared/signOn.js";
import { countryRegions, regionOfCountry } from "./countryRegions.js";

describe("regionOfCountry", () => {
  it("prefills each country but Antarctica with one of the coalition's regions, from a list that names each once", () => {
    for (const code of Object.keys(en.countries).filter((code) => code !== "AQ")) expect(SIGN_ON_REGIONS, code).toContain(regionOfCountry(code, SIGN_ON_REGIONS));
    expect(regionOfCountry("AQ", SIGN_ON_REGIONS)).toBe("");
    const source = readFileSync(new URL("./countryRegions.ts", import.meta.url), "utf8");
    const listed = [...source.matchAll(/^(?:const \w+ =\s*)?"([A-Z]{2}(?: [A-Z]{2})*)";$/gm)].flatMap((m) => m[1]!.split(" "));
    expect(listed.length).toBe(countryRegions.size);
  });

  it("places countries in their region", () => {
    expect(regionOfCountry("PE", SIGN_ON_REGIONS)).toBe("Latin America");
    expect(regionOfCountry("MA", SIGN_ON_REGIONS)).toBe("Middle East and North Africa");
    expect(regionOfCountry("KE", SIGN_ON_REGIONS)).toBe("Africa");
    expect(regionOfCountry("PH", SIGN_ON_REGIONS)).toBe("Asia");
    expect(regionOfCountry("FR", SIGN_ON_REGIONS)).toBe("Europe");
    expect(regionOfCountry("CA", SIGN_ON_REGIONS)).toBe("North America");
    expect(regionOfCountry("FJ", SIGN_ON_REGIONS)).toBe("Pacific");
    expect(regionOfCountry("TR", SIGN_ON_REGIONS)).toBe("Europe");
    expect(regionOfCountry("IO", SIGN_ON_REGIONS)).toBe("Africa");
    expect(regionOfCountry("GS", SIGN_ON_REGIONS)).toBe("Latin America");
  });

  it("leaves the region empty when the coalition has no such region", () => {
    expect(regionOfCountry("PE", ["Africa", "Europe"])).toBe("");
  });

  it("lists every code of the map as a real ISO country", () => {
    const unknown = [...countryRegions.keys()].filter((code) => !(code in en.countries));
    expect(unknown).toEqual([]);
  });
});
