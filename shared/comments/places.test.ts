import { describe, expect, it } from "vitest";
import { statementSchema } from "../schema/statementExtensions.js";
import { buildStatement, tenActsTemplate } from "../templates/buildStatement.js";
import { placeAt, placeOfNumbers } from "./places.js";

const schema = statementSchema();
const doc = schema.nodeFromJSON(
  buildStatement({
    ...tenActsTemplate,
    preamble: "We, the undersigned, call on States.",
    acts: [
      { title: "Drivers of human mobility", clauses: ["Address the drivers.", "And the causes."], notes: { 0: [{ region: "Africa", text: "Regional standard applies." }] } },
      { title: "Safe pathways", clauses: ["Expand pathways."] },
    ],
    signatories: ["Migrant Forum in Asia"],
  }),
);

/** The position of the first occurrence of `words`. */
function at(words: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(words)) found = pos + node.text!.indexOf(words);
    return found < 0;
  });
  if (found < 0) throw new Error(`no ${words}`);
  return found;
}

describe("placeAt tells which part of the statement a position is in", () => {
  it.each([
    ["Now and How", { kind: "title", act: null, clause: null }],
    ["undersigned", { kind: "preamble", act: null, clause: null }],
    ["Drivers of", { kind: "actTitle", act: 1, clause: null }],
    ["Address the drivers", { kind: "clause", act: 1, clause: "1.1" }],
    ["Regional standard", { kind: "regionalNote", act: 1, clause: null, region: "Africa" }],
    ["And the causes", { kind: "clause", act: 1, clause: "1.2" }],
    ["Expand pathways", { kind: "clause", act: 2, clause: "2.1" }],
    ["Migrant Forum", { kind: "signatories", act: null, clause: null }],
  ])("%s", (words, place) => {
    expect(placeAt(doc, at(words))).toEqual(place);
  });

  it("stays inside the document for out-of-range positions", () => {
    expect(placeAt(doc, -5).kind).toBe("statement");
    expect(placeAt(doc, doc.content.size + 10).kind).toBe("statement");
  });
});

describe("placeOfNumbers places a stored thread by its numbers", () => {
  it.each([
    [9, "9.2", { kind: "clause", act: 9, clause: "9.2" }],
    [null, "9.2", { kind: "clause", act: 9, clause: "9.2" }],
    [3, null, { kind: "act", act: 3, clause: null }],
    [null, null, { kind: "outsideActs", act: null, clause: null }],
  ] as const)("act %s, clause %s", (act, clause, place) => {
    expect(placeOfNumbers(act, clause)).toEqual(place);
  });
});
