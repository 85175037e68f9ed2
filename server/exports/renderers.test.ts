import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Thread } from "../../shared/api.js";
import type { ActItem, Block, StatementModel } from "../../shared/statement/readStatement.js";
import { LOCALES } from "../../shared/i18n/locales.js";
import { exportLabels, withoutTitle, type ExportInput } from "./exportInput.js";
import { renderDocx } from "./renderDocx.js";
import { renderHtml } from "./renderHtml.js";
import { renderMarkdown } from "./renderMarkdown.js";
import { renderCommentsMarkdown } from "./renderComments.js";
import { cleanText } from "./safeText.js";
import { readDocx, readMarkdown, type MdBlock } from "../testing/readExports.js";

/** Runs per property; EXPORT_PROPERTY_RUNS raises it for a longer search. */
const RUNS = Number(process.env["EXPORT_PROPERTY_RUNS"] ?? 200);

// ---- what a reader must get back (the documented removals, written out independently) ----

/** A code point no export may carry: controls but tab and new line, lone surrogates, noncharacters. */
function forbidden(cp: number): boolean {
  if (cp === 0x09 || cp === 0x0a) return false;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return true;
  if (cp >= 0xd800 && cp <= 0xdfff) return true; // Array.from leaves only unpaired halves as such
  if (cp >= 0xfdd0 && cp <= 0xfdef) return true;
  return (cp & 0xfffe) === 0xfffe;
}

/** The line with closers appended for the bidi embeddings (closed by PDF) and isolates (closed by PDI) left open. */
function closedBidi(line: string): string {
  const frames = [0]; // open embeddings per isolate level, the line itself first
  for (const c of line) {
    if ("\u202A\u202B\u202D\u202E".includes(c)) frames[frames.length - 1]! += 1;
    else if (c === "\u202C" && frames.at(-1)! > 0) frames[frames.length - 1]! -= 1;
    else if ("\u2066\u2067\u2068".includes(c)) frames.push(0);
    else if (c === "\u2069" && frames.length > 1) frames.pop();
  }
  let closers = "";
  for (let level = frames.length - 1; level >= 0; level--) closers += "\u202C".repeat(frames[level]!) + (level > 0 ? "\u2069" : "");
  return line + closers;
}

/** The input with line endings as "\n", forbidden characters removed, and bidi controls closed on each line. */
const expectedText = (text: string) =>
  Array.from(text.replace(/\r\n?/g, "\n"))
    .filter((c) => !forbidden(c.codePointAt(0)!))
    .join("")
    .split("\n")
    .map(closedBidi)
    .join("\n");

/** Markdown reads back each line trimmed, without blank lines at the start and end. */
function expectedLines(text: string): string {
  const lines = expectedText(text).split("\n").map((l) => l.trim());
  while (lines[0] === "") lines.shift();
  while (lines.at(-1) === "") lines.pop();
  return lines.join("\n");
}

/** A one-line field in Markdown: its non-empty trimmed lines joined by spaces. */
const expectedInline = (text: string) =>
  expectedText(text)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(" ");

// ---- hostile text ----

const char = (from: number, to: number) => fc.integer({ min: from, max: to }).map((cp) => String.fromCodePoint(cp));
const hostilePiece = fc.oneof(
  fc.constantFrom(..."abcdefghij XYZ.,;:'\"?!"),
  char(0x00, 0x1f),
  char(0x7f, 0x9f),
  char(0xd800, 0xdfff), // lone surrogates
  fc.constantFrom("\uFFFE", "\uFFFF", "\uFDD0", "\u{1FFFE}", "\u{10FFFF}", "\uFEFF", "\u00A0", "\u2028", "\u2029", "\u3000"),
  fc.constantFrom("\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"), // bidi
  fc.constantFrom("😀", "👩‍👩‍👧", "مرحبا", "שלום", "é", "ﬁ"),
  fc.constantFrom(
    "#", "## ", "-", "- ", "+ ", "* ", "1. ", "1) ", "12.", "> ", "```", "~~~", "    ", "\t", "<", "<div>", "</p>", "<!--", "-->", "<?", "<![CDATA[",
    "[x]: /y", "[x]", "[a](b)", "![a](b)", "<http://x.org>", "<a@b.c>", "www.x.org", "|", "| a | b |", "|---|", "_", "__", "*", "**", "`", "``", "\\", "&", "&amp;", "&#35;", "&#x23;",
    "&copy;", "=", "===", "---", "***", "___", "- - -", "  \n", "\\\n", "\n", "\n\n", "\r\n", "\r", "\n=\n", "\n-\n", "[^1]", "~~x~~", "$x$", "{}", "()", ":", "  ",
  ),
);
const hostile = fc.array(hostilePiece, { maxLength: 24 }).map((pieces) => pieces.join(""));

const person = fc.option(fc.record({ id: fc.constant("p1"), name: hostile }), { nil: null });
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ kind: fc.constant("heading" as const), level: fc.integer({ min: 1, max: 4 }), text: hostile }),
  fc.record({ kind: fc.constant("paragraph" as const), text: hostile }),
  fc.record({ kind: fc.constant("list" as const), ordered: fc.boolean(), items: fc.array(hostile, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("signatories" as const), heading: hostile, names: fc.array(hostile, { maxLength: 3 }) }),
);
type Unnumbered = { kind: "clause"; id: null; text: string } | { kind: "note"; id: null; region: string; text: string };
const item: fc.Arbitrary<Unnumbered> = fc.oneof(
  fc.record({ kind: fc.constant("clause" as const), id: fc.constant(null), text: hostile }),
  fc.record({ kind: fc.constant("note" as const), id: fc.constant(null), region: hostile, text: hostile }),
);

const model: fc.Arbitrary<StatementModel> = fc
  .record({
    title: hostile,
    before: fc.array(block, { maxLength: 4 }),
    acts: fc.array(fc.record({ title: hostile, items: fc.array(item, { maxLength: 3 }) }), { maxLength: 3 }),
    after: fc.array(block, { maxLength: 4 }),
  })
  .map(({ title, before, acts, after }) => ({
    title,
    before,
    after,
    acts: acts.map((act, a) => {
      let clauses = 0;
      return {
        id: null,
        number: a + 1,
        title: act.title,
        items: act.items.map((i): ActItem => (i.kind === "clause" ? { ...i, number: `${a + 1}.${++clauses}` } : i)),
      };
    }),
  }));

const thread: fc.Arbitrary<Thread> = fc
  .record({
    quote: hostile,
    group: fc.option(fc.record({ id: fc.constant("group00000001"), name: hostile }), { nil: null }),
    status: fc.constantFrom("open" as const, "resolved" as const),
    place: fc.constantFrom("clause", "act", "none"),
    comments: fc.array(fc.record({ author: person, body: hostile }), { maxLength: 3 }),
  })
  .map(({ quote, group, status, place, comments }) => ({
    id: "thread0000001",
    documentId: "document00001",
    anchor: { start: "AAAA", end: "AAAA" },
    quote,
    currentQuote: quote,
    detached: false,
    act: place === "none" ? null : { id: null, number: 2, title: "Act" },
    clause: place === "clause" ? { id: null, number: "2.1" } : null,
    group,
    status,
    createdBy: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    resolvedBy: null,
    resolvedAt: null,
    comments: comments.map((c) => ({ id: "comment000001", author: c.author, body: c.body, createdAt: "2026-01-01T00:00:00.000Z", editedAt: null })),
  }));

const exportInput: fc.Arbitrary<ExportInput> = fc.record({
  model,
  documentTitle: hostile,
  language: fc.constantFrom(...LOCALES),
  round: fc.option(fc.record({ name: hostile, draftPublished: fc.constant("2018-02-05") }), { nil: null }),
  date: fc.constant("2026-01-01T00:00:00.000Z"),
  frozen: fc.boolean(),
  sha256: fc.option(fc.constant("ab".repeat(32)), { nil: null }),
  threads: fc.option(fc.array(thread, { maxLength: 3 }), { nil: null }),
});

describe("cleanText", () => {
  it("removes what no export may carry and closes bidi controls on each line, leaving other text as it is", () => {
    expect(cleanText("a\u0001b\u000Bc\u0007\u007F\u0085\uFFFE\uFFFF\uFDD0\u{10FFFF}d")).toBe("abcd");
    expect(cleanText("\uD800x\uDC00y😀")).toBe("xy😀");
    expect(cleanText("a\r\nb\rc\td")).toBe("a\nb\nc\td");
    expect(cleanText("name\u202E: x\nnext")).toBe("name\u202E: x\u202C\nnext");
    expect(cleanText("\u2067\u202Bx\u2069\u202Ay")).toBe("\u2067\u202Bx\u2069\u202Ay\u202C");
    expect(cleanText("שלום \u2067عربي\u2069 Ordinary, text: 1.5 & <b>")).toBe("שלום \u2067عربي\u2069 Ordinary, text: 1.5 & <b>");
  });
});

// ---- Markdown: the structure the renderer means, read back ----

interface Expected {
  type: string;
  level?: number;
  text?: string;
  items?: string[];
  /** Inline node types allowed in it. */
  inline: string[];
}

/** `label text` as a reader gets it: no trailing space when the text is empty. */
const labelled = (label: string, text: string) => (text === "" ? label : `${label} ${text}`);
/** A heading as Markdown reads it back: without the spaces it ends on. */
const headingText = (text: string) => text.replace(/[ \t]+$/, "");

function expectedBlocks(blocks: Block[]): Expected[] {
  const out: Expected[] = [];
  for (const b of blocks) {
    if (b.kind === "signatories") {
      // The signatories print as their heading and a bulleted list of names.
      out.push({ type: "heading", level: 2, text: expectedInline(b.heading), inline: [] });
      if (b.names.length > 0) out.push({ type: "bullet_list", items: b.names.map(expectedLines), inline: [] });
    } else if (b.kind === "heading") out.push({ type: "heading", level: Math.min(6, b.level + 1), text: expectedInline(b.text), inline: [] });
    else if (b.kind === "list") out.push({ type: b.ordered ? "ordered_list" : "bullet_list", items: b.items.map(expectedLines), inline: [] });
    else if (expectedLines(b.text) !== "") out.push({ type: "paragraph", text: expectedLines(b.text), inline: [] });
  }
  return out;
}

function expectedStatement(input: ExportInput): Expected[] {
  const labels = exportLabels(input.language);
  const title = input.model.title || input.documentTitle;
  const out: Expected[] = [
    { type: "heading", level: 1, text: expectedInline(title), inline: [] },
    { type: "paragraph", text: expectedInline(labels.subtitle(input)), inline: ["emph"] },
    ...expectedBlocks(withoutTitle(input.model.before, title)),
  ];
  for (const act of input.model.acts) {
    out.push({ type: "heading", level: 2, text: headingText(labels.actHeading(act.number, expectedInline(act.title))), inline: [] });
    for (const i of act.items) {
      if (i.kind === "clause") out.push({ type: "paragraph", text: labelled(i.number, expectedLines(i.text)), inline: ["strong"] });
      else out.push({ type: "block_quote", text: labelled(labels.noteLead(expectedInline(i.region)), expectedLines(i.text)), inline: ["strong"] });
    }
  }
  out.push(...expectedBlocks(input.model.after));
  if (input.threads && input.threads.length > 0) {
    out.push({ type: "heading", level: 2, text: labels.comments, inline: [] });
    for (const t of input.threads) {
      const group = t.group ? expectedInline(t.group.name) : "";
      out.push({ type: "heading", level: 3, text: `${labels.threadPlace(t)} · ${labels.threadStatus(t.status)}${group ? ` · ${group}` : ""}`, inline: [] }, ...expectedThreadBody(t));
    }
  }
  if (input.sha256) out.push({ type: "html_block", text: `<!-- sha256 ${input.sha256} -->`, inline: [] });
  return out;
}

function expectedThreadBody(t: Thread): Expected[] {
  const out: Expected[] = [{ type: "block_quote", text: expectedLines(t.quote), inline: [] }];
  const items = t.comments.map((c) => {
    const name = c.author ? expectedInline(c.author.name) : "";
    const body = expectedLines(c.body);
    return name ? labelled(`${name}:`, body) : body;
  });
  if (items.length > 0) out.push({ type: "bullet_list", items, inline: ["strong"] });
  return out;
}

function expectedComments(title: string, threads: Thread[], language: ExportInput["language"]): Expected[] {
  const labels = exportLabels(language);
  const out: Expected[] = [{ type: "heading", level: 1, text: labels.commentsOn(expectedInline(title)), inline: [] }];
  for (const t of threads) {
    const group = t.group ? expectedInline(t.group.name) : "";
    out.push({ type: "heading", level: 2, text: `${labels.threadPlace(t)}${group ? ` · ${group}` : ""} · ${labels.threadStatus(t.status)}`, inline: [] }, ...expectedThreadBody(t));
  }
  return out;
}

/** The parsed blocks, shaped like `Expected` (inline types found, for comparison with those allowed). */
function compare(actual: MdBlock[], expected: Expected[]): void {
  const shape = (b: MdBlock, e: Expected | undefined) => ({
    type: b.type,
    ...(b.level !== undefined ? { level: b.level } : {}),
    ...(b.items ? { items: b.items } : { text: b.type === "html_block" ? b.text.trim() : b.text }),
    inline: [...new Set(b.inline)].filter((t) => !e?.inline.includes(t)),
  });
  const wanted = expected.map((e) => ({ type: e.type, ...(e.level !== undefined ? { level: e.level } : {}), ...(e.items ? { items: e.items } : { text: e.text }), inline: [] }));
  expect(actual.map((b, i) => shape(b, expected[i]))).toEqual(wanted);
}

describe("Markdown exports read back as exactly the intended structure and text (property)", () => {
  it("statement export", () => {
    fc.assert(
      fc.property(exportInput, (input) => {
        compare(readMarkdown(renderMarkdown(input)), expectedStatement(input));
      }),
      { numRuns: RUNS },
    );
  });

  it("comments export", () => {
    fc.assert(
      fc.property(hostile, fc.array(thread, { maxLength: 4 }), fc.constantFrom(...LOCALES), (title, threads, language) => {
        compare(readMarkdown(renderCommentsMarkdown(title, threads, language)), expectedComments(title, threads, language));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- DOCX: every part strict XML, every text back as cleaned ----

describe("DOCX export is well-formed XML holding each text as cleaned (property)", () => {
  it("statement with comments", async () => {
    await fc.assert(
      fc.asyncProperty(exportInput, async (input) => {
        const labels = exportLabels(input.language);
        const paragraphs = readDocx(new Uint8Array(await renderDocx(input))).map((p) => p.text);
        for (const act of input.model.acts) {
          expect(paragraphs).toContain(labels.actHeading(act.number, expectedText(act.title)));
          for (const i of act.items) {
            if (i.kind === "clause") expect(paragraphs).toContain(`${i.number}\t${expectedText(i.text)}`);
            else expect(paragraphs).toContain(`${labels.noteLead(expectedText(i.region))} ${expectedText(i.text)}`);
          }
        }
        for (const t of input.threads ?? []) {
          expect(paragraphs).toContain(expectedText(t.quote));
          for (const c of t.comments) expect(paragraphs).toContain(`${c.author ? `${expectedText(c.author.name)}: ` : ""}${expectedText(c.body)}`);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});

// ---- HTML: only the elements the page is built from; each text back, escaped ----

const pageElements = new Set(["html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "section", "span", "div", "aside", "strong", "bdi", "blockquote", "ul", "ol", "li"]);
const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** Tags and text runs of our page (`<br>` read as a new line, any other tag ends a run). Sound because no text may hold "<": each run must decode to its input. */
function readHtml(html: string): { tags: string[]; runs: string[] } {
  const tags: string[] = [];
  const runs: string[] = [""];
  const body = html.replace(/<style>[^<]*<\/style>/, "<style></style>");
  for (const part of body.split(/(<[^>]*>)/)) {
    if (part.startsWith("<!doctype")) continue;
    if (part.startsWith("<")) {
      const tag = /^<\/?([a-z0-9]+)/.exec(part)?.[1] ?? part;
      tags.push(tag);
      if (tag === "br") runs[runs.length - 1] += "\n";
      else runs.push("");
    } else runs[runs.length - 1] += part.replace(/&[^;]*;/g, (e) => entities[e] ?? `[unknown entity ${e}]`);
  }
  return { tags, runs };
}

describe("HTML export holds only its own elements, each text back as cleaned (property)", () => {
  it("statement with comments", () => {
    fc.assert(
      fc.property(exportInput, (input) => {
        const html = renderHtml(input);
        expect(html).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/);
        const { tags, runs } = readHtml(html);
        expect(tags.filter((t) => !pageElements.has(t))).toEqual([]);
        for (const act of input.model.acts) {
          expect(runs).toContain(expectedText(act.title));
          for (const i of act.items) if (expectedText(i.text)) expect(runs).toContain(expectedText(i.text));
        }
        for (const t of input.threads ?? []) {
          if (expectedText(t.quote)) expect(runs).toContain(expectedText(t.quote));
          for (const c of t.comments) {
            const body = expectedText(c.body);
            if (body) expect(runs.some((r) => r === body || r === `: ${body}`)).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
