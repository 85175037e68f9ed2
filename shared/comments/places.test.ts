import { describe, expect, it } from "vitest";
import { statementSchema } from "../schema/statementExtensions.js";
import { buildStatement, tenActsTemplate } from "../templates/buildStatement.js";
import { placeAt } from "./places.js";

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

describe("placeAt names every part of the statement", () => {
  it.each([
    ["Now and How", { act: null, clause: null, label: "Title" }],
    ["undersigned", { act: null, clause: null, label: "Preamble" }],
    ["Drivers of", { act: 1, clause: null, label: "Act 1 title" }],
    ["Address the drivers", { act: 1, clause: "1.1", label: "Clause 1.1" }],
    ["Regional standard", { act: 1, clause: null, label: "Act 1, note for Africa" }],
    ["And the causes", { act: 1, clause: "1.2", label: "Clause 1.2" }],
    ["Expand pathways", { act: 2, clause: "2.1", label: "Clause 2.1" }],
    ["Migrant Forum", { act: null, clause: null, label: "Signatory organisations" }],
  ])("%s", (words, place) => {
    expect(placeAt(doc, at(words))).toEqual(place);
  });

  it("stays inside the document for out-of-range positions", () => {
    expect(placeAt(doc, -5).label).toBe("Statement");
    expect(placeAt(doc, doc.content.size + 10).label).toBe("Statement");
  });
});
