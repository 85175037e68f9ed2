/**
 * Exports in the statement's language and direction: labels in its language (Act and
 * clause numbers in Western digits), Word paragraphs right to left exactly where their
 * text reads so (and the labels of an Arabic statement), HTML pages with the statement's
 * lang and dir and every line of text dir="auto". Through the renderers, then through
 * the real export routes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import type { Thread } from "../../shared/api.js";
import type { Locale } from "../../shared/i18n/locales.js";
import type { StatementModel } from "../../shared/statement/readStatement.js";
import { roundSchema, threadSchema } from "../../shared/api.js";
import type { RunningServer } from "../app.js";
import { anchorOn } from "../testing/anchorOn.js";
import { readMarkdown } from "../testing/readExports.js";
import { clauseText } from "../testing/statementText.js";
import { api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, waitFor, type TestClient, type TestUser } from "../testing/testServer.js";
import { firstStrongDirection } from "./direction.js";
import { exportLabels, type ExportInput } from "./exportInput.js";
import { renderDocx } from "./renderDocx.js";
import { renderHtml } from "./renderHtml.js";
import { renderMarkdown } from "./renderMarkdown.js";

const ARABIC_CLAUSE = "ضمان عودة آمنة وكريمة مع رقابة مستقلة.";
const ENGLISH_CLAUSE = "Ensure that any return is safe and dignified.";

/** One paragraph of a Word part as a reader of its XML sees it: its text, whether it is right to left, and each text run's `w:rtl`. */
interface WordParagraph {
  text: string;
  bidi: boolean;
  runs: { text: string; rtl: boolean }[];
}

/** The paragraphs of a Word XML part, parsed strictly. */
function wordParagraphs(xml: string): WordParagraph[] {
  const parser = new SaxesParser();
  const paragraphs: WordParagraph[] = [];
  let paragraph: WordParagraph | null = null;
  let run: { text: string; rtl: boolean } | null = null;
  let inText = false;
  let error: Error | null = null;
  const on = (attributes: Record<string, string>) => attributes["w:val"] !== "false" && attributes["w:val"] !== "0";
  parser.on("error", (e) => void (error ??= e));
  parser.on("opentag", (tag) => {
    const attributes = tag.attributes as Record<string, string>;
    if (tag.name === "w:p") paragraph = { text: "", bidi: false, runs: [] };
    else if (tag.name === "w:bidi" && paragraph) paragraph.bidi = on(attributes);
    else if (tag.name === "w:r" && paragraph) run = { text: "", rtl: false };
    else if (tag.name === "w:rtl" && run) run.rtl = on(attributes);
    else if (tag.name === "w:t") inText = true;
    else if (tag.name === "w:tab" && paragraph) paragraph.text += "\t";
    else if (tag.name === "w:br" && paragraph) paragraph.text += "\n";
  });
  parser.on("closetag", (tag) => {
    if (tag.name === "w:p" && paragraph) {
      paragraphs.push(paragraph);
      paragraph = null;
    } else if (tag.name === "w:r" && paragraph && run) {
      if (run.text !== "") paragraph.runs.push(run);
      run = null;
    } else if (tag.name === "w:t") inText = false;
  });
  parser.on("text", (text) => {
    if (!inText || !paragraph) return;
    paragraph.text += text;
    if (run) run.text += text;
  });
  parser.write(xml).close();
  if (error) throw error;
  return paragraphs;
}

function docxParts(bytes: Uint8Array): { body: WordParagraph[]; comments: WordParagraph[] } {
  const parts = unzipSync(bytes);
  const comments = parts["word/comments.xml"];
  return { body: wordParagraphs(strFromU8(parts["word/document.xml"]!)), comments: comments ? wordParagraphs(strFromU8(comments)) : [] };
}

const paragraphOf = (paragraphs: WordParagraph[], start: string) => {
  const found = paragraphs.find((p) => p.text.startsWith(start));
  if (!found) throw new Error(`no paragraph starting ${JSON.stringify(start)} in ${JSON.stringify(paragraphs.map((p) => p.text))}`);
  return found;
};

function thread(body: string, status: Thread["status"] = "open", author: { id: string; name: string } | null = { id: "p1", name: "Lena Weber" }): Thread {
  return {
    id: "thread0000001",
    documentId: "document00001",
    anchor: { start: "AAAA", end: "AAAA" },
    quote: "safe",
    currentQuote: "safe",
    detached: false,
    act: { id: null, number: 1, title: "Returns" },
    clause: { id: null, number: "1.2" },
    group: { id: "group00000001", name: "Returns (in particular safeguards)" },
    status,
    createdBy: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    resolvedBy: null,
    resolvedAt: null,
    comments: [{ id: "comment000001", author, body, createdAt: "2026-01-01T00:00:00.000Z", editedAt: null }],
  };
}

function input(language: Locale, overrides: Partial<ExportInput> = {}): ExportInput {
  const model: StatementModel = {
    title: language === "ar" ? "الآن وكيف: عشرة إجراءات" : "Now and How: Ten Acts",
    before: [{ kind: "paragraph", text: "We, civil society organisations from every region, present ten Acts." }],
    acts: [
      {
        id: null,
        number: 1,
        title: language === "ar" ? "العودة" : "Returns",
        items: [
          { kind: "clause", id: null, number: "1.1", text: ARABIC_CLAUSE },
          { kind: "clause", id: null, number: "1.2", text: ENGLISH_CLAUSE },
          { kind: "note", id: null, region: "Africa", text: "Reintegration support." },
        ],
      },
    ],
    after: [{ kind: "signatories", heading: "Signatory organisations", names: ["Migrant Forum in Asia", "منتدى المهاجرين"] }],
  };
  return {
    model,
    documentTitle: model.title,
    language,
    round: { name: "Zero draft", draftPublished: "2018-02-05" },
    date: "2026-11-30T10:00:00.000Z",
    frozen: true,
    sha256: "ab".repeat(32),
    threads: null,
    ...overrides,
  };
}

describe("the direction of a line", () => {
  it("is its first strong character's, skipping digits, punctuation and isolated text", () => {
    expect(firstStrongDirection(ARABIC_CLAUSE)).toBe("rtl");
    expect(firstStrongDirection("3.2 — «مرحبا» then English")).toBe("rtl");
    expect(firstStrongDirection("1.5 million people")).toBe("ltr");
    expect(firstStrongDirection("שלום")).toBe("rtl");
    expect(firstStrongDirection("\u2067عربي\u2069 English")).toBe("ltr");
    expect(firstStrongDirection("\u200Fx")).toBe("rtl");
    expect(firstStrongDirection("12.3, (4)")).toBeNull();
    expect(firstStrongDirection("")).toBeNull();
  });
});

describe("DOCX in the statement's direction", () => {
  it("marks an Arabic paragraph of an English statement right to left (w:bidi, its runs w:rtl), and leaves English paragraphs and the labels left to right", async () => {
    const threads = [thread("يجب تسمية جهة الرقابة.", "open", null), thread("Name the monitor."), thread("يجب تسمية جهة الرقابة.")];
    const { body, comments } = docxParts(new Uint8Array(await renderDocx(input("en", { threads }))));
    const arabic = paragraphOf(body, "1.1\t");
    expect(arabic.text).toBe(`1.1\t${ARABIC_CLAUSE}`);
    expect(arabic.bidi).toBe(true);
    expect(arabic.runs.length).toBeGreaterThan(0);
    expect(arabic.runs.every((r) => r.rtl)).toBe(true);
    const english = paragraphOf(body, "1.2\t");
    expect(english.bidi).toBe(false);
    expect(english.runs.some((r) => r.rtl)).toBe(false);
    for (const label of ["Zero draft (governments' draft of", "Act 1: Returns", "Regional note (Africa): ", "Comments", "Clause 1.2 · Open", "SHA-256 "]) {
      expect(paragraphOf(body, label).bidi, label).toBe(false);
    }
    // The signatories' names and the comments: each line as it starts.
    expect(paragraphOf(body, "منتدى المهاجرين").bidi).toBe(true);
    expect(paragraphOf(body, "Migrant Forum in Asia").bidi).toBe(false);
    expect(paragraphOf(body, "يجب تسمية").bidi).toBe(true);
    expect(paragraphOf(body, "Lena Weber: Name").bidi).toBe(false);
    // An Arabic comment by an author with a Latin name reads right to left: its words decide, not the name.
    expect(paragraphOf(body, "Lena Weber: يجب").bidi).toBe(true);
    expect(comments).toEqual([]);
  });

  it("in an Arabic statement, labels and headings are right to left too, in Arabic with Western digits; an English clause stays left to right", async () => {
    const { body } = docxParts(new Uint8Array(await renderDocx(input("ar", { threads: [thread("Name the monitor.", "resolved")] }))));
    const title = paragraphOf(body, "الآن وكيف");
    expect(title.bidi).toBe(true);
    const subtitle = body[1]!;
    expect(subtitle.text).toBe("Zero draft (مسودة الحكومات بتاريخ 5 فبراير 2018) · نسخة مجمّدة بتاريخ 30 نوفمبر 2026");
    expect(subtitle.bidi).toBe(true);
    expect(subtitle.runs.every((r) => r.rtl)).toBe(true);
    for (const label of ["الإجراء 1: العودة", "ملاحظة إقليمية (Africa): ", "التعليقات", "البند 1.2 · تمت معالجته · Returns", "SHA-256 "]) {
      expect(paragraphOf(body, label).bidi, label).toBe(true);
    }
    expect(paragraphOf(body, "1.1\t").bidi).toBe(true);
    expect(paragraphOf(body, "1.2\t").bidi).toBe(false);
    expect(body.map((p) => p.text).join("\n")).not.toMatch(/[\u0660-\u0669\u06F0-\u06F9]/);
  });
});

describe("labels in the statement's language", () => {
  it("French: DOCX, HTML and Markdown", async () => {
    const french = input("fr", { threads: [thread("Nommer l’instance de contrôle.")] });
    const docx = docxParts(new Uint8Array(await renderDocx(french))).body.map((p) => p.text);
    expect(docx).toContain("Zero draft (projet des gouvernements du 5 février 2018) · Version figée le 30 novembre 2026");
    expect(docx).toContain("Acte 1\u00a0: Returns");
    expect(docx).toContain("Note régionale (Africa)\u00a0: Reintegration support.");
    expect(docx).toContain("Commentaires");
    expect(docx).toContain("Clause 1.2 · Ouvert · Returns (in particular safeguards)");

    const html = renderHtml(french);
    expect(html).toMatch(/^<!doctype html><html lang="fr" dir="ltr">/);
    expect(html).toContain('<span class="act">Acte 1</span><span class="title" dir="auto">Returns</span>');
    expect(html).toContain('<div class="label">Note régionale (Africa)</div>');
    expect(html).toContain('<p class="count">2 organisations</p>');
    expect(html).toContain("<h2>Commentaires</h2>");
    // Each line of the statement's text reads in its own direction.
    expect(html).toContain(`<div class="clause"><span class="number">1.1</span><div dir="auto">${ARABIC_CLAUSE}</div></div>`);
    expect(html).toContain('<p dir="auto">We, civil society organisations');
    expect(html).toContain('<li dir="auto">منتدى المهاجرين</li>');

    const markdown = readMarkdown(renderMarkdown({ ...french, frozen: false, round: null }));
    expect(markdown[1]!.text).toBe("Aucun cycle ouvert · Texte en cours, et non une version figée");
    const headings = markdown.filter((b) => b.type === "heading").map((b) => b.text);
    expect(headings).toEqual(["Now and How: Ten Acts", "Acte 1\u00a0: Returns", "Signatory organisations", "Commentaires", "Clause 1.2 · Ouvert · Returns (in particular safeguards)"]);
    expect(markdown.find((b) => b.type === "block_quote" && b.text.startsWith("Note"))!.text).toBe("Note régionale (Africa)\u00a0: Reintegration support.");
  });

  it("Spanish and Arabic HTML pages carry their language and direction", () => {
    expect(renderHtml(input("es"))).toMatch(/^<!doctype html><html lang="es" dir="ltr">/);
    const arabic = renderHtml(input("ar"));
    expect(arabic).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(arabic).toContain('<span class="act">الإجراء 1</span>');
    expect(arabic).toContain('<p class="count">منظمتان</p>');
    expect(arabic).toContain(`<div dir="auto">${ENGLISH_CLAUSE}</div>`);
  });

  it("keep Act and clause numbers in Western digits in every language", () => {
    for (const locale of ["en", "fr", "es", "ar"] as const) {
      const labels = exportLabels(locale);
      expect(labels.act(10)).toMatch(/ 10$/);
      expect(labels.clause("10.12")).toMatch(/ 10\.12$/);
      expect(labels.subtitle(input(locale))).toMatch(/2018.*2026/);
    }
  });
});

describe("exports through the routes follow the statement's language", () => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let clients: TestClient[];

  beforeEach(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
    ({ chair } = await setUpWorkspace(server));
    clients = [];
  });
  afterEach(async () => {
    for (const client of clients) client.destroy();
    await server.close();
    removeDataDir(dataDir);
  });

  async function get(path: string): Promise<Response> {
    const response = await api(server, "GET", path, undefined, chair);
    expect(response.status, path).toBe(200);
    return response;
  }

  it("a French statement exports with French labels whatever the reader's language; an Arabic one reads right to left", async () => {
    const french = await createTestDocument(server, chair, { title: "Maintenant et comment", template: "ten-acts", language: "fr" });
    const writer = await connectClient(server, french.id, chair);
    clients.push(writer);
    clauseText(writer.content, 3).insert(0, "Protection pour tous les migrants.");
    let response: Response | null = null;
    await waitFor("comment accepted", async () => {
      const body = { body: "Préciser.", anchor: anchorOn(writer, "pour tous"), quote: "pour tous" };
      response = await api(server, "POST", `/api/documents/${french.id}/comments`, body, chair);
      return response.status !== 400;
    });
    threadSchema.parse(await response!.json());
    roundSchema.parse(await (await api(server, "POST", `/api/documents/${french.id}/rounds`, { name: "Avant-projet", draftPublished: "2018-02-05" }, chair)).json());
    // The reader's own language is English: the export still speaks the statement's.
    expect((await api(server, "PATCH", "/api/me", { language: "en" }, chair)).status).toBe(200);

    const base = `/api/documents/${french.id}/versions/live`;
    const html = await (await get(`${base}?format=html&comments=true`)).text();
    expect(html).toMatch(/^<!doctype html><html lang="fr" dir="ltr">/);
    expect(html).toContain("Avant-projet (projet des gouvernements du 5 février 2018) · Texte en cours, et non une version figée");
    expect(html).toContain('<span class="act">Acte 3</span>');
    expect(html).toContain("<strong>Clause 3.1</strong> · Ouvert");
    expect(html).toContain('<div dir="auto">Protection pour tous les migrants.</div>');

    const markdown = readMarkdown(await (await get(`${base}?format=md&comments=true`)).text());
    expect(markdown.filter((b) => b.type === "heading").map((b) => b.text)).toEqual(expect.arrayContaining(["Acte 3\u00a0: Protection", "Commentaires", "Clause 3.1 · Ouvert"]));

    const docx = await get(`${base}?format=docx&comments=true`);
    expect(docx.headers.get("content-disposition")).toBe(`attachment; filename="Maintenant et comment.docx"; filename*=UTF-8''Maintenant%20et%20comment.docx`);
    const { body, comments } = docxParts(new Uint8Array(await docx.arrayBuffer()));
    expect(body.map((p) => p.text)).toEqual(expect.arrayContaining(["Acte 3\u00a0: Protection", "3.1\tProtection pour tous les migrants."]));
    expect(comments.map((p) => p.text)).toEqual(["Ouvert", "Amina Chair: Préciser."]);

    const commentsExport = await get(`/api/documents/${french.id}/comments/export`);
    expect(commentsExport.headers.get("content-disposition")).toContain("filename*=UTF-8''Maintenant%20et%20comment%20-%20commentaires.md");
    const exported = readMarkdown(await commentsExport.text());
    expect(exported.filter((b) => b.type === "heading").map((b) => b.text)).toEqual(["Commentaires sur «\u00a0Maintenant et comment\u00a0»", "Clause 3.1 · Ouvert"]);

    const arabic = await createTestDocument(server, chair, { title: "البيان", template: "ten-acts", language: "ar" });
    const arabicHtml = await (await get(`/api/documents/${arabic.id}/versions/live?format=html`)).text();
    expect(arabicHtml).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(arabicHtml).toContain("لم تُفتح أي جولة · النص الحالي، وليس نسخة مجمّدة");
    const arabicDocx = await get(`/api/documents/${arabic.id}/versions/live?format=docx`);
    expect(arabicDocx.headers.get("content-disposition")).toBe(`attachment; filename="statement.docx"; filename*=UTF-8''${encodeURIComponent("البيان.docx")}`);
    const arabicBody = docxParts(new Uint8Array(await arabicDocx.arrayBuffer())).body;
    expect(paragraphOf(arabicBody, "الإجراء 3: ").bidi).toBe(true);
  }, 60_000);
});
