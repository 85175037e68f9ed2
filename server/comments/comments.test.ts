import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Y from "yjs";
import type { RunningServer } from "../app.js";
import { apiErrorSchema, threadListSchema, threadSchema, type Anchor, type Thread } from "../../shared/api.js";
import { limits } from "../../shared/limits.js";
import { decodeAnchor } from "../../shared/comments/anchors.js";
import { anchorOn } from "../testing/anchorOn.js";
import { NodeName } from "../../shared/schema/names.js";
import {
  addMember,
  api,
  connectClient,
  createTestDocument,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  waitFor,
  type TestClient,
  type TestUser,
} from "../testing/testServer.js";
import { clauseParagraph as paragraphOf, clauseText as textOf } from "../testing/statementText.js";

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let workspaceId: string;
let clients: TestClient[];

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server));
  clients = [];
});
afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  removeDataDir(dataDir);
});

async function connect(documentId: string, user: TestUser): Promise<TestClient> {
  const client = await connectClient(server, documentId, user);
  clients.push(client);
  return client;
}

const clauseParagraph = (client: TestClient, act: number) => paragraphOf(client.content, act);
const clauseText = (client: TestClient, act: number) => textOf(client.content, act);


/** The anchored range as indices in a text node, resolved on this client's document. */
function rangeIn(client: TestClient, anchor: Anchor): [number, number] {
  const { start, end } = decodeAnchor(anchor);
  const s = Y.createAbsolutePositionFromRelativePosition(start, client.doc)!;
  const e = Y.createAbsolutePositionFromRelativePosition(end, client.doc)!;
  return [s.index, e.index];
}

async function listThreads(documentId: string, user: TestUser = chair, query = ""): Promise<Thread[]> {
  const response = await api(server, "GET", `/api/documents/${documentId}/comments${query}`, undefined, user);
  expect(response.status).toBe(200);
  return threadListSchema.parse(await response.json()).threads;
}

async function createThread(documentId: string, user: TestUser, anchor: Anchor, body = "Please strengthen this.", quote = "quote"): Promise<Response> {
  return api(server, "POST", `/api/documents/${documentId}/comments`, { body, anchor, quote }, user);
}

describe("anchoring follows the words through concurrent edits (property test)", () => {
  it("resolves to exactly the intended words on every client after thousands of random edits around it", async () => {
    const coordinator = await addMember(server, chair, workspaceId, "coordinator");
    const coordinator2 = await addMember(server, chair, workspaceId, "coordinator");
    const op = fc.record({
      client: fc.integer({ min: 0, max: 2 }),
      kind: fc.constantFrom("before", "inside", "after", "deleteBefore", "deleteAfter"),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text: fc.stringMatching(/^[a-z]{1,3}$/),
    });
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1500, maxLength: 1500 }), async (ops) => {
        runs += 1;
        const documentId = (await createTestDocument(server, chair)).id;
        const trio = [await connect(documentId, chair), await connect(documentId, coordinator), await connect(documentId, coordinator2)];
        const words = "the words that matter";
        clauseText(trio[0]!, 9).insert(0, `some prefix text ${words} and a suffix`);
        await waitFor("text everywhere", () => trio.every((c) => clauseParagraph(c, 9).toString().includes(words)));
        const anchor = anchorOn(trio[0]!, words);
        expect((await createThread(documentId, chair, anchor, "Keep this.", words)).status).toBe(201);

        let insideCount = 0;
        const texts = trio.map((client) => clauseText(client, 9));
        const started = Date.now();
        for (const [index, step] of ops.entries()) {
          const client = trio[step.client]!;
          const text = texts[step.client]!;
          const [s, e] = rangeIn(client, anchor);
          const pick = (lo: number, hi: number) => Math.min(hi, lo + Math.floor(step.at * (hi - lo + 1)));
          if (step.kind === "before") text.insert(pick(0, s), step.text.replace(/[a-z]/g, (c) => String(c.charCodeAt(0) % 10)));
          else if (step.kind === "after") text.insert(pick(e, text.length), step.text.replace(/[a-z]/g, (c) => String(c.charCodeAt(0) % 10)));
          else if (step.kind === "inside" && e - s >= 2) {
            text.insert(pick(s + 1, e - 1), step.text.toUpperCase());
            insideCount += step.text.length;
          } else if (step.kind === "deleteBefore" && s > 0) text.delete(s - 1, 1);
          else if (step.kind === "deleteAfter" && e < text.length) text.delete(e, 1);
          // Let edits cross the server now and then, so clients act on stale and fresh state alike.
          if (index % 100 === 99) await new Promise((resolve) => setTimeout(resolve, 15));
        }
        void started;
        await waitFor("converged", () => {
          const all = trio.map((c) => clauseParagraph(c, 9).toString());
          return all.every((t) => t === all[0]);
        }, 30_000);

        const expectIntended = (resolved: string, context: string) => {
          expect(resolved.replace(/[A-Z]/g, ""), context).toBe(words);
          expect(/\d/.test(resolved), context).toBe(false);
          expect((resolved.match(/[A-Z]/g) ?? []).length, context).toBe(insideCount);
        };
        for (const [i, client] of trio.entries()) {
          const [s, e] = rangeIn(client, anchor);
          expectIntended(clauseText(client, 9).toString().slice(s, e), `client ${i}`);
        }
        const [thread] = await listThreads(documentId);
        expectIntended(thread!.currentQuote, "server");
        expect(thread).toMatchObject({ detached: false, act: { number: 9 }, clause: { number: "9.1" }, quote: words });
        for (const client of trio) client.destroy();
        clients = [];
      }),
      { numRuns: 2, endOnFailure: true },
    );
    expect(runs).toBe(2);
  }, 180_000);
});

describe("threads know their Act and clause, and survive their words", () => {
  it("keeps Act and clause current as text moves, and marks a thread detached when its words are deleted", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    const writer = await connect(documentId, chair);
    clauseText(writer, 9).insert(0, "Return must be voluntary and safe.");
    const anchor = anchorOn(writer, "voluntary and safe");
    await waitFor("stored", async () => (await createThread(documentId, chair, anchor, "Add 'dignified'.", "voluntary and safe")).status === 201);
    expect((await listThreads(documentId))[0]).toMatchObject({ act: { number: 9, title: "Rights, return and reintegration" }, clause: { number: "9.1" } });

    // A new clause before it: the thread's clause is now 9.2.
    const act9 = writer.content.toArray().filter((n) => n instanceof Y.XmlElement && n.nodeName === NodeName.act)[8] as Y.XmlElement;
    const clause = new Y.XmlElement(NodeName.clause);
    clause.insert(0, [new Y.XmlElement("paragraph")]);
    act9.insert(1, [clause]);
    await waitFor("renumbered", async () => (await listThreads(documentId))[0]!.clause?.number === "9.2");

    clauseText(writer, 9); // first clause of act 9 is now the empty one
    const paragraphText = ((act9.get(2) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    paragraphText.delete(0, paragraphText.length);
    await waitFor("detached", async () => (await listThreads(documentId))[0]!.detached);
    expect((await listThreads(documentId))[0]).toMatchObject({ quote: "voluntary and safe", currentQuote: "", status: "open" });
  });
});

describe("permissions, per action and role", () => {
  it("follows the matrix", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    const writer = await connect(documentId, chair);
    clauseText(writer, 5).insert(0, "Firewalls between services and immigration enforcement.");
    const anchor = anchorOn(writer, "Firewalls");
    const people = {
      chair,
      coordinator: await addMember(server, chair, workspaceId, "coordinator"),
      reviewer: await addMember(server, chair, workspaceId, "reviewer"),
      observer: await addMember(server, chair, workspaceId, "observer"),
    };
    const outsider = (await setUpOtherWorkspaceMember()) as TestUser;
    const base = `/api/documents/${documentId}/comments`;
    const status = async (user: TestUser, method: string, path: string, body?: unknown) => (await api(server, method, path, body, user)).status;

    // Create: everyone but observers (and outsiders).
    const threads: Record<string, Thread> = {};
    for (const [role, user] of Object.entries(people)) {
      const response = await createThread(documentId, user, anchor, `${role} says`);
      expect(response.status, `create as ${role}`).toBe(role === "observer" ? 403 : 201);
      if (response.status === 201) threads[role] = threadSchema.parse(await response.json());
    }
    expect((await createThread(documentId, outsider, anchor)).status).toBe(404);

    // List: every member, observers included; outsiders get 404.
    for (const user of Object.values(people)) expect(await status(user, "GET", base)).toBe(200);
    expect(await status(outsider, "GET", base)).toBe(404);

    // Reply: everyone but observers.
    const chairThread = threads["chair"]!;
    for (const [role, user] of Object.entries(people)) {
      expect(await status(user, "POST", `${base}/${chairThread.id}/replies`, { body: `reply from ${role}` }), `reply as ${role}`).toBe(role === "observer" ? 403 : 201);
    }

    // Resolve someone else's thread: chairs and coordinators only; your own thread: you too.
    for (const [role, user] of Object.entries(people)) {
      const expected = role === "chair" || role === "coordinator" ? 200 : 403;
      expect(await status(user, "PATCH", `${base}/${threads["coordinator"]!.id}`, { status: "resolved" }), `resolve as ${role}`).toBe(expected);
      if (expected === 200) await status(chair, "PATCH", `${base}/${threads["coordinator"]!.id}`, { status: "open" });
    }
    expect(await status(people.reviewer, "PATCH", `${base}/${threads["reviewer"]!.id}`, { status: "resolved" })).toBe(200);
    expect(await status(people.reviewer, "PATCH", `${base}/${threads["reviewer"]!.id}`, { status: "open" })).toBe(200);

    // Edit and delete: only your own.
    for (const [role, user] of Object.entries(people)) {
      if (role === "chair") continue;
      expect(await status(user, "PATCH", `${base}/${chairThread.id}`, { body: "hijacked" }), `edit chair's as ${role}`).toBe(403);
      expect(await status(user, "DELETE", `${base}/${chairThread.id}`), `delete chair's as ${role}`).toBe(403);
    }
    const replies = (await listThreads(documentId)).find((t) => t.id === chairThread.id)!.comments;
    const reviewerReply = replies.find((c) => c.body === "reply from reviewer")!;
    expect(await status(people.coordinator, "PATCH", `${base}/${chairThread.id}/replies/${reviewerReply.id}`, { body: "x" })).toBe(403);
    expect(await status(people.reviewer, "PATCH", `${base}/${chairThread.id}/replies/${reviewerReply.id}`, { body: "edited" })).toBe(200);
    expect(await status(people.reviewer, "DELETE", `${base}/${chairThread.id}/replies/${reviewerReply.id}`)).toBe(200);
    expect(await status(people.chair, "PATCH", `${base}/${chairThread.id}`, { body: "chair edits own" })).toBe(200);
    expect(await status(people.coordinator, "DELETE", `${base}/${threads["coordinator"]!.id}`)).toBe(200);

    const final = await listThreads(documentId);
    expect(final.map((t) => t.id)).not.toContain(threads["coordinator"]!.id);
    const chairFinal = final.find((t) => t.id === chairThread.id)!;
    expect(chairFinal.comments[0]!.body).toBe("chair edits own");
    expect(chairFinal.comments.map((c) => c.body)).not.toContain("edited");
    expect(final.find((t) => t.id === threads["reviewer"]!.id)!.group).toBeNull();
  });
});

async function setUpOtherWorkspaceMember(): Promise<TestUser> {
  const other = (await (await api(server, "POST", "/api/workspaces", { name: "Other", tenActs: false }, chair)).json()) as { id: string };
  return addMember(server, chair, other.id, "coordinator", "Outsider");
}

describe("bad input", () => {
  it("refuses empty, oversize, unknown and foreign threads and anchors; stores HTML as text", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    const otherDocumentId = (await createTestDocument(server, chair)).id;
    const writer = await connect(documentId, chair);
    clauseText(writer, 3).insert(0, "Protection for every migrant.");
    const anchor = anchorOn(writer, "every migrant");
    const expectError = async (response: Response, status: number, id: string) => {
      expect(response.status).toBe(status);
      expect(apiErrorSchema.parse(await response.json()).error.id).toBe(id);
    };
    await expectError(await createThread(documentId, chair, anchor, "   "), 400, "invalid_request");
    await expectError(await createThread(documentId, chair, anchor, "x".repeat(limits.maxCommentLength + 1)), 400, "invalid_request");
    await expectError(await createThread(documentId, chair, { start: "!!!", end: "AAAA" }), 400, "invalid_request");
    await expectError(await createThread(documentId, chair, { start: "AAAA", end: "AAAA" }), 400, "bad_anchor");
    const foreign = await connect(otherDocumentId, chair);
    clauseText(foreign, 1).insert(0, "Elsewhere entirely.");
    await expectError(await createThread(documentId, chair, anchorOn(foreign, "Elsewhere")), 400, "bad_anchor");

    const html = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const created = threadSchema.parse(await (await createThread(documentId, chair, anchor, html, `<b>every migrant</b>`)).json());
    expect(created.comments[0]!.body).toBe(html);
    expect(created.quote).toBe("<b>every migrant</b>");
    const base = `/api/documents/${documentId}/comments`;
    await expectError(await api(server, "POST", `${base}/unknownthread000/replies`, { body: "hi" }, chair), 404, "thread_not_found");
    await expectError(await api(server, "PATCH", `/api/documents/${otherDocumentId}/comments/${created.id}`, { status: "resolved" }, chair), 404, "thread_not_found");
    await expectError(await api(server, "PATCH", `${base}/${created.id}`, {}, chair), 400, "invalid_request");
    await expectError(await api(server, "PATCH", `${base}/${created.id}`, { status: "done" }, chair), 400, "invalid_request");
    await expectError(await api(server, "DELETE", `${base}/${created.id}/replies/unknowncomment0`, undefined, chair), 404, "comment_not_found");
    expect((await listThreads(documentId)).map((t) => t.comments[0]!.body)).toEqual([html]);
  });
});

describe("live and shareable", () => {
  it("pushes new threads, replies and resolutions to everyone with the statement open", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    const writer = await connect(documentId, chair);
    clauseText(writer, 2).insert(0, "Regular pathways for work.");
    const reviewer = await addMember(server, chair, workspaceId, "reviewer");
    const response = await fetch(`${server.url}/api/documents/${documentId}/comments/events`, { headers: { cookie: reviewer.cookie } });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const events: { event: string; data: Thread }[] = [];
    let buffer = "";
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += new TextDecoder().decode(value);
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const chunk = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.+)$/m.exec(chunk)?.[1];
          const data = /^data: (.+)$/m.exec(chunk)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as Thread });
        }
      }
    })();
    const anchor = anchorOn(writer, "pathways");
    const made: Thread[] = [];
    await waitFor("thread created", async () => {
      const response = await createThread(documentId, chair, anchor, "Which pathways?");
      if (response.status === 201) made.push(threadSchema.parse(await response.json()));
      return made.length > 0;
    });
    const created = made[0]!;
    await waitFor("thread pushed", () => events.some((e) => e.event === "thread" && e.data.id === created.id), 1_000);
    await api(server, "POST", `/api/documents/${documentId}/comments/${created.id}/replies`, { body: "Work and study." }, chair);
    await waitFor("reply pushed", () => events.some((e) => e.data.comments?.length === 2), 1_000);
    await api(server, "PATCH", `/api/documents/${documentId}/comments/${created.id}`, { status: "resolved" }, chair);
    await waitFor("resolution pushed", () => events.some((e) => e.data.status === "resolved"), 1_000);
    await reader.cancel();
    await pump.catch(() => undefined);
  });

  it("leaves authors out when asked (Chatham House), in the list and the export", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    const writer = await connect(documentId, chair);
    clauseText(writer, 10).insert(0, "Review and follow-up every four years.");
    const anchor = anchorOn(writer, "every four years");
    await waitFor("thread created", async () => (await createThread(documentId, chair, anchor, "Too rare. <img src=x onerror=alert(1)>", "every four years")).status === 201);
    const [anonymous] = await listThreads(documentId, chair, "?authors=false");
    expect(anonymous!.createdBy).toBeNull();
    expect(anonymous!.comments[0]!.author).toBeNull();
    const exported = await (await api(server, "GET", `/api/documents/${documentId}/comments/export?authors=false`, undefined, chair)).text();
    expect(exported).toContain("Clause 10.1");
    expect(exported).toContain("> every four years");
    expect(exported).toContain("Too rare. \\<img src=x onerror=alert(1)>");
    expect(exported).not.toMatch(/(^|[^\\])<img/);
    expect(exported).not.toContain(chair.displayName);
    const named = await (await api(server, "GET", `/api/documents/${documentId}/comments/export`, undefined, chair)).text();
    expect(named).toContain(chair.displayName);
  });
});
