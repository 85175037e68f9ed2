import { describe, expect, it } from "vitest";
import { Node as PMNode } from "@tiptap/pm/model";
import { statementSchema } from "./statementExtensions.js";
import { locate, outlineOf } from "./structure.js";
import { buildBlankStatement, buildStatement, tenActsTemplate } from "../templates/buildStatement.js";
import { Transform } from "@tiptap/pm/transform";
import { clauseMoveTarget } from "./Clause.js";

const schema = statementSchema();

function statement(json = buildStatement(tenActsTemplate)): PMNode {
  const doc = PMNode.fromJSON(schema, json);
  doc.check();
  return doc;
}

/** Position of the first character of the text `needle`. */
function posOf(doc: PMNode, needle: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text?.includes(needle)) found = pos + node.text.indexOf(needle);
    return found < 0;
  });
  if (found < 0) throw new Error(`no text ${needle}`);
  return found;
}

describe("the Ten Acts template", () => {
  it("is valid in the statement schema: ten Acts with one empty clause each, ids unique", () => {
    const doc = statement();
    const acts = outlineOf(doc);
    expect(acts.map((act) => act.title)).toEqual(tenActsTemplate.acts.map((act) => act.title));
    expect(acts.map((act) => act.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(acts.every((act) => act.clauses.length === 1 && act.clauses[0]!.number === `${act.number}.1`)).toBe(true);
    const ids = acts.flatMap((act) => [act.id, ...act.clauses.map((clause) => clause.id)]);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives fresh ids to every statement built from it", () => {
    const first = outlineOf(statement()).map((act) => act.id);
    const second = outlineOf(statement()).map((act) => act.id);
    expect(first.some((id, i) => id === second[i])).toBe(false);
  });

  it("builds a blank statement too", () => {
    const doc = statement(buildBlankStatement("A blank page"));
    expect(outlineOf(doc)).toEqual([]);
    expect(doc.firstChild?.textContent).toBe("A blank page");
  });
});

describe("structure helpers", () => {
  const doc = statement(
    buildStatement({
      ...tenActsTemplate,
      acts: [
        { title: "First", clauses: ["one", "two"] },
        { title: "Second", clauses: ["three", "four", "five"], notes: { 0: [{ region: "Pacific", text: "note text" }] } },
      ],
    }),
  );

  it("numbers clauses n.m from their position, counting only clauses", () => {
    const acts = outlineOf(doc);
    expect(acts.map((act) => act.clauses.map((clause) => clause.number))).toEqual([
      ["1.1", "1.2"],
      ["2.1", "2.2", "2.3"],
    ]);
    expect(acts[1]!.regionalNotes).toBe(1);
  });

  it("tells which Act and clause a position is in", () => {
    expect(locate(doc, posOf(doc, "four"))).toMatchObject({ act: { number: 2, title: "Second" }, clause: { number: "2.2" } });
    expect(locate(doc, posOf(doc, "one"))).toMatchObject({ act: { number: 1 }, clause: { number: "1.1" } });
    expect(locate(doc, posOf(doc, "note text"))).toMatchObject({ act: { number: 2 }, clause: null });
    expect(locate(doc, posOf(doc, "Second"))).toMatchObject({ act: { number: 2 }, clause: null });
    expect(locate(doc, 1)).toBeNull();
    expect(locate(doc, doc.content.size + 50)).toBeNull();
  });

  it("renumbers when a clause moves to another Act, keeping its id", () => {
    const before = outlineOf(doc);
    const first = before[0]!.clauses[0]!;
    const moving = doc.nodeAt(first.pos)!;
    const act2 = doc.nodeAt(before[1]!.pos)!;
    const endOfAct2 = before[1]!.pos + act2.nodeSize - 1;
    const moved = new Transform(doc).insert(endOfAct2, moving).delete(first.pos, first.pos + moving.nodeSize).doc;
    const after = outlineOf(moved);
    expect(after.map((act) => act.clauses.map((clause) => clause.number))).toEqual([["1.1"], ["2.1", "2.2", "2.3", "2.4"]]);
    expect(after[1]!.clauses[3]!.id).toBe(first.id);
    expect(after[0]!.clauses[0]!.id).toBe(before[0]!.clauses[1]!.id);
  });
});

describe("moving a clause", () => {
  const doc = statement(
    buildStatement({
      ...tenActsTemplate,
      acts: [
        { title: "First", clauses: ["one", "two"] },
        { title: "Second", clauses: ["three"], notes: { 0: [{ region: "Pacific", text: "note" }] } },
      ],
    }),
  );

  function move(from: string, direction: "up" | "down"): string[][] {
    const target = clauseMoveTarget(doc, doc.resolve(posOf(doc, from)), direction);
    if (!target) return [];
    const tr = new Transform(doc).delete(target.from, target.from + target.node.nodeSize);
    const moved = tr.insert(tr.mapping.map(target.insertAt, direction === "up" ? -1 : 1), target.node).doc;
    moved.check();
    return outlineOf(moved).map((act) => act.clauses.map((clause) => moved.nodeAt(clause.pos)!.textContent));
  }

  it("moves within an Act", () => {
    expect(move("two", "up")).toEqual([["two", "one"], ["three"]]);
    expect(move("one", "down")).toEqual([["two", "one"], ["three"]]);
  });

  it("crosses into the neighbouring Act at either end", () => {
    expect(move("two", "down")).toEqual([["one"], ["two", "three"]]);
    expect(move("three", "up")).toEqual([["one", "two", "three"], []]);
  });

  it("goes past a regional note, then stops at the end of the statement", () => {
    const target = clauseMoveTarget(doc, doc.resolve(posOf(doc, "three")), "down")!;
    const tr = new Transform(doc).delete(target.from, target.from + target.node.nodeSize);
    const moved = tr.insert(tr.mapping.map(target.insertAt, 1), target.node).doc;
    const act2 = moved.nodeAt(outlineOf(moved)[1]!.pos)!;
    expect(act2.lastChild!.textContent).toBe("three");
    expect(clauseMoveTarget(moved, moved.resolve(posOf(moved, "three")), "down")).toBeNull();
    expect(move("one", "up")).toEqual([]);
  });
});

describe("links", () => {
  it("may only point to http, https and mailto", async () => {
    const { isAllowedLink } = await import("./statementExtensions.js");
    for (const ok of ["https://example.org", "http://x.test/a", "mailto:chair@example.org", "  HTTPS://EXAMPLE.ORG"]) expect(isAllowedLink(ok), ok).toBe(true);
    for (const bad of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "vbscript:x", "file:///etc/passwd", "ftp://x"]) expect(isAllowedLink(bad), bad).toBe(false);
  });
});
