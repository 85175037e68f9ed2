import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { NodeName } from "../../shared/schema/names.js";
import { buildStatement, tenActsTemplate } from "../../shared/templates/buildStatement.js";
import { SUGGESTION_DECISION_META, SuggestionMark } from "../../shared/suggestions.js";
import { suggestionPieces } from "../../shared/schema/suggestionDecisions.js";
import { decisionTransaction, suggestionIdAt } from "./suggestionCommands.js";
import { suggest } from "./suggestingTransform.js";

const schema = statementSchema();

function statement(): EditorState {
  const json = buildStatement(tenActsTemplate);
  const fill = (node: JSONContent, inClause: boolean): void => {
    if (inClause && node.type === "paragraph" && !node.content?.length) node.content = [{ type: "text", text: "Safe and regular migration." }];
    for (const child of node.content ?? []) fill(child, inClause || node.type === NodeName.clause);
  };
  fill(json, false);
  return EditorState.create({ schema, doc: PMNode.fromJSON(schema, json) });
}

function firstClauseText(state: EditorState): number {
  let start = -1;
  state.doc.descendants((node, pos) => {
    if (start < 0 && node.type.name === NodeName.clause) start = pos + 2;
    return start < 0;
  });
  return start;
}

/** A replacement of the first word by `account`, and a typed word elsewhere by another. */
function withSuggestions(): { state: EditorState; start: number } {
  let state = statement();
  const start = firstClauseText(state);
  state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, start, start + 4)));
  const replaced = suggest(state, state.tr.insertText("Dignified", start, start + 4), "amina");
  if (!("tr" in replaced)) throw new Error("refused");
  state = state.apply(replaced.tr);
  const later = start + 30;
  const typed = suggest(state, state.tr.insertText("really ", later), "bongani");
  if (!("tr" in typed)) throw new Error("refused");
  return { state: state.apply(typed.tr), start };
}

describe("deciding suggestions from the editor", () => {
  it("finds the suggestion at the cursor and accepts all its pieces in one transaction marked as a decision", () => {
    const { state, start } = withSuggestions();
    const at = state.apply(state.tr.setSelection(TextSelection.create(state.doc, start + 2)));
    const id = suggestionIdAt(at)!;
    expect(id.startsWith("amina.")).toBe(true);
    const tr = decisionTransaction(at, "accept", (candidate) => candidate === id)!;
    expect(tr.getMeta(SUGGESTION_DECISION_META)).toBe("accept");
    const after = at.apply(tr);
    expect(after.doc.textBetween(start, start + 9)).toBe("Dignified");
    expect(suggestionPieces(after.doc).map((piece) => piece.id.split(".")[0])).toEqual(["bongani"]);
  });

  it("rejects everything in a range and leaves what is outside it", () => {
    const { state, start } = withSuggestions();
    const after = state.apply(decisionTransaction(state, "reject", () => true, start, start + 12)!);
    expect(after.doc.textBetween(start, start + 4)).toBe("Safe");
    expect(suggestionPieces(after.doc)).toHaveLength(1);
    expect(after.doc.rangeHasMark(0, after.doc.content.size, schema.marks[SuggestionMark.insertion]!)).toBe(true);
  });

  it("has nothing to do where there is no suggestion", () => {
    const state = statement();
    expect(suggestionIdAt(state)).toBeNull();
    expect(decisionTransaction(state, "accept", () => true)).toBeNull();
  });
});
