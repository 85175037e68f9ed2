import { describe, expect, it } from "vitest";
import { Node as PMNode } from "@tiptap/pm/model";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { NodeName } from "../../shared/schema/names.js";
import { SuggestionAttribute, SuggestionMark } from "../../shared/suggestions.js";
import { readStatement } from "../../shared/statement/readStatement.js";
import type { Suggestion } from "../../shared/api.js";
import type { ExportInput } from "./exportInput.js";
import { renderDocx } from "./renderDocx.js";
import { renderHtml } from "./renderHtml.js";
import { renderMarkdown } from "./renderMarkdown.js";
import { prepareText, suggestionAuthors, pendingIn, type SuggestionChoice } from "./suggestionMarks.js";
import { readDocx, readMarkdown } from "../testing/readExports.js";

const schema = statementSchema();
const ins = (id: string) => schema.marks[SuggestionMark.insertion]!.create({ id });
const del = (id: string) => schema.marks[SuggestionMark.deletion]!.create({ id });
const text = (value: string, marks = [] as ReturnType<typeof ins>[]) => schema.text(value, marks);

/** Words a suggestion may carry: XML, HTML, Markdown and CriticMarkup specials. */
const HOSTILE = `<b>&amp;"'</b> ]]> *x* _y_ # ++} {-- ~> ~~} \\{++`;

/**
 * One Act: clause 1.1 "Safe [orderly → dignified] and regular migration." (Alice's
 * replacement), clause 1.2 with Alice's hostile insertion and a struck word of hers, a
 * clause Bongani suggests, a clause Chidi would delete.
 */
function statement(): PMNode {
  const paragraph = (...content: PMNode[]) => schema.nodes["paragraph"]!.create(null, content);
  let n = 0;
  const clause = (attrs: Record<string, unknown>, ...content: PMNode[]) => schema.nodes[NodeName.clause]!.create({ id: `clause-${n++}`, ...attrs }, paragraph(...content));
  const act = schema.nodes[NodeName.act]!.create({ id: "act-1" }, [
    schema.nodes[NodeName.actTitle]!.create(null, text("Drivers")),
    clause({}, text("Safe "), text("orderly", [del("alice.replace01")]), text("dignified", [ins("alice.replace01")]), text(" and regular migration.")),
    clause({}, text("Protect "), text(`${HOSTILE} `, [ins("alice.hostile01")]), text("every ", [del("alice.struck001")]), text("worker.")),
    clause({}, text("Keep \\"), text("this", [ins("alice.backsl01")]), text(" as written.")),
    clause({ [SuggestionAttribute.insertion]: "bongani.clause01" }, text("A clause Bongani suggests.")),
    clause({ [SuggestionAttribute.deletion]: "chidi.clause002" }, text("A clause Chidi would delete.")),
  ]);
  const doc = schema.nodes["doc"]!.create(null, [act]);
  doc.check();
  return doc;
}

const suggestion = (id: string, name: string, kind: Suggestion["kind"], status: Suggestion["status"] = "pending"): Suggestion => ({
  id,
  author: { id: id.split(".")[0]!, name },
  group: null,
  kind,
  actId: "act-1",
  clauseId: null,
  inserted: "",
  deleted: "",
  createdAt: "2026-11-30T10:15:30.123Z",
  status,
  decidedBy: null,
  decidedAt: null,
});

const SUGGESTIONS = [
  suggestion("alice.replace01", `Alice <Wanjiru> & "Co"`, "replacement"),
  suggestion("alice.hostile01", `Alice <Wanjiru> & "Co"`, "insertion"),
  suggestion("alice.struck001", `Alice <Wanjiru> & "Co"`, "deletion"),
  suggestion("alice.backsl01", `Alice <Wanjiru> & "Co"`, "insertion"),
  suggestion("bongani.clause01", "Bongani Dlamini", "clauseInsertion"),
  suggestion("chidi.clause002", "Chidi Okeke", "clauseDeletion"),
];

function input(choice: SuggestionChoice): ExportInput {
  const prepared = prepareText(statement(), choice);
  return {
    model: readStatement(prepared.content),
    documentTitle: "Statement",
    language: "en",
    round: null,
    date: "2026-11-30T12:00:00.000Z",
    frozen: true,
    sha256: null,
    threads: null,
    suggestions: choice === "marked" ? { edges: prepared.edges, authors: suggestionAuthors(SUGGESTIONS) } : null,
  };
}

/** Every tracked change in word/document.xml (parsed strictly): kind, attributes, its text. */
function trackedChanges(bytes: Uint8Array): { kind: "ins" | "del"; id: string; author: string; date: string; text: string }[] {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  const parser = new SaxesParser({ xmlns: true });
  const changes: { kind: "ins" | "del"; id: string; author: string; date: string; text: string }[] = [];
  let open: (typeof changes)[number] | null = null;
  let inText = false;
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag) => {
    if (tag.name === "w:ins" || tag.name === "w:del") {
      const attr = (name: string) => String(tag.attributes[name]?.value ?? "");
      open = { kind: tag.name === "w:ins" ? "ins" : "del", id: attr("w:id"), author: attr("w:author"), date: attr("w:date"), text: "" };
    } else if (tag.name === "w:t" || tag.name === "w:delText") inText = true;
  });
  parser.on("closetag", (tag) => {
    if ((tag.name === "w:ins" || tag.name === "w:del") && open) {
      changes.push(open);
      open = null;
    } else if (tag.name === "w:t" || tag.name === "w:delText") inText = false;
  });
  parser.on("text", (value) => {
    if (open && inText) open.text += value;
  });
  parser.write(xml).close();
  return changes;
}

describe("exports with suggestions", () => {
  it("the clean text leaves every pending suggestion out, in every format", async () => {
    const clean = input("clean");
    const markdown = renderMarkdown(clean);
    const html = renderHtml(clean);
    const docx = await renderDocx(clean);
    const body = readDocx(docx).map((p) => p.text);
    for (const printed of [markdown, html, body.join("\n")]) {
      expect(printed).toContain("Safe orderly and regular migration.");
      expect(printed).toContain("Protect every worker.");
      expect(printed).toMatch(/Keep \\{1,2} as written\./);
      expect(printed).toContain("A clause Chidi would delete.");
      expect(printed).not.toContain("dignified");
      expect(printed).not.toContain("Bongani");
      expect(printed).not.toContain("Wanjiru");
    }
    expect(markdown).not.toMatch(/\{\+\+|\{--|\{~~/);
    expect(html).not.toMatch(/<ins|<del/);
    expect(trackedChanges(docx)).toEqual([]);
  });

  it("DOCX marks them as Word's tracked changes, by their author, on the day they were made", async () => {
    const docx = await renderDocx(input("marked"));
    const changes = trackedChanges(docx);
    const alice = `Alice <Wanjiru> & "Co"`;
    expect(changes.map(({ kind, author, text }) => [kind, author, text])).toEqual([
      ["del", alice, "orderly"],
      ["ins", alice, "dignified"],
      ["ins", alice, `${HOSTILE} `],
      ["del", alice, "every "],
      ["ins", alice, "this"],
      ["ins", "Bongani Dlamini", "A clause Bongani suggests."],
      ["del", "Chidi Okeke", "A clause Chidi would delete."],
    ]);
    for (const change of changes) expect(change.date).toBe("2026-11-30T10:15:30Z");
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    // The inserted words read in the body; the struck ones are deleted text, not text.
    const body = readDocx(docx).map((p) => p.text);
    expect(body).toContain(`1.1\tSafe dignified and regular migration.`);
    expect(body).toContain(`1.2\tProtect ${HOSTILE} worker.`);
    expect(body).toContain(`1.3\tKeep \\this as written.`);
  });

  it("Markdown marks them with CriticMarkup, a replacement as one, and no text can open or close a mark", () => {
    const markdown = renderMarkdown(input("marked"));
    expect(markdown).toContain("**1.1** Safe {~~orderly~>dignified~~} and regular migration.");
    expect(markdown).toContain("{++A clause Bongani suggests.++}");
    expect(markdown).toContain("{--A clause Chidi would delete.--}");
    // Exactly our marks: the hostile words' braces are escaped.
    expect(markdown.match(/\{(\+\+|--|~~)/g)).toEqual(["{~~", "{++", "{--", "{++", "{++", "{--"]);
    expect(markdown.match(/(\+\+|--|~~)\}/g)).toEqual(["~~}", "++}", "--}", "++}", "++}", "--}"]);
    expect(markdown).toContain("**1.3** Keep \\\\{++this++} as written.");
    // With the marks read as CriticMarkup readers do (kept words), the text reads as written.
    const accepted = markdown.replace(/\{~~.*?~>(.*?)~~\}/g, "$1").replace(/\{\+\+(.*?)\+\+\}/g, "$1").replace(/\{--.*?--\}/g, "");
    const read = readMarkdown(accepted);
    expect(read.find((block) => block.text.startsWith("1.2"))?.text).toBe(`1.2 Protect ${HOSTILE} worker.`);
    expect(read.find((block) => block.text.startsWith("1.3"))?.text).toBe(`1.3 Keep \\this as written.`);
  });

  it("HTML marks them with <ins>/<del> titled with the author, every text escaped", () => {
    const html = renderHtml(input("marked"));
    const title = `Alice &lt;Wanjiru&gt; &amp; &quot;Co&quot;`;
    expect(html).toContain(`Safe <del class="suggested-deletion" data-suggestion="alice.replace01" title="Deletion suggested by ${title}"`);
    expect(html).toMatch(/<ins class="suggested-insertion" data-suggestion="alice.replace01" title="Suggested by [^"]+" style="--author: #[0-9a-fA-F]{6}">dignified<\/ins>/);
    expect(html).toContain(`>&lt;b&gt;&amp;amp;&quot;&#39;&lt;/b&gt; ]]&gt; *x* _y_ # ++} {-- ~&gt; ~~} \\{++ </ins>`);
    expect(html).not.toContain("<b>");
    expect(html.match(/<ins /g)).toHaveLength(4);
    expect(html.match(/<del /g)).toHaveLength(3);
    expect(html.match(/<\/ins>/g)).toHaveLength(4);
    expect(html.match(/<\/del>/g)).toHaveLength(3);
  });

  it("a version keeps the suggestions pending in its text, not those decided or gone", () => {
    const decided = [...SUGGESTIONS, suggestion("chidi.accepted1", "Chidi Okeke", "insertion", "accepted"), suggestion("chidi.notthere", "Chidi Okeke", "insertion")];
    expect(pendingIn(statement(), decided).map((s) => s.id)).toEqual(SUGGESTIONS.map((s) => s.id));
  });
});
