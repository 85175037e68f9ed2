/**
 * Comments in the exports, through the real server: Word comments anchored on the words
 * their anchors resolve to now (with replies, author or none, reference group), detached
 * threads listed apart, and the comments export in the order of the text.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { initProseMirrorDoc } from "@tiptap/y-tiptap";
import type { RunningServer } from "../app.js";
import { memberListSchema, threadSchema, type Anchor, type Me } from "../../shared/api.js";
import { encodeAnchor, type YMapping } from "../../shared/comments/anchors.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { addMember, api, connectClient, createTestDocument, issueToken, removeDataDir, startTestServer, tempDataDir, waitFor, type TestClient, type TestUser } from "../testing/testServer.js";
import { clauseText } from "../testing/statementText.js";
import * as Y from "yjs";
import { CONTENT_FIELD } from "../../shared/protocol.js";
import { buildStatement } from "../../shared/templates/buildStatement.js";
import { readStatement } from "../../shared/statement/readStatement.js";
import type { Thread } from "../../shared/api.js";
import { encodeStatement } from "../commands/createDocument.js";
import { demoStatement } from "../demo/demoStatement.js";
import { renderDocx } from "./renderDocx.js";
import { anchorThreads, placeThreads } from "./placeThreads.js";

const schema = statementSchema();
let dataDir: string;
let server: RunningServer;
let clients: TestClient[];

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  clients = [];
});
afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  removeDataDir(dataDir);
});

/** First run with the Ten Acts template, so the workspace has its reference groups. */
async function setUp(): Promise<{ chair: TestUser; workspaceId: string }> {
  const person = { email: "chair@example.org", password: "chair-password", displayName: "Amina Chair" };
  const response = await api(server, "POST", "/api/setup", { workspaceName: "Exports", ...person, tenActs: true });
  expect(response.status).toBe(201);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("dw_session="))!.split(";")[0]!;
  const me = (await response.json()) as Me;
  const token = await issueToken(server, person.email, person.password);
  return { chair: { ...person, accountId: me.account.id, cookie, token }, workspaceId: me.memberships[0]!.workspace.id };
}

/** A reviewer placed in the reference group `group`. */
async function reviewerIn(chair: TestUser, workspaceId: string, group: string, name: string): Promise<TestUser> {
  const reviewer = await addMember(server, chair, workspaceId, "reviewer", name);
  const list = memberListSchema.parse(await (await api(server, "GET", `/api/workspaces/${workspaceId}/members`, undefined, chair)).json());
  const groupId = list.groups.find((g) => g.name === group)!.id;
  expect((await api(server, "PATCH", `/api/workspaces/${workspaceId}/members/${reviewer.accountId}`, { groupIds: [groupId] }, chair)).status).toBe(200);
  return reviewer;
}

/** An anchor on the `nth` occurrence of `needle` in the whole statement, made as the editor makes it. */
function anchorOn(client: TestClient, needle: string, nth = 0): Anchor {
  const { doc, mapping } = initProseMirrorDoc(client.content, schema);
  const found: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (let at = node.text!.indexOf(needle); at >= 0; at = node.text!.indexOf(needle, at + 1)) found.push(pos + at);
    return false;
  });
  const from = found[nth];
  if (from === undefined) throw new Error(`no occurrence ${nth} of ${needle}`);
  return encodeAnchor(client.doc, client.content, mapping as YMapping, from, from + needle.length);
}

async function comment(documentId: string, user: TestUser, anchor: Anchor, quote: string, body: string): Promise<string> {
  const response = await api(server, "POST", `/api/documents/${documentId}/comments`, { body, anchor, quote }, user);
  expect(response.status).toBe(201);
  return threadSchema.parse(await response.json()).id;
}

/** The body of a DOCX as a flat list: text, and where each comment range starts and ends and is referenced. */
type Piece = { text: string } | { start: string } | { end: string } | { reference: string } | { paragraph: true };

function parse(xml: string, visit: (event: "open" | "close" | "text", name: string, attributes: Record<string, string>, text: string) => void): void {
  const parser = new SaxesParser();
  let error: Error | null = null;
  parser.on("error", (e) => void (error ??= e));
  parser.on("opentag", (tag) => visit("open", tag.name, tag.attributes as Record<string, string>, ""));
  parser.on("closetag", (tag) => visit("close", tag.name, {}, ""));
  parser.on("text", (text) => visit("text", "", {}, text));
  parser.write(xml).close();
  if (error) throw error;
}

function readDocxComments(bytes: Uint8Array): { body: Piece[]; comments: Map<string, { author: string; text: string }> } {
  const parts = unzipSync(bytes);
  const body: Piece[] = [];
  let inText = false;
  parse(strFromU8(parts["word/document.xml"]!), (event, name, attributes, text) => {
    if (event === "open" && name === "w:t") inText = true;
    else if (event === "close" && name === "w:t") inText = false;
    else if (event === "text" && inText) body.push({ text });
    else if (event === "open" && name === "w:commentRangeStart") body.push({ start: attributes["w:id"]! });
    else if (event === "open" && name === "w:commentRangeEnd") body.push({ end: attributes["w:id"]! });
    else if (event === "open" && name === "w:commentReference") body.push({ reference: attributes["w:id"]! });
    else if (event === "close" && name === "w:p") body.push({ paragraph: true });
  });
  const comments = new Map<string, { author: string; text: string }>();
  const xml = parts["word/comments.xml"];
  if (!xml) throw new Error("the DOCX has no word/comments.xml (no Word comments)");
  let current: { author: string; text: string } | null = null;
  parse(strFromU8(xml), (event, name, attributes, text) => {
    if (event === "open" && name === "w:comment") {
      current = { author: attributes["w:author"] ?? "", text: "" };
      comments.set(attributes["w:id"]!, current);
    } else if (event === "open" && name === "w:t") inText = true;
    else if (event === "close" && name === "w:t") inText = false;
    else if (event === "close" && name === "w:p" && current) current.text += "\n";
    else if (event === "text" && inText && current) current.text += text;
  });
  return { body, comments };
}

/** The words between each comment's range start and end (paragraph ends as "\n"). */
function anchoredWords(body: Piece[]): Map<string, string> {
  const open = new Map<string, string>();
  const done = new Map<string, string>();
  for (const piece of body) {
    if ("start" in piece) open.set(piece.start, "");
    else if ("end" in piece) {
      done.set(piece.end, open.get(piece.end)!);
      open.delete(piece.end);
    } else if ("text" in piece) for (const [id, words] of open) open.set(id, words + piece.text);
    else if ("paragraph" in piece) for (const [id, words] of open) open.set(id, `${words}\n`);
  }
  return done;
}

async function seed(): Promise<{ chair: TestUser; reviewer: TestUser; documentId: string }> {
  const { chair, workspaceId } = await setUp();
  const reviewer = await reviewerIn(chair, workspaceId, "Firewalls", "Lena Reviewer");
  const other = await reviewerIn(chair, workspaceId, "Returns (in particular safeguards)", "Tariq Reviewer");
  const documentId = (await createTestDocument(server, chair)).id;
  const writer = await connectClient(server, documentId, chair);
  clients.push(writer);
  clauseText(writer.content, 2).insert(0, "Expand regular pathways for work and study, and regular pathways for family.");
  clauseText(writer.content, 9).insert(0, "Ensure that any return is safe, with independent monitoring.");
  await waitFor("text on the server", async () => (await (await api(server, "GET", `/api/documents/${documentId}/versions/live?format=html`, undefined, chair)).text()).includes("independent monitoring"));
  // Created out of the text's order: a thread whose words are then deleted, 9.1, then 2.1 (second "regular pathways" before the first).
  const gone = await comment(documentId, other, anchorOn(writer, "safe, "), "safe, ", "Safe for whom?");
  await comment(documentId, other, anchorOn(writer, "independent monitoring"), "independent monitoring", "Name the monitor.");
  await comment(documentId, reviewer, anchorOn(writer, "regular pathways", 1), "regular pathways", "Family reunification is a right.");
  const first = await comment(documentId, reviewer, anchorOn(writer, "regular pathways", 0), "regular pathways", "Which pathways?");
  expect((await api(server, "POST", `/api/documents/${documentId}/comments/${first}/replies`, { body: "Work, study, family." }, chair)).status).toBe(201);
  const text = clauseText(writer.content, 9);
  text.delete(text.toString().indexOf("safe, "), "safe, ".length);
  await waitFor("deletion stored", async () => {
    const threads = (await (await api(server, "GET", `/api/documents/${documentId}/comments`, undefined, chair)).json()) as { threads: { id: string; detached: boolean }[] };
    return threads.threads.find((t) => t.id === gone)?.detached === true;
  });
  return { chair, reviewer, documentId };
}

describe("DOCX export with comments", () => {
  it("makes each thread a Word comment on the words its anchor resolves to now, with its replies, authors and reference group; detached threads listed at the end", async () => {
    const { chair, documentId } = await seed();
    const response = await api(server, "GET", `/api/documents/${documentId}/versions/live?format=docx&comments=true`, undefined, chair);
    expect(response.status).toBe(200);
    const { body, comments } = readDocxComments(new Uint8Array(await response.arrayBuffer()));
    expect(comments.size).toBe(3);
    const words = anchoredWords(body);
    expect([...comments.keys()].sort()).toEqual([...words.keys()].sort());
    const byBody = (needle: string) => [...comments.entries()].find(([, c]) => c.text.includes(needle))!;
    const [whichId, which] = byBody("Which pathways?");
    expect(words.get(whichId)).toBe("regular pathways");
    expect(which.author).toBe("Lena Reviewer");
    expect(which.text).toContain("Firewalls");
    expect(which.text).toContain("Work, study, family.");
    expect(which.text).toContain(chair.displayName);
    const [familyId] = byBody("Family reunification is a right.");
    expect(words.get(familyId)).toBe("regular pathways");
    // The two "regular pathways" are told apart: the first comment range opens before the second.
    const starts = body.flatMap((p) => ("start" in p ? [p.start] : []));
    expect(starts.indexOf(whichId)).toBeLessThan(starts.indexOf(familyId));
    const [monitorId, monitor] = byBody("Name the monitor.");
    expect(words.get(monitorId)).toBe("independent monitoring");
    expect(monitor.text).toContain("Returns (in particular safeguards)");
    for (const id of comments.keys()) expect(body.some((p) => "reference" in p && p.reference === id)).toBe(true);
    // The deleted words' thread is no Word comment, but is listed after the text.
    expect([...comments.values()].some((c) => c.text.includes("Safe for whom?"))).toBe(false);
    const text = body.flatMap((p) => ("text" in p ? [p.text] : [])).join("");
    expect(text).toContain("Safe for whom?");
    expect(text.indexOf("Safe for whom?")).toBeGreaterThan(text.indexOf("Ensure that any return is"));
  }, 30_000);

  it("leaves every author's name out in Chatham House mode", async () => {
    const { chair, documentId } = await seed();
    const response = await api(server, "GET", `/api/documents/${documentId}/versions/live?format=docx&comments=true&authors=false`, undefined, chair);
    const { comments } = readDocxComments(new Uint8Array(await response.arrayBuffer()));
    expect(comments.size).toBe(3);
    for (const c of comments.values()) {
      for (const name of ["Lena Reviewer", "Tariq Reviewer", chair.displayName]) {
        expect(c.author).not.toContain(name);
        expect(c.text).not.toContain(name);
      }
    }
    expect([...comments.values()].find((c) => c.text.includes("Which pathways?"))!.text).toContain("Firewalls");
  }, 30_000);
});

describe("DOCX export of a frozen version", () => {
  it("anchors the threads the version kept on the words in the version's text", async () => {
    const { chair, documentId } = await seed();
    const round = (await (await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json()) as { id: string };
    const frozen = await api(server, "POST", `/api/documents/${documentId}/rounds/${round.id}/freeze`, undefined, chair);
    expect(frozen.status).toBe(201);
    const { id } = (await frozen.json()) as { id: string };
    const response = await api(server, "GET", `/api/documents/${documentId}/versions/${id}?format=docx&comments=true`, undefined, chair);
    const { body, comments } = readDocxComments(new Uint8Array(await response.arrayBuffer()));
    const words = anchoredWords(body);
    expect([...comments.values()].map((c) => c.text.split("\n")[1]).sort()).toEqual(
      ["Lena Reviewer: Family reunification is a right.", "Lena Reviewer: Which pathways?", "Tariq Reviewer: Name the monitor."],
    );
    expect([...words.values()].sort()).toEqual(["independent monitoring", "regular pathways", "regular pathways"]);
  }, 30_000);
});

describe("Word comment ranges", () => {
  it("span paragraphs (a clause into its regional note) and sit on the statement's title", async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, encodeStatement(schema, buildStatement(demoStatement)));
    const client = { doc, content: doc.getXmlFragment(CONTENT_FIELD) } as TestClient;
    const spanning = anchorOn(client, "independent monitoring.");
    const { doc: pmDoc, mapping } = initProseMirrorDoc(client.content, schema);
    // From "independent monitoring." in 9.1 to the end of "Reintegration support" in the note after it.
    const from = (() => {
      let at = -1;
      pmDoc.descendants((node, pos) => {
        if (at < 0 && node.isText && node.text!.includes("Reintegration support")) at = pos + node.text!.indexOf("Reintegration support") + "Reintegration support".length;
        return at < 0;
      });
      return at;
    })();
    const across = { start: spanning.start, end: encodeAnchor(doc, client.content, mapping as YMapping, from - 1, from).end };
    const title = anchorOn(client, "Ten Acts");
    const thread = (id: string, anchor: Anchor, body: string): Thread => ({
      id, documentId: "d", anchor, quote: "", currentQuote: "", detached: false, act: null, clause: null, group: null, status: "open",
      createdBy: null, createdAt: "2026-01-01T00:00:00.000Z", resolvedBy: null, resolvedAt: null,
      comments: [{ id: `${id}c`, author: { id: "p", name: "Ana" }, body, createdAt: "2026-01-01T00:00:00.000Z", editedAt: null }],
    });
    const threads = [thread("t1", title, "On the title"), thread("t2", across, "Across the note")];
    const placed = placeThreads(doc, schema, threads);
    const docx = await renderDocx({
      model: readStatement(placed.content), documentTitle: "x", language: "en", round: null, date: "2026-01-01T00:00:00.000Z", frozen: false, sha256: null,
      threads, anchored: anchorThreads(placed),
    });
    const { body, comments } = readDocxComments(new Uint8Array(docx));
    const words = anchoredWords(body);
    const idOf = (text: string) => [...comments.entries()].find(([, c]) => c.text.includes(text))![0];
    expect(words.get(idOf("On the title"))).toBe("Ten Acts");
    expect(words.get(idOf("Across the note"))).toBe("independent monitoring.\nRegional note (Africa): Reintegration support");
  });
});

describe("comments export", () => {
  it("lists threads in the order of their words in the text, detached threads last", async () => {
    const { chair, documentId } = await seed();
    const exported = await (await api(server, "GET", `/api/documents/${documentId}/comments/export`, undefined, chair)).text();
    const order = ["Which pathways?", "Family reunification is a right.", "Name the monitor.", "Safe for whom?"].map((body) => exported.indexOf(body));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  }, 30_000);
});
