import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import type { RunningServer } from "../app.js";
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import { comparisonSchema, roundSchema, suggestionListSchema, threadSchema, versionDetailSchema, versionSummarySchema } from "../../shared/api.js";
import { encodeAnchor, type YMapping } from "../../shared/comments/anchors.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { SuggestionMark, newSuggestionId } from "../../shared/suggestions.js";
import { addMember, api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";
import { clauseText } from "../testing/statementText.js";

// A version frozen with a pending suggestion keeps it (its words in the text, its record
// with the version), shows it, and exports the clean text unless asked for the marks.

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let reviewer: TestUser;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  let workspaceId: string;
  ({ chair, workspaceId } = await setUpWorkspace(server));
  reviewer = await addMember(server, chair, workspaceId, "reviewer", "Amara <Diallo> & Co");
});
afterAll(async () => {
  await server.close();
  removeDataDir(dataDir);
});

async function json<T>(path: string, parse: (value: unknown) => T, user: TestUser = chair): Promise<T> {
  const response = await api(server, "GET", path, undefined, user);
  expect(response.status).toBe(200);
  return parse(await response.json());
}

async function bytes(path: string): Promise<Uint8Array> {
  const response = await api(server, "GET", path, undefined, chair);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

const documentXml = (docx: Uint8Array) => strFromU8(unzipSync(docx)["word/document.xml"]!);

describe("a version frozen with pending suggestions", () => {
  it("keeps their list, shows them, and exports the clean text by default", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    const round = await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair);
    expect(round.status).toBe(201);
    const roundId = roundSchema.parse(await round.json()).id;
    const writer = await connectClient(server, documentId, chair);
    clauseText(writer.content, 1).insert(0, "Safe, orderly and regular migration.");
    // The reviewer suggests through a stock Yjs client: "dignified" for "orderly".
    const suggester = await connectClient(server, documentId, reviewer);
    await waitFor("text seen", () => clauseText(suggester.content, 1).toString().includes("regular"));
    const id = newSuggestionId(reviewer.accountId);
    suggester.doc.transact(() => {
      const text = clauseText(suggester.content, 1);
      text.format("Safe, ".length, "orderly".length, { [SuggestionMark.deletion]: { id } });
      text.insert("Safe, orderly".length, "dignified", { [SuggestionMark.insertion]: { id } });
    });
    await waitFor("suggestion recorded", async () => (await json(`/api/documents/${documentId}/suggestions`, (v) => suggestionListSchema.parse(v))).suggestions.length === 1);
    // A comment on the words after the suggestion, to find them in the export.
    await waitFor("suggestion seen", () => clauseText(writer.content, 1).toString().includes("dignified"));
    const { doc: pm, mapping } = initProseMirrorDoc(writer.content, statementSchema());
    let from = -1;
    pm.descendants((node, pos) => {
      if (node.isText && node.text!.includes("regular migration")) from = pos + node.text!.indexOf("regular migration");
      return from < 0;
    });
    const anchor = encodeAnchor(writer.doc, writer.content, mapping as YMapping, from, from + "regular migration".length);
    const commented = await api(server, "POST", `/api/documents/${documentId}/comments`, { body: "Which pathways?", anchor, quote: "regular migration" }, chair);
    expect(commented.status).toBe(201);
    threadSchema.parse(await commented.json());
    writer.destroy();
    suggester.destroy();

    const frozen = await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/freeze`, undefined, chair);
    expect(frozen.status).toBe(201);
    const versionId = versionSummarySchema.parse(await frozen.json()).id;

    // The chair opens the next round and accepts it: the version still lists it as it was.
    const next = await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/open-next`, { name: "First draft", draftPublished: "2018-03-05" }, chair);
    expect(next.status).toBe(201);
    const editor = await connectClient(server, documentId, chair);
    await waitFor("editor synced", () => clauseText(editor.content, 1).toString().includes("dignified"));
    editor.doc.transact(() => {
      const text = clauseText(editor.content, 1);
      text.format("Safe, orderly".length, "dignified".length, { [SuggestionMark.insertion]: null });
      text.delete("Safe, ".length, "orderly".length);
    });
    await waitFor("accepted", async () => (await json(`/api/documents/${documentId}/suggestions`, (v) => suggestionListSchema.parse(v))).suggestions[0]?.status === "accepted");
    editor.destroy();

    const version = await json(`/api/documents/${documentId}/versions/${versionId}`, (v) => versionDetailSchema.parse(v));
    expect(version.suggestions.map((s) => [s.id, s.author.name, s.kind, s.status, s.inserted, s.deleted])).toEqual([[id, "Amara <Diallo> & Co", "replacement", "pending", "dignified", "orderly"]]);
    // The version page's HTML shows it marked, the author's name escaped.
    expect(version.html).toMatch(/Safe, <del class="suggested-deletion" data-suggestion="[^"]+" title="Deletion suggested by Amara &lt;Diallo&gt; &amp; Co"[^>]*>orderly<\/del><ins [^>]*>dignified<\/ins> and regular/);
    const live = await json(`/api/documents/${documentId}/versions/live`, (v) => versionDetailSchema.parse(v));
    expect(live.suggestions).toEqual([]);

    // Downloads: the clean text unless asked.
    const base = `/api/documents/${documentId}/versions/${versionId}`;
    const markdown = strFromU8(await bytes(`${base}?format=md`));
    expect(markdown).toContain("Safe, orderly and regular migration.");
    expect(markdown).not.toContain("dignified");
    expect(strFromU8(await bytes(`${base}?format=md&suggestions=marked`))).toContain("Safe, {~~orderly~>dignified~~} and regular migration.");
    const clean = documentXml(await bytes(`${base}?format=docx`));
    expect(clean).not.toMatch(/<w:ins |<w:del /);
    expect(clean).toContain("Safe, orderly and regular migration.");
    const marked = documentXml(await bytes(`${base}?format=docx&suggestions=marked`));
    expect(marked).toMatch(/<w:del w:id="\d+" w:author="Amara &lt;Diallo&gt; &amp; Co" w:date="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">.*?<w:delText[^>]*>orderly<\/w:delText>.*?<\/w:del>/);
    expect(marked).toMatch(/<w:ins w:id="\d+" w:author="Amara &lt;Diallo&gt; &amp; Co" w:date="[^"]+">.*?<w:t[^>]*>dignified<\/w:t>.*?<\/w:ins>/);
    expect(strFromU8(await bytes(`${base}?format=html`))).not.toContain("<ins");
    // With comments, each sits on its words in either text.
    const commentedWords = (xml: string) => /<w:commentRangeStart w:id="0"\/>(.*?)<w:commentRangeEnd w:id="0"\/>/.exec(xml)?.[1]?.replace(/<[^>]+>/g, "");
    expect(commentedWords(documentXml(await bytes(`${base}?format=docx&comments=true`)))).toBe("regular migration");
    expect(commentedWords(documentXml(await bytes(`${base}?format=docx&comments=true&suggestions=marked`)))).toBe("regular migration");

    // Compare reads the clean texts by default: the version's "orderly" against the live "dignified".
    const compared = await json(`/api/documents/${documentId}/compare?from=${versionId}&to=live`, (v) => comparisonSchema.parse(v));
    const parts = compared.acts.flatMap((act) => act.items.flatMap((item) => item.parts)).filter((part) => part.op !== "equal");
    expect(parts.map((part) => [part.op, part.text.trim()])).toEqual([
      ["delete", "orderly"],
      ["insert", "dignified"],
    ]);
    // With suggestions, the version's suggested and struck words both read as text.
    const withSuggestions = await json(`/api/documents/${documentId}/compare?from=${versionId}&to=live&suggestions=marked`, (v) => comparisonSchema.parse(v));
    expect(withSuggestions.acts.flatMap((act) => act.items.flatMap((item) => item.parts)).filter((part) => part.op !== "equal").map((part) => [part.op, part.text.trim()])).toEqual([
      ["delete", "orderlydignified"],
      ["insert", "dignified"],
    ]);
  });
});
