import { describe, expect, it } from "vitest";
import { Node as PMNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { statementSchema } from "./statementExtensions.js";
import { decideSuggestions, suggestionPieces, withoutSuggestions } from "./suggestionDecisions.js";
import { NodeName } from "./names.js";
import { SuggestionAttribute, SuggestionMark } from "../suggestions.js";

const schema = statementSchema();
const ins = (id: string) => schema.marks[SuggestionMark.insertion]!.create({ id });
const del = (id: string) => schema.marks[SuggestionMark.deletion]!.create({ id });
const text = (value: string, marks = [] as ReturnType<typeof ins>[]) => schema.text(value, marks);

/** One Act whose first clause reads "Safe [dignified ]{orderly} and regular migration." (a replacement by a.1), a second clause suggested by b.1, a third struck by c.1. */
function statement(): PMNode {
  const paragraph = (...content: PMNode[]) => schema.nodes["paragraph"]!.create(null, content);
  const clause = (attrs: Record<string, unknown>, ...content: PMNode[]) => schema.nodes[NodeName.clause]!.create({ id: `clause-${Math.random()}`, ...attrs }, paragraph(...content));
  const act = schema.nodes[NodeName.act]!.create({ id: "act-1" }, [
    schema.nodes[NodeName.actTitle]!.create(null, text("Drivers")),
    clause({}, text("Safe "), text("orderly", [del("alice.replace01")]), text("dignified", [ins("alice.replace01")]), text(" and regular migration.")),
    clause({ [SuggestionAttribute.insertion]: "bongani.clause01" }, text("A clause Bongani suggests.")),
    clause({ [SuggestionAttribute.deletion]: "chidi.clause002" }, text("A clause Chidi would delete.")),
  ]);
  const doc = schema.nodes["doc"]!.create(null, [act]);
  doc.check();
  return doc;
}

const read = (doc: PMNode) => doc.textBetween(0, doc.content.size, "|");

describe("deciding suggestions", () => {
  it("finds each piece: suggested and struck words, suggested and struck clauses", () => {
    expect(suggestionPieces(statement()).map((piece) => [piece.id, piece.kind])).toEqual([
      ["alice.replace01", "deletion"],
      ["alice.replace01", "insertion"],
      ["bongani.clause01", "clauseInsertion"],
      ["chidi.clause002", "clauseDeletion"],
    ]);
  });

  it("accepting all makes the proposals the text; rejecting all keeps the text as it was", () => {
    const accept = new Transform(statement());
    expect(decideSuggestions(accept, "accept", () => true)).toBe(4);
    expect(read(accept.doc)).toBe("Drivers|Safe dignified and regular migration.|A clause Bongani suggests.");
    expect(suggestionPieces(accept.doc)).toEqual([]);
    expect(read(withoutSuggestions(statement()))).toBe("Drivers|Safe orderly and regular migration.|A clause Chidi would delete.");
    expect(suggestionPieces(withoutSuggestions(statement()))).toEqual([]);
  });

  it("decides only what it is asked to, and leaves the other suggestions as they are", () => {
    const tr = new Transform(statement());
    decideSuggestions(tr, "accept", (id) => id === "bongani.clause01");
    expect(read(tr.doc)).toBe("Drivers|Safe orderlydignified and regular migration.|A clause Bongani suggests.|A clause Chidi would delete.");
    expect(suggestionPieces(tr.doc).map((piece) => piece.id)).toEqual(["alice.replace01", "alice.replace01", "chidi.clause002"]);
    tr.doc.check();
  });
});
