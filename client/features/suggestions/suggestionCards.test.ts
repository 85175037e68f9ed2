import { describe, expect, it } from "vitest";
import type { Node as PMNode } from "@tiptap/pm/model";
import { statementSchema } from "../../../shared/schema/statementExtensions.js";
import { NodeName } from "../../../shared/schema/names.js";
import { SuggestionAttribute, SuggestionMark } from "../../../shared/suggestions.js";
import type { Suggestion } from "../../../shared/api.js";
import { filterCards, idsInScope, pendingPerAct, suggestionCards, type SuggestionFilter } from "./suggestionCards.js";

const schema = statementSchema();
const ins = (id: string) => schema.marks[SuggestionMark.insertion]!.create({ id });
const del = (id: string) => schema.marks[SuggestionMark.deletion]!.create({ id });
const text = (value: string, marks = [] as ReturnType<typeof ins>[]) => schema.text(value, marks);
const paragraph = (...content: PMNode[]) => schema.nodes["paragraph"]!.create(null, content);
const clause = (id: string, attrs: Record<string, unknown>, ...content: PMNode[]) => schema.nodes[NodeName.clause]!.create({ id, ...attrs }, paragraph(...content));
const act = (id: string, title: string, ...clauses: PMNode[]) => schema.nodes[NodeName.act]!.create({ id }, [schema.nodes[NodeName.actTitle]!.create(null, text(title)), ...clauses]);

/**
 * Act 1: clause 1.1 "Safe {orderly}[dignified] and [regular ]migration." (a replacement by alice, an
 * addition by bongani); clause 1.2 suggested by bongani. Act 2: clause 2.1 struck by alice,
 * clause 2.2 "Protect {every} worker." (a struck word by chidi, not yet known to the server).
 */
function statement(): PMNode {
  const doc = schema.nodes["doc"]!.create(null, [
    act(
      "act-a",
      "Drivers",
      clause("c-11", {}, text("Safe "), text("orderly", [del("alice.replace01")]), text("dignified", [ins("alice.replace01")]), text(" and "), text("regular ", [ins("bongani.addition1")]), text("migration.")),
      clause("c-12", { [SuggestionAttribute.insertion]: "bongani.newclause" }, text("A clause Bongani suggests.")),
    ),
    act(
      "act-b",
      "Rights",
      clause("c-21", { [SuggestionAttribute.deletion]: "alice.dropclause" }, text("A clause Alice would delete.")),
      clause("c-22", {}, text("Protect "), text("every", [del("chidi.strikeword")]), text(" worker.")),
      clause("c-23", {}, text("Decent work.")),
    ),
  ]);
  doc.check();
  return doc;
}

const person = (id: string, name: string) => ({ id, name });
const groups = { africa: { id: "g-africa", name: "Africa" }, asia: { id: "g-asia", name: "Asia" } };
function record(id: string, overrides: Partial<Suggestion> = {}): Suggestion {
  const author = id.split(".")[0]!;
  return {
    id,
    author: person(author, author[0]!.toUpperCase() + author.slice(1)),
    group: author === "alice" ? groups.africa : groups.asia,
    kind: "insertion",
    actId: "act-a",
    clauseId: "c-11",
    inserted: "",
    deleted: "",
    createdAt: "2026-11-30T10:00:00.000Z",
    status: "pending",
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  };
}

const records: Suggestion[] = [
  record("alice.replace01", { kind: "replacement", inserted: "dignified", deleted: "orderly" }),
  record("bongani.addition1"),
  record("bongani.newclause", { kind: "clauseInsertion", clauseId: "c-12" }),
  record("alice.dropclause", { kind: "clauseDeletion", actId: "act-b", clauseId: "c-21" }),
  // Decided: gone from the text, kept by the server.
  record("alice.accepted1", { kind: "insertion", inserted: "decent ", actId: "act-b", clauseId: "c-23", status: "accepted", decidedBy: person("kofi", "Kofi"), decidedAt: "2026-11-30T11:00:00.000Z" }),
  record("bongani.rejected1", { kind: "deletion", deleted: "all ", status: "rejected", decidedBy: person("kofi", "Kofi"), decidedAt: "2026-11-30T12:00:00.000Z" }),
  // The server still has it pending but the text no longer holds it (just decided elsewhere): no card.
  record("bongani.staleone1", { status: "pending" }),
];

const all: SuggestionFilter = { act: "all", group: "all", author: "all", status: "all" };

describe("suggestion cards", () => {
  it("merges each suggestion's pieces into one card, in document order, with its kind, words and place", () => {
    const cards = suggestionCards(statement(), records).filter((card) => card.status === "pending");
    expect(cards.map((c) => [c.id, c.kind, c.deleted, c.inserted, c.act, c.clause])).toEqual([
      ["alice.replace01", "replacement", "orderly", "dignified", 1, "1.1"],
      ["bongani.addition1", "insertion", "", "regular ", 1, "1.1"],
      ["bongani.newclause", "clauseInsertion", "", "A clause Bongani suggests.", 1, "1.2"],
      ["alice.dropclause", "clauseDeletion", "A clause Alice would delete.", "", 2, "2.1"],
      ["chidi.strikeword", "deletion", "every", "", 2, "2.2"],
    ]);
  });

  it("names the author from the server's record, or from the id alone for a suggestion the server does not know yet", () => {
    const cards = new Map(suggestionCards(statement(), records).map((c) => [c.id, c]));
    expect(cards.get("alice.replace01")).toMatchObject({ authorId: "alice", authorName: "Alice", group: groups.africa, createdAt: "2026-11-30T10:00:00.000Z" });
    expect(cards.get("chidi.strikeword")).toMatchObject({ authorId: "chidi", authorName: null, group: null, createdAt: null });
  });

  it("lists decided suggestions after the pending ones, newest decision first, with who decided and where they were", () => {
    const decided = suggestionCards(statement(), records).filter((card) => card.status !== "pending");
    expect(decided.map((c) => [c.id, c.status, c.decidedBy?.name, c.act, c.clause, c.range])).toEqual([
      ["bongani.rejected1", "rejected", "Kofi", 1, "1.1", null],
      ["alice.accepted1", "accepted", "Kofi", 2, "2.3", null],
    ]);
  });

  it("a suggestion the server records as decided but which is back in the text (undone) is pending", () => {
    const undone = records.map((r) => (r.id === "alice.replace01" ? { ...r, status: "accepted" as const, decidedAt: "2026-11-30T13:00:00.000Z" } : r));
    const card = suggestionCards(statement(), undone).find((c) => c.id === "alice.replace01");
    expect(card?.status).toBe("pending");
    expect(card?.range).not.toBeNull();
  });

  it("filters by Act, group, author and status", () => {
    const cards = suggestionCards(statement(), records);
    const ids = (filter: Partial<SuggestionFilter>) => filterCards(cards, { ...all, ...filter }).map((c) => c.id);
    expect(ids({ status: "pending", act: 2 })).toEqual(["alice.dropclause", "chidi.strikeword"]);
    expect(ids({ status: "pending", group: "g-africa" })).toEqual(["alice.replace01", "alice.dropclause"]);
    expect(ids({ author: "bongani" })).toEqual(["bongani.addition1", "bongani.newclause", "bongani.rejected1"]);
    expect(ids({ status: "accepted" })).toEqual(["alice.accepted1"]);
    expect(ids({ status: "withdrawn" })).toEqual([]);
    expect(ids({})).toHaveLength(7);
  });

  it("counts pending suggestions per Act", () => {
    expect(pendingPerAct(suggestionCards(statement(), records))).toEqual(new Map([[1, 3], [2, 2]]));
  });

  it("bulk scopes take only pending suggestions of one author, one clause or one Act", () => {
    const cards = suggestionCards(statement(), records);
    expect([...idsInScope(cards, { kind: "author", authorId: "bongani" })]).toEqual(["bongani.addition1", "bongani.newclause"]);
    expect([...idsInScope(cards, { kind: "clause", clause: "1.1" })]).toEqual(["alice.replace01", "bongani.addition1"]);
    expect([...idsInScope(cards, { kind: "act", act: 2 })]).toEqual(["alice.dropclause", "chidi.strikeword"]);
  });
});
