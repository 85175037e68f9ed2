import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../app.js";
import path from "node:path";
import Database from "better-sqlite3";
import { apiErrorSchema, roundSchema, threadListSchema, threadSchema, versionSummarySchema, type Anchor, type Thread } from "../../shared/api.js";
import { SQLITE_FILE } from "../storage/sqlite/SqliteStorage.js";
import { anchorOn } from "../testing/anchorOn.js";
import { api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, waitFor, type TestClient, type TestUser } from "../testing/testServer.js";
import { clauseText } from "../testing/statementText.js";
import { parseXmlPart, readDocx, readMarkdown } from "../testing/readExports.js";
import { strFromU8, unzipSync } from "fflate";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let documentId: string;
let writer: TestClient;

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair } = await setUpWorkspace(server));
  documentId = (await createTestDocument(server, chair)).id;
  writer = await connectClient(server, documentId, chair);
});
afterEach(async () => {
  writer.destroy();
  await server.close();
  removeDataDir(dataDir);
});


const injected = "Agreed.\n\nApproved by the chair\n=\n\n# Adopted\n- [x](javascript:alert(1)) <b>bold</b> &amp;\n    code";

/** Comment on `anchor` through the API (the server may not hold the clause yet: it refuses until it does). */
async function comment(documentId: string, body: string, anchor: Anchor, quote: string): Promise<Thread> {
  let response: Response | null = null;
  await waitFor("comment accepted", async () => (response = await api(server, "POST", `/api/documents/${documentId}/comments`, { body, anchor, quote }, chair)).status !== 400);
  expect(response!.status).toBe(201);
  return threadSchema.parse(await response!.json());
}

async function get(url: string): Promise<Response> {
  const response = await api(server, "GET", url, undefined, chair);
  expect(response.status, url).toBe(200);
  return response;
}

describe("text with control characters and Markdown syntax, through the real export routes", () => {
  it("every DOCX parses and Markdown shows exactly the intended structure, live and frozen", async () => {
    clauseText(writer.content, 3).insert(0, "Protection\u0001 for all\u000B migrants\uFFFF.");
    clauseText(writer.content, 5).insert(0, "Safe crossings.\n\nApproved by the chair\n=");
    const anchor3 = anchorOn(writer, "for all");
    const anchor5 = anchorOn(writer, "Safe crossings");
    const bell = await comment(documentId, "Ring the bell.", anchor3, "for\u0001 all");
    await comment(documentId, injected, anchor5, "Safe crossings");
    // Comments stored before the API refused control characters still hold them.
    const db = new Database(path.join(dataDir, SQLITE_FILE));
    expect(db.prepare("UPDATE comments SET body = ? WHERE thread_id = ?").run("Ring\u0007 the bell.", bell.id).changes).toBe(1);
    db.close();

    const round = roundSchema.parse(await (await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json());
    const frozen = await api(server, "POST", `/api/documents/${documentId}/rounds/${round.id}/freeze`, undefined, chair);
    expect(frozen.status).toBe(201);
    const version = versionSummarySchema.parse(await frozen.json());

    for (const versionId of ["live", version.id]) {
      const base = `/api/documents/${documentId}/versions/${versionId}`;
      const docx = new Uint8Array(await (await get(`${base}?format=docx&comments=true&authors=true`)).arrayBuffer());
      const texts = readDocx(docx).map((p) => p.text);
      // Threads are Word comments: their text is in the comments part.
      const commentTexts = parseXmlPart("word/comments.xml", strFromU8(unzipSync(docx)["word/comments.xml"]!)).map((p) => p.text);
      expect(texts, versionId).toContain("3.1\tProtection for all migrants.");
      expect(texts, versionId).toContain("5.1\tSafe crossings.\n\nApproved by the chair\n=");
      expect(commentTexts, versionId).toContain(`${chair.displayName}: Ring the bell.`);

      const md = readMarkdown(await (await get(`${base}?format=md&comments=true&authors=true`)).text());
      const headings = md.filter((b) => b.type === "heading").map((b) => b.text);
      expect(headings.filter((h) => !/^Act \d+: /.test(h)), versionId).toEqual([
        "Now and How: Ten Acts for the Global Compact",
        "Signatory organisations",
        "Comments",
        "Clause 3.1 · Open",
        "Clause 5.1 · Open",
      ]);
      expect(md.some((b) => b.type === "code_block" || b.type === "html_block" && !b.text.startsWith("<!-- sha256")), versionId).toBe(false);
      expect(md.find((b) => b.type === "paragraph" && b.text.startsWith("5.1"))?.text, versionId).toBe("5.1 Safe crossings.\n\nApproved by the chair\n=");
      expect(md.find((b) => b.type === "paragraph" && b.text.startsWith("3.1"))?.text, versionId).toBe("3.1 Protection for all migrants.");
      const comments = md.slice(md.findIndex((b) => b.type === "heading" && b.text === "Comments"));
      expect(comments.map((b) => b.type), versionId).toEqual(["heading", "heading", "block_quote", "bullet_list", "heading", "block_quote", "bullet_list", "html_block"]);
      const lists = comments.filter((b) => b.type === "bullet_list");
      expect(lists.map((l) => l.items!.length), versionId).toEqual([1, 1]);
      expect(lists[0]!.items, versionId).toEqual([`${chair.displayName}: Ring the bell.`]);
      expect(lists[1]!.items![0], versionId).toBe(`${chair.displayName}: ${injected.split("\n").map((l) => l.trim()).join("\n")}`);
      expect(lists.flatMap((l) => l.inline).filter((t) => t !== "strong"), versionId).toEqual([]);

      const html = await (await get(`${base}?format=html&comments=true`)).text();
      expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(html).toContain("Protection for all migrants.");
    }

    const comments = readMarkdown(await (await get(`/api/documents/${documentId}/comments/export?authors=false`)).text());
    expect(comments.filter((b) => b.type === "heading").map((b) => b.text)).toEqual(["Comments on “Test statement”", "Clause 3.1 · Open", "Clause 5.1 · Open"]);
    expect(comments.map((b) => b.type)).toEqual(["heading", "heading", "block_quote", "bullet_list", "heading", "block_quote", "bullet_list"]);
    expect(comments[6]!.items).toEqual([injected.split("\n").map((l) => l.trim()).join("\n")]);
    expect(comments[6]!.inline).toEqual([]);
  });

  it("the comment API refuses control characters, lone surrogates and noncharacters with a clear 400, and stores nothing", async () => {
    clauseText(writer.content, 2).insert(0, "Regular crossings for work.");
    const anchor = anchorOn(writer, "Regular crossings");
    const thread = await comment(documentId, "Tabs\tand\nnew lines\r\nare fine.", anchor, "Regular crossings");
    expect(thread.comments[0]!.body).toBe("Tabs\tand\nnew lines\r\nare fine.");
    const base = `/api/documents/${documentId}/comments`;
    for (const bad of ["Ring\u0007 the bell.", "a\u0001b", "a\u000Bb", "a\u001Bb", "a\u007Fb", "a\u0085b", "a\uD800b", "a\uFFFFb", "a\uFFFEb"]) {
      for (const [method, url, body] of [
        ["POST", base, { body: bad, anchor, quote: "Regular crossings" }],
        ["POST", `${base}/${thread.id}/replies`, { body: bad }],
        ["PATCH", `${base}/${thread.id}`, { body: bad }],
      ] as const) {
        const response = await api(server, method, url, body, chair);
        expect(response.status, `${method} ${url} ${JSON.stringify(bad)}`).toBe(400);
        const error = apiErrorSchema.parse(await response.json()).error;
        expect(error.id).toBe("invalid_request");
        expect(error.message).toContain("control characters");
      }
    }
    const threads = threadListSchema.parse(await (await get(base)).json()).threads;
    expect(threads.map((t) => t.comments.map((c) => c.body))).toEqual([["Tabs\tand\nnew lines\r\nare fine."]]);
  });
});
