import { describe, expect, it } from "vitest";
import { createIntl } from "react-intl";
import en from "../../../shared/i18n/catalogues/en.json";
import { historySentence } from "./TargetHistory.js";

const intl = createIntl({ locale: "en", defaultLocale: "en", messages: en });
const entry = { at: "2026-12-01T10:00:00.000Z", by: { id: "a", name: "Kofi Mensah" }, act: null, roundId: null, roundName: null, before: null, after: null, detail: null };

describe("a government's history in sentences", () => {
  it("says each action the storage records (never the generic sentence for a known one)", () => {
    expect(historySentence(intl, { ...entry, action: "cell_set", act: 3, roundId: "r", roundName: "Rev 1", after: "supports" })).toBe("Kofi Mensah recorded “Supports” on Act 3 in Rev 1.");
    expect(historySentence(intl, { ...entry, action: "cell_set", act: 3, roundId: "r", roundName: "Rev 2", before: "supports", after: "opposes" })).toBe("Kofi Mensah changed Act 3 in Rev 2 from “Supports” to “Opposes”.");
    expect(historySentence(intl, { ...entry, action: "target_added" })).toBe("Kofi Mensah added this government to the matrix.");
    expect(historySentence(intl, { ...entry, action: "target_acts_set", detail: "1, 3" })).toBe("Kofi Mensah set the Acts that matter here: 1, 3.");
    expect(historySentence(intl, { ...entry, action: "advocate_added", detail: "Red Migrante Andina" })).toBe("Kofi Mensah added Red Migrante Andina as an advocate.");
    expect(historySentence(intl, { ...entry, action: "advocate_removed", detail: "Red Migrante Andina" })).toBe("Kofi Mensah removed the advocate Red Migrante Andina.");
    expect(historySentence(intl, { ...entry, action: "imported", act: 2, roundId: "r", roundName: "Rev 1", after: "flexible" })).toBe("Kofi Mensah imported “Flexible” on Act 2 in Rev 1.");
    expect(historySentence(intl, { ...entry, action: "imported" })).toBe("Kofi Mensah imported this government's line from a file.");
  });
});
