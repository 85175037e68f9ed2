import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import * as Y from "yjs";
import { Node as PMNode, Slice, Fragment } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import { prosemirrorToYDoc, updateYFragment } from "@tiptap/y-tiptap";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { NodeName } from "../../shared/schema/names.js";
import { buildStatement, tenActsTemplate } from "../../shared/templates/buildStatement.js";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { SuggestionAttribute, SuggestionMark, suggestionAuthor } from "../../shared/suggestions.js";
import { withoutSuggestions, suggestionPieces } from "../../shared/schema/suggestionDecisions.js";
import { SuggestionCheck } from "../../shared/collab/suggestionCheck.js";
import { cleanPastedSlice, suggest, suggestNewClause, toggleClauseDeletion } from "./suggestingTransform.js";

const schema = statementSchema();
const AMINA = "amina";
const BONGANI = "bongani";

/** The ten Acts statement with words in every clause. */
function initial(): EditorState {
  const json = buildStatement(tenActsTemplate);
  let n = 0;
  const fill = (node: JSONContent, inClause: boolean): void => {
    if (inClause && node.type === "paragraph" && !node.content?.length) node.content = [{ type: "text", text: `Safe and regular migration for all, point ${++n}.` }];
    for (const child of node.content ?? []) fill(child, inClause || node.type === NodeName.clause);
  };
  fill(json, false);
  return EditorState.create({ schema, doc: PMNode.fromJSON(schema, json) });
}

/** Start of the text of the first clause of Act 1 and its text. */
function firstClause(state: EditorState): { start: number; text: string } {
  let found: { start: number; text: string } | null = null;
  state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === NodeName.clause) {
      found = { start: pos + 2, text: node.firstChild!.textContent };
      return false;
    }
    return true;
  });
  return found!;
}

/** Apply `make(state)` as `account` would while suggesting; the result must be a transaction. */
function suggested(state: EditorState, make: (state: EditorState) => Transaction, account = AMINA): EditorState {
  const result = suggest(state, make(state), account);
  if ("refused" in result) throw new Error(`refused: ${result.refused}`);
  const next = state.apply(result.tr);
  next.doc.check();
  return next;
}

/**
 * Push the change from `before` to `after` through y-tiptap into a Y.Doc, as the editor
 * does, and ask the server's check about it in `account`'s name.
 */
function serverVerdict(before: PMNode, after: PMNode, account = AMINA): string | null {
  const client = prosemirrorToYDoc(before, CONTENT_FIELD);
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  const fragment = client.getXmlFragment(CONTENT_FIELD);
  const meta = { mapping: new Map(), isOMark: new Map() };
  updateYFragment(client, fragment, before, meta);
  const vector = Y.encodeStateVector(client);
  updateYFragment(client, fragment, after, meta);
  const update = Y.encodeStateAsUpdate(client, vector);
  return new SuggestionCheck(server).check(update, account);
}

function marksIn(doc: PMNode, name: string): { text: string; id: string }[] {
  const found: { text: string; id: string }[] = [];
  doc.descendants((node) => {
    const mark = node.marks.find((m) => m.type.name === name);
    if (node.isText && mark) found.push({ text: node.text!, id: mark.attrs["id"] as string });
  });
  return found;
}

function typing(text: string, at: (state: EditorState) => number) {
  return (state: EditorState) => {
    const pos = at(state);
    return state.tr.setSelection(TextSelection.create(state.doc, pos)).insertText(text, pos);
  };
}

/** Backspace at `pos`: the state's cursor is there, the change deletes the character before. */
function withCursor(state: EditorState, pos: number): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
}

describe("suggesting: typing", () => {
  it("inserts typed words as the typist's suggested insertion, and the server takes it", () => {
    const before = initial();
    const { start } = firstClause(before);
    const after = suggested(before, typing("Dignified ", () => start));
    const inserted = marksIn(after.doc, SuggestionMark.insertion);
    expect(inserted.map((m) => m.text)).toEqual(["Dignified "]);
    expect(suggestionAuthor(inserted[0]!.id)).toBe(AMINA);
    expect(withoutSuggestions(after.doc).eq(before.doc)).toBe(true);
    expect(after.selection.from).toBe(start + "Dignified ".length);
    expect(serverVerdict(before.doc, after.doc)).toBeNull();
  });

  it("continues the typist's own suggestion right before the cursor (one id), a new one elsewhere", () => {
    const before = initial();
    const { start } = firstClause(before);
    const one = suggested(before, typing("a", () => start));
    const two = suggested(one, typing("b", () => start + 1));
    const ids = new Set(marksIn(two.doc, SuggestionMark.insertion).map((m) => m.id));
    expect(ids.size).toBe(1);
    expect(marksIn(two.doc, SuggestionMark.insertion).map((m) => m.text).join("")).toBe("ab");
    const three = suggested(two, typing("c", () => start + 6));
    expect(new Set(marksIn(three.doc, SuggestionMark.insertion).map((m) => m.id)).size).toBe(2);
    expect(serverVerdict(before.doc, three.doc)).toBeNull();
  });

  it("takes only the new characters from a change that rewrites the whole line (text the browser put in first)", () => {
    const before = initial();
    const { start, text } = firstClause(before);
    const paragraph = before.doc.resolve(start).parent;
    const rewritten = schema.nodes["paragraph"]!.create(paragraph.attrs, schema.text(text + "ص"));
    const after = suggested(withCursor(before, start + text.length), (s) => s.tr.replaceWith(start - 1, start - 1 + paragraph.nodeSize, rewritten));
    expect(marksIn(after.doc, SuggestionMark.insertion).map((m) => m.text)).toEqual(["ص"]);
    expect(withoutSuggestions(after.doc).eq(before.doc)).toBe(true);
    expect(serverVerdict(before.doc, after.doc)).toBeNull();
  });

  it("does not continue another person's suggestion: typing after it makes one's own", () => {
    const before = initial();
    const { start } = firstClause(before);
    const theirs = suggested(before, typing("their ", () => start), BONGANI);
    const mine = suggested(theirs, typing("mine ", () => start + "their ".length));
    const authors = marksIn(mine.doc, SuggestionMark.insertion).map((m) => [m.text, suggestionAuthor(m.id)]);
    expect(authors).toEqual([
      ["their ", BONGANI],
      ["mine ", AMINA],
    ]);
    expect(serverVerdict(theirs.doc, mine.doc)).toBeNull();
  });
});

describe("suggesting: deleting", () => {
  it("Backspace strikes the character before the cursor and leaves the cursor before it", () => {
    const base = initial();
    const { start, text } = firstClause(base);
    const before = withCursor(base, start + 5);
    const after = suggested(before, (s) => s.tr.delete(start + 4, start + 5));
    expect(marksIn(after.doc, SuggestionMark.deletion).map((m) => m.text)).toEqual([text[4]]);
    expect(after.doc.textContent).toBe(before.doc.textContent);
    expect(after.selection.head).toBe(start + 4);
    expect(serverVerdict(before.doc, after.doc)).toBeNull();
  });

  it("Delete strikes the character after the cursor and steps past it; struck words next to each other share an id", () => {
    const base = initial();
    const { start } = firstClause(base);
    const before = withCursor(base, start + 2);
    const one = suggested(before, (s) => s.tr.delete(start + 2, start + 3));
    expect(one.selection.head).toBe(start + 3);
    const two = suggested(one, (s) => s.tr.delete(start + 3, start + 4));
    const struck = marksIn(two.doc, SuggestionMark.deletion);
    expect(new Set(struck.map((m) => m.id)).size).toBe(1);
    expect(serverVerdict(before.doc, two.doc)).toBeNull();
  });

  it("deleting one's own suggested words removes them for real (withdrawal)", () => {
    const before = initial();
    const { start } = firstClause(before);
    const typed = suggested(before, typing("xyz", () => start));
    const back = suggested(withCursor(typed, start + 3), (s) => s.tr.delete(start, start + 3));
    expect(back.doc.eq(before.doc)).toBe(true);
    expect(serverVerdict(typed.doc, back.doc)).toBeNull();
  });

  it("never joins blocks: Backspace at the start of a clause changes nothing", () => {
    const before = initial();
    const { start } = firstClause(before);
    const join = before.tr.delete(start - 2, start);
    const result = suggest(withCursor(before, start), join, AMINA);
    if ("tr" in result) expect(result.tr.docChanged).toBe(false);
    else expect(result.refused).toBe("structure");
  });

  it("a selection over several clauses is struck clause by clause, the clauses kept", () => {
    const base = initial();
    const { start } = firstClause(base);
    const end = start + 200;
    const before = base.apply(base.tr.setSelection(TextSelection.create(base.doc, start + 3, end)));
    const after = suggested(before, (s) => s.tr.delete(start + 3, end));
    expect(after.doc.childCount).toBe(before.doc.childCount);
    expect(withoutSuggestions(after.doc).eq(before.doc)).toBe(true);
    expect(serverVerdict(before.doc, after.doc)).toBeNull();
  });
});

describe("suggesting: replacing and refusing", () => {
  it("typing over a selection is one suggestion: the struck words, then the new ones, one id", () => {
    const before = initial();
    const { start, text } = firstClause(before);
    const selected = before.apply(before.tr.setSelection(TextSelection.create(before.doc, start, start + 4)));
    const after = suggested(selected, (s) => s.tr.insertText("New", start, start + 4));
    const struck = marksIn(after.doc, SuggestionMark.deletion);
    const inserted = marksIn(after.doc, SuggestionMark.insertion);
    expect(struck.map((m) => m.text)).toEqual([text.slice(0, 4)]);
    expect(inserted.map((m) => m.text)).toEqual(["New"]);
    expect(inserted[0]!.id).toBe(struck[0]!.id);
    expect(after.doc.textBetween(start, start + 7)).toBe(text.slice(0, 4) + "New");
    expect(after.selection.head).toBe(start + 7);
    expect(suggestionPieces(after.doc).map((p) => p.kind)).toEqual(["deletion", "insertion"]);
    expect(serverVerdict(before.doc, after.doc)).toBeNull();
  });

  it("refuses deleting another person's suggested words, and the server would too", () => {
    const before = initial();
    const { start } = firstClause(before);
    const theirs = suggested(before, typing("their", () => start), BONGANI);
    const result = suggest(withCursor(theirs, start + 5), theirs.tr.delete(start + 4, start + 5), AMINA);
    expect(result).toEqual({ refused: "othersSuggestion" });
    const plain = theirs.apply(theirs.tr.delete(start + 4, start + 5));
    expect(serverVerdict(theirs.doc, plain.doc)).not.toBeNull();
  });

  it("suggests words in an empty line, and takes them back, as the server allows", () => {
    const blank = EditorState.create({ schema, doc: PMNode.fromJSON(schema, buildStatement(tenActsTemplate)) });
    let start = -1;
    blank.doc.descendants((node, pos) => {
      if (start < 0 && node.type.name === NodeName.clause) start = pos + 2;
      return start < 0;
    });
    const state = withCursor(blank, start);
    const typed = suggest(state, state.tr.insertText("x", start), AMINA);
    if (!("tr" in typed)) throw new Error(`refused: ${typed.refused}`);
    const after = state.apply(typed.tr);
    expect(after.doc.textBetween(start, start + 1)).toBe("x");
    expect(serverVerdict(state.doc, after.doc)).toBeNull();
    const withdrawn = suggest(withCursor(after, start + 1), after.tr.delete(start, start + 1), AMINA);
    if (!("tr" in withdrawn)) throw new Error(`refused: ${withdrawn.refused}`);
    const empty = after.apply(withdrawn.tr);
    expect(empty.doc.eq(state.doc)).toBe(true);
    expect(serverVerdict(after.doc, empty.doc)).toBeNull();
  });

  it("refuses formatting and splitting a clause in the middle", () => {
    const before = initial();
    const { start } = firstClause(before);
    const bold = before.tr.addMark(start, start + 4, schema.marks["bold"]!.create());
    expect(suggest(before, bold, AMINA)).toEqual({ refused: "formatting" });
    const split = before.tr.split(start + 3);
    expect(suggest(before, split, AMINA)).toEqual({ refused: "structure" });
  });
});

describe("suggesting: clauses", () => {
  it("Enter at the end of a clause suggests a new clause after it; typing there is plain editing in one's own clause", () => {
    const base = initial();
    const { start, text } = firstClause(base);
    const atEnd = withCursor(base, start + text.length);
    const tr = suggestNewClause(atEnd, AMINA)!;
    expect(tr).not.toBeNull();
    const withClause = atEnd.apply(tr);
    const clause = withClause.selection.$from.node(2);
    expect(clause.type.name).toBe(NodeName.clause);
    expect(suggestionAuthor(clause.attrs[SuggestionAttribute.insertion] as string)).toBe(AMINA);
    expect(serverVerdict(atEnd.doc, withClause.doc)).toBeNull();
    const typed = suggested(withClause, typing("A new clause.", (s) => s.selection.from));
    expect(marksIn(typed.doc, SuggestionMark.insertion)).toEqual([]);
    expect(withoutSuggestions(typed.doc).eq(base.doc)).toBe(true);
    expect(serverVerdict(withClause.doc, typed.doc)).toBeNull();
  });

  it("Enter in the middle of someone else's clause does nothing", () => {
    const base = initial();
    const { start } = firstClause(base);
    expect(suggestNewClause(withCursor(base, start + 2), AMINA)).toBeNull();
  });

  it("suggests deleting a clause, and withdraws that suggestion on the second go", () => {
    const base = withCursor(initial(), firstClause(initial()).start + 1);
    const struck = base.apply(toggleClauseDeletion(base, AMINA)!);
    expect(suggestionPieces(struck.doc).map((p) => p.kind)).toEqual(["clauseDeletion"]);
    expect(serverVerdict(base.doc, struck.doc)).toBeNull();
    const back = struck.apply(toggleClauseDeletion(struck, AMINA)!);
    expect(back.doc.eq(base.doc)).toBe(true);
    expect(toggleClauseDeletion(struck, BONGANI)).toBeNull();
  });
});

describe("pasting", () => {
  it("strips suggestion marks and clause suggestion attributes from pasted content", () => {
    const text = schema.text("pasted", [schema.marks[SuggestionMark.insertion]!.create({ id: "bongani.abcdefghijk" })]);
    const clause = schema.nodes[NodeName.clause]!.create(
      { [SuggestionAttribute.insertion]: "bongani.abcdefghijk", [SuggestionAttribute.deletion]: "bongani.zzzzzzzzzz" },
      schema.nodes["paragraph"]!.create(null, text),
    );
    const clean = cleanPastedSlice(new Slice(Fragment.from(clause), 0, 0), schema);
    const node = clean.content.firstChild!;
    expect(node.attrs[SuggestionAttribute.insertion]).toBeNull();
    expect(node.attrs[SuggestionAttribute.deletion]).toBeNull();
    expect(node.firstChild!.firstChild!.marks).toEqual([]);
  });

  it("pasted words while suggesting are one's own suggestion, whatever marks they came with", () => {
    const before = initial();
    const { start } = firstClause(before);
    const theirs = schema.text("copied ", [schema.marks[SuggestionMark.deletion]!.create({ id: "bongani.abcdefghijk" })]);
    const after = suggested(withCursor(before, start), (s) => s.tr.replaceSelection(new Slice(Fragment.from(schema.nodes["paragraph"]!.create(null, theirs)), 1, 1)));
    const inserted = marksIn(after.doc, SuggestionMark.insertion);
    expect(inserted.map((m) => [m.text, suggestionAuthor(m.id)])).toEqual([["copied ", AMINA]]);
    expect(marksIn(after.doc, SuggestionMark.deletion)).toEqual([]);
    expect(serverVerdict(before.doc, after.doc)).toBeNull();
  });
});
