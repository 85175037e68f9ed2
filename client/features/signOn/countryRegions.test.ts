import { describe, expect, it } from "vitest";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import { SIGN_ON_REGIONS } from "../../../shared/signOn.js";
import { countryRegions, regionOfCountry } from "./countryRegions.js";

describe("regionOfCountry", () => {
  it("prefills each country with one of the coalition's regions", () => {
    for (const code of Object.keys(en.countries)) expect(SIGN_ON_REGIONS, code).toContain(regionOfCountry(code, SIGN_ON_REGIONS));
  });

  it("places countries in their region", () => {
    expect(regionOfCountry("PE", SIGN_ON_REGIONS)).toBe("Latin America");
    expect(regionOfCountry("MA", SIGN_ON_REGIONS)).toBe("Middle East and North Africa");
    expect(regionOfCountry("KE", SIGN_ON_REGIONS)).toBe("Africa");
    expect(regionOfCountry("PH", SIGN_ON_REGIONS)).toBe("Asia");
    expect(regionOfCountry("FR", SIGN_ON_REGIONS)).toBe("Europe");
    expect(regionOfCountry("CA", SIGN_ON_REGIONS)).toBe("North America");
    expect(regionOfCountry("FJ", SIGN_ON_REGIONS)).toBe("Pacific");
  });

  it("leaves the region empty when the coalition has no such region", () => {
    expect(regionOfCountry("PE", ["Africa", "Europe"])).toBe("");
  });

  it("lists every code of the map as a real ISO country", () => {
    const unknown = [...countryRegions.keys()].filter((code) => !(code in en.countries));
    expect(unknown).toEqual([]);
  });
});
