import { describe, expect, it } from "vitest";
import { compareStatements, diffText } from "./compareStatements.js";
import type { StatementModel } from "./readStatement.js";

function model(acts: { id: string; title: string; items: ({ id: string; text: string } | { id: string; region: string; text: string })[] }[]): StatementModel {
  return {
    title: "T",
    before: [],
    after: [],
    acts: acts.map((act, a) => {
      let clause = 0;
      return {
        id: act.id,
        number: a + 1,
        title: act.title,
        items: act.items.map((item) =>
          "region" in item ? { kind: "note" as const, id: item.id, region: item.region, text: item.text } : { kind: "clause" as const, id: item.id, number: `${a + 1}.${++clause}`, text: item.text },
        ),
      };
    }),
  };
}

describe("comparing versions Act by Act", () => {
  const act2 = { id: "a2", title: "Pathways", items: [{ id: "c3", text: "Open regular pathways." }, { id: "n1", region: "Africa", text: "No regression." }] };
  const before = model([{ id: "a1", title: "Drivers", items: [{ id: "c1", text: "Address poverty and conflict." }, { id: "c2", text: "Mobility is a choice." }] }, act2]);

  it("diffs words inline and counts them", () => {
    const after = model([{ id: "a1", title: "Drivers", items: [{ id: "c1", text: "Address poverty, conflict and climate change." }, { id: "c2", text: "Mobility is a choice." }] }, act2]);
    const result = compareStatements(before, after);
    const act1 = result.acts[0]!;
    expect(act1.status).toBe("changed");
    expect(act1.items[0]!.status).toBe("changed");
    expect(act1.items[0]!.parts.filter((p) => p.op === "insert").map((p) => p.text).join("")).toContain("climate change");
    expect(act1.summary.wordsAdded).toBeGreaterThan(0);
    expect(result.acts[1]!.status).toBe("unchanged");
  });

  it("shows a clause moved to another Act as moved, not deleted and added; a region change as a change", () => {
    const after = model([
      { id: "a1", title: "Drivers", items: [{ id: "c1", text: "Address poverty and conflict." }] },
      { id: "a2", title: "Pathways", items: [{ id: "c3", text: "Open regular pathways." }, { id: "c2", text: "Mobility is a choice." }, { id: "n1", region: "Latin America", text: "No regression." }] },
    ]);
    const result = compareStatements(before, after);
    const moved = result.acts[1]!.items.find((i) => i.id === "c2")!;
    expect(moved).toMatchObject({ status: "moved", fromNumber: "1.2", toNumber: "2.2" });
    expect(result.totals.clausesAdded).toBe(0);
    expect(result.totals.clausesRemoved).toBe(0);
    expect(result.acts[1]!.items.find((i) => i.id === "n1")).toMatchObject({ status: "changed", fromRegion: "Africa", toRegion: "Latin America" });
  });

  it("counts clauses added and removed per Act", () => {
    const after = model([{ id: "a1", title: "Drivers", items: [{ id: "c1", text: "Address poverty and conflict." }, { id: "c9", text: "A new clause here." }] }, act2]);
    const result = compareStatements(before, after);
    expect(result.acts[0]!.summary).toMatchObject({ clausesAdded: 1, clausesRemoved: 1, wordsAdded: 4, wordsRemoved: 4 });
    expect(result.acts[0]!.items.map((i) => i.status)).toEqual(["unchanged", "added", "removed"]);
  });

  it("returns nothing to show for equal texts", () => {
    expect(diffText("same", "same")).toEqual([{ op: "equal", text: "same" }]);
    expect(diffText("", "")).toEqual([]);
  });
});
