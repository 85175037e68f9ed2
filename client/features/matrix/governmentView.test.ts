import { describe, expect, it } from "vitest";
import type { MatrixAdvocate, MatrixCell } from "../../../shared/api/matrix.js";
import { advocatesByChannel, fold, mergeCells, namedStates, positionsByRound, roundsMissingFrom, searchStates } from "./governmentView.js";

const rounds = [
  { id: "round-one", name: "Zero draft", draftPublished: "2026-01-10", frozenAt: "2026-02-01T00:00:00.000Z" },
  { id: "round-two", name: "Revision 1", draftPublished: "2026-03-10", frozenAt: null },
  { id: "round-three", name: "Revision 2", draftPublished: "2026-05-10", frozenAt: null },
];

function buildCell(change: Partial<MatrixCell>): MatrixCell {
  return {
    targetId: "target-a",
    act: 1,
    roundId: "round-one",
    position: "supports",
    note: "",
    internal: false,
    evidenceUrl: "",
    evidenceQuote: "",
    evidenceDate: "",
    recordedBy: { id: "someone", name: "Someone" },
    recordedAt: "2026-01-11T00:00:00.000Z",
    revision: 1,
    ...change,
  };
}

function buildAdvocate(change: Partial<MatrixAdvocate>): MatrixAdvocate {
  return { id: "adv", targetId: "target-a", channel: "capital", organisation: "Org", contactName: null, contactEmail: null, note: null, addedBy: { id: "x", name: "X" }, addedAt: "2026-01-01T00:00:00.000Z", ...change };
}

describe("positionsByRound", () => {
  it("lists every round in order with only the target's cells", () => {
    const rows = positionsByRound(rounds, [buildCell({ act: 2 }), buildCell({ roundId: "round-three", act: 1, position: "opposes" }), buildCell({ targetId: "target-b", act: 3 })], "target-a");
    expect(rows.map((row) => row.round.id)).toEqual(["round-one", "round-two", "round-three"]);
    expect([...rows[0]!.cells.keys()]).toEqual([2]);
    expect(rows[1]!.cells.size).toBe(0);
    expect(rows[2]!.cells.get(1)?.position).toBe("opposes");
  });

  it("ignores cells of rounds the statement no longer lists", () => {
    const rows = positionsByRound(rounds, [buildCell({ roundId: "gone-round" })], "target-a");
    expect(rows.every((row) => row.cells.size === 0)).toBe(true);
  });
});

describe("mergeCells", () => {
  it("keeps each cell once, the newest revision", () => {
    const merged = mergeCells([{ cells: [buildCell({ revision: 1 }), buildCell({ act: 2 })] }, { cells: [buildCell({ revision: 3, position: "flexible" })] }]);
    expect(merged).toHaveLength(2);
    expect(merged.find((cell) => cell.act === 1)?.position).toBe("flexible");
  });
});

describe("roundsMissingFrom", () => {
  it("names the rounds other than the shown one and the one before", () => {
    expect(roundsMissingFrom({ rounds, roundId: "round-three", previousRoundId: "round-two" })).toEqual(["round-one"]);
    expect(roundsMissingFrom({ rounds: [], roundId: null, previousRoundId: null })).toEqual([]);
  });
});

describe("advocatesByChannel", () => {
  it("groups the target's advocates by channel, in channel order, sorted by organisation", () => {
    const groups = advocatesByChannel(
      [buildAdvocate({ id: "1", organisation: "Zeta" }), buildAdvocate({ id: "2", organisation: "Alpha" }), buildAdvocate({ id: "3", channel: "geneva" }), buildAdvocate({ id: "4", targetId: "other" })],
      "target-a",
      "en",
    );
    expect(groups.map((group) => group.channel)).toEqual(["new_york", "geneva", "capital"]);
    expect(groups[0]!.advocates).toEqual([]);
    expect(groups[1]!.advocates.map((advocate) => advocate.id)).toEqual(["3"]);
    expect(groups[2]!.advocates.map((advocate) => advocate.organisation)).toEqual(["Alpha", "Zeta"]);
  });
});

describe("searching states", () => {
  const states = [
    { code: "CI", name: "Côte d'Ivoire" },
    { code: "CO", name: "Colombia" },
    { code: "MA", name: "Morocco" },
    { code: "MC", name: "Monaco" },
  ];

  it("folds case and accents", () => {
    expect(fold("  Côte ")).toBe("cote");
  });

  it("puts names starting with the query before names containing it", () => {
    expect(searchStates(states, "co").map((state) => state.code)).toEqual(["CI", "CO", "MA", "MC"]);
    expect(searchStates(states, "oc").map((state) => state.code)).toEqual(["MA"]);
  });

  it("finds a state by its code and returns everything for an empty query", () => {
    expect(searchStates(states, "mc").map((state) => state.code)).toEqual(["MC"]);
    expect(searchStates(states, " ")).toHaveLength(4);
    expect(searchStates(states, "xyz")).toEqual([]);
  });

  it("names codes in the reader's language, sorted by name, a missing name kept as its code", () => {
    expect(namedStates(["MA", "CI", "VA"], new Map([["MA", "Maroc"], ["CI", "Côte d'Ivoire"]]), "fr")).toEqual([
      { code: "CI", name: "Côte d'Ivoire" },
      { code: "MA", name: "Maroc" },
      { code: "VA", name: "VA" },
    ]);
  });
});
