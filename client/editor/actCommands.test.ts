import { describe, expect, it } from "vitest";
import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { outlineOf, type ActRef } from "../../shared/schema/structure.js";
import { NodeName } from "../../shared/schema/names.js";
import { buildBlankStatement, buildStatement, tenActsTemplate } from "../../shared/templates/buildStatement.js";
import { addAct, canMoveAct, moveAct, removeAct } from "./actCommands.js";

const schema = statementSchema();

function stateOf(json = buildStatement(tenActsTemplate)): EditorState {
  return EditorState.create({ schema, doc: PMNode.fromJSON(schema, json) });
}

function applied(state: EditorState, tr: ReturnType<typeof addAct>): EditorState {
  expect(tr).not.toBeNull();
  const next = state.apply(tr!);
  next.doc.check();
  return next;
}

const titles = (state: EditorState) => outlineOf(state.doc).map((act) => act.title);
const act = (state: EditorState, number: number): ActRef => outlineOf(state.doc)[number - 1]!;

describe("adding an Act", () => {
  it("adds the first Act of a blank statement, with an empty clause 1.1, cursor in its title", () => {
    const state = applied(stateOf(buildBlankStatement("Blank")), addAct(stateOf(buildBlankStatement("Blank")), null));
    const outline = outlineOf(state.doc);
    expect(outline).toHaveLength(1);
    expect(outline[0]!.clauses.map((c) => c.number)).toEqual(["1.1"]);
    expect(outline[0]!.id).toEqual(expect.any(String));
    expect(state.selection.$from.parent.type.name).toBe(NodeName.actTitle);
    expect(state.doc.firstChild!.textContent).toBe("Blank");
  });

  it("adds after a chosen Act: the ones after it renumber, 4..11", () => {
    const before = stateOf();
    const state = applied(before, addAct(before, act(before, 3)));
    const outline = outlineOf(state.doc);
    expect(outline).toHaveLength(11);
    expect(outline[3]!.title).toBe("");
    expect(outline.slice(4).map((a) => [a.number, a.title])).toEqual(outlineOf(before.doc).slice(3).map((a, i) => [i + 5, a.title]));
    expect(outline[4]!.clauses[0]!.number).toBe("5.1");
  });

  it("puts the first Act before the signatories when there are no Acts", () => {
    const base = stateOf({ ...buildStatement({ ...tenActsTemplate, acts: [] }) });
    const state = applied(base, addAct(base, null));
    expect(state.doc.lastChild!.type.name).toBe(NodeName.signatories);
    expect(outlineOf(state.doc)).toHaveLength(1);
  });

  it("refuses to add after an Act that is gone", () => {
    expect(addAct(stateOf(), { id: "no-such-act", pos: 0 })).toBeNull();
  });
});

describe("removing an Act", () => {
  it("removes it with its clauses and renumbers the ones after it", () => {
    const before = stateOf();
    const removed = act(before, 4);
    const state = applied(before, removeAct(before, removed));
    expect(titles(state)).toEqual(titles(before).filter((_, i) => i !== 3));
    expect(outlineOf(state.doc).some((a) => a.id === removed.id)).toBe(false);
    expect(act(state, 4).clauses[0]!.number).toBe("4.1");
  });

  it("finds the Act by id even after others moved it", () => {
    const before = stateOf();
    const seventh = act(before, 7);
    const shifted = applied(before, removeAct(before, act(before, 1)));
    const state = applied(shifted, removeAct(shifted, seventh));
    expect(titles(state)).not.toContain(seventh.title);
    expect(titles(state)).toHaveLength(8);
  });
});

describe("moving an Act", () => {
  it("swaps it with the Act above or below, keeping its id and clauses", () => {
    const before = stateOf();
    const third = act(before, 3);
    const up = applied(before, moveAct(before, third, "up"));
    expect(titles(up).slice(0, 4)).toEqual([titles(before)[0], titles(before)[2], titles(before)[1], titles(before)[3]]);
    expect(act(up, 2).id).toBe(third.id);
    const down = applied(before, moveAct(before, third, "down"));
    expect(titles(down).slice(1, 4)).toEqual([titles(before)[1], titles(before)[3], titles(before)[2]]);
    expect(act(down, 4).id).toBe(third.id);
  });

  it("stops at the first and last Act (never past the preamble or the signatories)", () => {
    const state = stateOf();
    expect(canMoveAct(state.doc, act(state, 1), "up")).toBe(false);
    expect(moveAct(state, act(state, 1), "up")).toBeNull();
    expect(canMoveAct(state.doc, act(state, 10), "down")).toBe(false);
    expect(canMoveAct(state.doc, act(state, 10), "up")).toBe(true);
    expect(canMoveAct(state.doc, act(state, 1), "down")).toBe(true);
  });
});
