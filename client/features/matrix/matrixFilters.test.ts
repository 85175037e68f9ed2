import { describe, expect, it } from "vitest";
import type { MatrixAdvocate, MatrixCell, MatrixTarget } from "../../../shared/api/matrix.js";
import { changesSincePrevious, coverageGaps, filterTargets, filtersFromQuery, filtersToQuery, noFilters } from "./matrixFilters.js";

const target = (id: string, code: string | null, regionalGroup: MatrixTarget["regionalGroup"], acts: number[] = []): MatrixTarget => ({
  id,
  kind: code ? "state" : "other",
  code,
  name: code ? "" : id,
  regionalGroup,
  acts,
  addedAt: "2026-01-01T00:00:00.000Z",
});
const cell = (targetId: string, act: number, roundId: string, position: MatrixCell["position"]): MatrixCell => ({
  targetId,
  act,
  roundId,
  position,
  note: "",
  internal: false,
  evidenceUrl: "",
  evidenceQuote: "",
  evidenceDate: "",
  recordedBy: { id: "a", name: "A" },
  recordedAt: "2026-01-01T00:00:00.000Z",
  revision: 1,
});
const advocate = (targetId: string, channel: MatrixAdvocate["channel"]): MatrixAdvocate => ({
  id: `${targetId}-${channel}`,
  targetId,
  channel,
  organisation: "Org",
  contactName: null,
  contactEmail: null,
  note: null,
  addedBy: { id: "a", name: "A" },
  addedAt: "2026-01-01T00:00:00.000Z",
});

const germany = target("t-de", "DE", "western_european_others", [1, 3]);
const kenya = target("t-ke", "KE", "african", [3]);
const eu = target("t-eu", null, null, [2]);
const targets = [germany, kenya, eu];

describe("matrix filters", () => {
  it("round-trips through the query string and ignores what it does not know", () => {
    const filters = { region: "african", group: "g1", act: 3, channel: "capital", noAdvocate: true, changed: true } as const;
    expect(filtersFromQuery(filtersToQuery(filters, "r2"))).toEqual(filters);
    expect(filtersToQuery(noFilters, null)).toBe("");
    expect(filtersFromQuery("region=mars&channel=moon&act=-2&noAdvocate=yes")).toEqual(noFilters);
  });

  it("keeps targets by regional group, negotiating group, Act, channel and missing advocates", () => {
    const advocates = [advocate("t-de", "capital"), advocate("t-ke", "geneva")];
    const context = { groups: [{ id: "g1", name: "EU", codes: ["DE", "FR"] }], advocates, changes: new Map() };
    const ids = (filters: Partial<typeof noFilters>) => filterTargets(targets, { ...noFilters, ...filters }, context).map((kept) => kept.id);
    expect(ids({})).toEqual(["t-de", "t-ke", "t-eu"]);
    expect(ids({ region: "african" })).toEqual(["t-ke"]);
    expect(ids({ group: "g1" })).toEqual(["t-de"]);
    expect(ids({ act: 3 })).toEqual(["t-de", "t-ke"]);
    expect(ids({ channel: "capital" })).toEqual(["t-de"]);
    expect(ids({ noAdvocate: true })).toEqual(["t-eu"]);
    expect(ids({ noAdvocate: true, channel: "capital" })).toEqual(["t-ke", "t-eu"]);
  });

  it("finds positions that changed since the previous round, an empty cell counting as not known", () => {
    const cells = [
      cell("t-de", 1, "r1", "opposes"),
      cell("t-de", 1, "r2", "supports"),
      cell("t-de", 3, "r1", "flexible"),
      cell("t-de", 3, "r2", "flexible"),
      cell("t-ke", 3, "r2", "unknown"),
      cell("t-eu", 2, "r2", "opposes"),
    ];
    const changes = changesSincePrevious(cells, "r2", "r1");
    expect([...changes.values()]).toEqual([
      { targetId: "t-de", act: 1, before: "opposes", after: "supports" },
      { targetId: "t-eu", act: 2, before: null, after: "opposes" },
    ]);
    expect(changesSincePrevious(cells, "r1", null).size).toBe(0);
    const context = { groups: [], advocates: [], changes };
    expect(filterTargets(targets, { ...noFilters, changed: true }, context).map((kept) => kept.id)).toEqual(["t-de", "t-eu"]);
    expect(filterTargets(targets, { ...noFilters, changed: true, act: 2 }, context).map((kept) => kept.id)).toEqual(["t-eu"]);
    expect(filterTargets(targets, { ...noFilters, changed: true, act: 3 }, context).map((kept) => kept.id)).toEqual([]);
  });

  it("lists per channel the targets nobody reaches there", () => {
    const gaps = coverageGaps(targets, [advocate("t-de", "capital"), advocate("t-de", "geneva"), advocate("t-ke", "new_york")]);
    expect(gaps.capital.map((gap) => gap.id)).toEqual(["t-ke", "t-eu"]);
    expect(gaps.geneva.map((gap) => gap.id)).toEqual(["t-ke", "t-eu"]);
    expect(gaps.new_york.map((gap) => gap.id)).toEqual(["t-de", "t-eu"]);
  });
});
