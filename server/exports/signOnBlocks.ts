/**
 * The approved signatories of a version as data in its exports: grouped by region (in the
 * coalition's order, named in the export's language) then country (named in the export's language, in its alphabetical
 * order), each group with its count, in place of the names typed in the signatories section.
 */
import countries from "i18n-iso-countries";
import { SIGN_ON_REGIONS } from "../../shared/signOn.js";
import { regionName } from "../../shared/i18n/regionNames.js";
import type { Block, StatementModel } from "../../shared/statement/readStatement.js";
import type { StoredSignOnEntry } from "../storage/Storage.js";
import type { ExportLabels } from "./exportInput.js";

export interface SignatoryCountry {
  code: string;
  name: string;
  organisations: string[];
}

export interface SignatoryRegion {
  region: string;
  name: string;
  count: number;
  countries: SignatoryCountry[];
}

/** The approved entries grouped by region then country; an entry without a region or country (typed before sign-on) comes last in its level. */
export function signatoryGroups(entries: Pick<StoredSignOnEntry, "status" | "organisation" | "country" | "region">[], labels: ExportLabels): SignatoryRegion[] {
  const collator = new Intl.Collator(labels.locale);
  const regions = new Map<string, Map<string, string[]>>();
  for (const entry of entries) {
    if (entry.status !== "approved") continue;
    const byCountry = regions.get(entry.region) ?? new Map<string, string[]>();
    regions.set(entry.region, byCountry);
    byCountry.set(entry.country, [...(byCountry.get(entry.country) ?? []), entry.organisation]);
  }
  const regionRank = (region: string) => (region === "" ? Number.MAX_SAFE_INTEGER : SIGN_ON_REGIONS.includes(region) ? SIGN_ON_REGIONS.indexOf(region) : SIGN_ON_REGIONS.length);
  const countryName = (code: string) => (code === "" ? labels.countryNotGiven : (countries.getName(code, labels.locale) ?? code));
  return [...regions.entries()]
    .sort(([a], [b]) => regionRank(a) - regionRank(b) || collator.compare(a, b))
    .map(([region, byCountry]) => {
      const list = [...byCountry.entries()]
        .map(([code, organisations]) => ({ code, name: countryName(code), organisations: organisations.sort(collator.compare) }))
        .sort((a, b) => Number(a.code === "") - Number(b.code === "") || collator.compare(a.name, b.name));
      return { region, name: region === "" ? labels.regionNotGiven : regionName(labels.intl, region), count: list.reduce((sum, c) => sum + c.organisations.length, 0), countries: list };
    });
}

/** The groups as the blocks every export prints: the section's heading, the total, then a heading per region and per country over its organisations. */
function groupBlocks(heading: string, groups: SignatoryRegion[], labels: ExportLabels): Block[] {
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  return [
    { kind: "heading", level: 1, text: heading },
    { kind: "paragraph", text: labels.organisations(total) },
    ...groups.flatMap((group): Block[] => [
      { kind: "heading", level: 2, text: labels.signatoryGroup(group.name, group.count) },
      ...group.countries.flatMap((country): Block[] => [
        { kind: "heading", level: 3, text: labels.signatoryGroup(country.name, country.organisations.length) },
        { kind: "list", ordered: false, items: country.organisations },
      ]),
    ]),
  ];
}

/**
 * The statement with its signatories section(s) listing the approved entries instead of the
 * typed names. Once sign-on was opened for the version (`opened`), the list always comes from
 * the entries: none approved is said as "0 organisations", never the typed names (a chair may
 * have rejected them), and a statement without a signatories section gets one after its last
 * Act. Before, the approved entries a chair added by hand replace the typed names; with none,
 * the statement is as typed.
 */
export function withSignatories(
  model: StatementModel,
  entries: Pick<StoredSignOnEntry, "status" | "organisation" | "country" | "region">[],
  labels: ExportLabels,
  opened: boolean,
): StatementModel {
  const groups = signatoryGroups(entries, labels);
  if (groups.length === 0 && !opened) return model;
  const has = (blocks: Block[]) => blocks.some((block) => block.kind === "signatories");
  if (!has(model.before) && !has(model.after)) return { ...model, after: [...groupBlocks(labels.signatories, groups, labels), ...model.after] };
  const replace = (blocks: Block[]) => blocks.flatMap((block) => (block.kind === "signatories" ? groupBlocks(block.heading, groups, labels) : [block]));
  return { ...model, before: replace(model.before), after: replace(model.after) };
}
