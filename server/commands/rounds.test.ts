import { afterEach, beforeEach, describe, expect, it } from "vitest";
import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { unzipSync, strFromU8 } from "fflate";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import type { RunningServer } from "../app.js";
import { comparisonSchema, roundSchema, versionDetailSchema, versionListSchema, versionSummarySchema } from "../../shared/api.js";
import { MessageType } from "../../shared/protocol.js";
import { NodeName } from "../../shared/schema/names.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { SQLITE_FILE } from "../storage/sqlite/SqliteStorage.js";
import { contentHash, contentOfState } from "./rounds.js";
import {
  addMember,
  api,
  connectClient,
  createTestDocument,
  health,
  rawSocket,
  removeDataDir,
  setUpWorkspace,
  startTestServer,
  tempDataDir,
  waitFor,
  type TestClient,
  type TestUser,
} from "../testing/testServer.js";
import { clauseText as createClauseText, findClauseText } from "../testing/statementText.js";

const schema = statementSchema();
let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let workspaceId: string;
let documentId: string;
let clients: TestClient[];

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  ({ chair, workspaceId } = await setUpWorkspace(server));
  documentId = (await createTestDocument(server, chair)).id;
  clients = [];
});
afterEach(async () => {
  for (const client of clients) client.destroy();
  await server.close();
  removeDataDir(dataDir);
});

async function connect(user: TestUser): Promise<TestClient> {
  const client = await connectClient(server, documentId, user);
  clients.push(client);
  return client;
}

function clauseText(client: TestClient, act: number, create = false): Y.XmlText | null {
  return create ? createClauseText(client.content, act) : findClauseText(client.content, act);
}

const textOf = (client: TestClient, act: number) => clauseText(client, act)?.toString() ?? "";

async function openRound(name = "Zero draft", date = "2018-02-05"): Promise<string> {
  const response = await api(server, "POST", `/api/documents/${documentId}/rounds`, { name, draftPublished: date }, chair);
  expect(response.status).toBe(201);
  return roundSchema.parse(await response.json()).id;
}

async function freeze(roundId: string, user: TestUser = chair): Promise<Response> {
  return api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/freeze`, undefined, user);
}

async function liveClauses(): Promise<string[]> {
  const detail = versionDetailSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/versions/live`, undefined, chair)).json());
  return clausesOf(detail.content);
}

function clausesOf(content: Record<string, unknown>): string[] {
  const node = schemaNode(content);
  const texts: string[] = [];
  node.descendants((child) => {
    if (child.type.name === NodeName.clause) texts.push(child.textContent);
    return child.type.name !== NodeName.clause;
  });
  return texts;
}

function schemaNode(content: Record<string, unknown>) {
  return schema.nodeFromJSON(content);
}

describe("freezing a round", () => {
  it("records exactly what was acknowledged while five clients type, then refuses every update", async () => {
    const roundId = await openRound();
    const people = [chair, ...(await Promise.all([1, 2, 3, 4].map((i) => addMember(server, chair, workspaceId, "coordinator", `Coordinator ${i}`))))];
    const five = await Promise.all(people.map((person) => connect(person)));
    five.forEach((client, k) => clauseText(client, k + 1, true)!.insert(0, `[${k}]`));
    let typing = true;
    const counters = five.map(() => 0);
    const typists = five.map(async (client, k) => {
      while (typing) {
        const text = clauseText(client, k + 1, true)!;
        text.insert(text.length, `${counters[k]!++},`);
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    // What each clause looked like to the others just before the freeze: acknowledged by the server.
    const acknowledged = five.map((_, k) => five.filter((_, j) => j !== k).map((other) => textOf(other, k + 1)));
    const response = await freeze(roundId);
    expect(response.status).toBe(201);
    const version = versionSummarySchema.parse(await response.json());
    await new Promise((resolve) => setTimeout(resolve, 300)); // they keep typing after the freeze
    typing = false;
    await Promise.all(typists);

    const detail = versionDetailSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/versions/${version.id}`, undefined, chair)).json());
    const frozen = clausesOf(detail.content);
    five.forEach((client, k) => {
      const inVersion = frozen[k]!;
      for (const seen of acknowledged[k]!) expect(inVersion.startsWith(seen), `clause ${k + 1} has what others had received`).toBe(true);
      expect(textOf(client, k + 1).startsWith(inVersion), `clause ${k + 1} is what its writer typed`).toBe(true);
      expect(textOf(client, k + 1).length).toBeGreaterThan(inVersion.length);
    });
    // Nothing typed after the freeze was applied, for any role.
    expect(await liveClauses()).toEqual(frozen);
    expect((await health(server)).refusedUpdates).toBeGreaterThan(0);
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(five[0]!.doc));
    const before = Y.encodeStateVector(rogue);
    clauseText({ doc: rogue, content: rogue.getXmlFragment("default") } as TestClient, 1)!.insert(0, "after freeze");
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.sync);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(rogue, before));
    const raw = rawSocket(server, documentId, { token: chair.token, frames: [encoding.toUint8Array(encoder)] });
    await waitFor("chair socket joined", async () => (await health(server)).sockets >= 6);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await liveClauses()).toEqual(frozen);
    void raw;

    // The hash is stable: recomputed from the stored state, read again, and after a restart.
    expect(contentHash(schemaNode(detail.content))).toBe(version.sha256);
    for (const client of five) client.destroy();
    clients = [];
    const port = server.port;
    await server.close();
    const db = new Database(path.join(dataDir, SQLITE_FILE), { readonly: true });
    const row = db.prepare<[string], { state: Buffer; sha256: string }>("SELECT state, sha256 FROM versions WHERE id = ?").get(version.id)!;
    db.close();
    expect(contentHash(contentOfState(new Uint8Array(row.state), schema))).toBe(version.sha256);
    server = await startTestServer(dataDir, undefined, port);
    const listed = versionListSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/versions`, undefined, chair)).json());
    expect(listed.versions).toEqual([expect.objectContaining({ id: version.id, sha256: version.sha256, roundName: "Zero draft" })]);
    // Still frozen after the restart.
    const writer = await connect(chair);
    clauseText(writer, 1, true)!.insert(0, "still frozen");
    await waitFor("refused after restart", async () => (await health(server)).refusedUpdates > 0);
    expect((await liveClauses())[0]).not.toContain("still frozen");
  });

  it("keeps an offline client's edits and merges them into the next round, where compare shows them", async () => {
    const roundId = await openRound();
    const coordinator = await addMember(server, chair, workspaceId, "coordinator");
    const offline = await connect(coordinator);
    clauseText(offline, 9, true)!.insert(0, "Returns follow due process.");
    await waitFor("stored", async () => (await liveClauses())[8] === "Returns follow due process.");
    offline.provider.disconnect();
    clauseText(offline, 9)!.insert(27, " Written offline before the freeze.");
    const version = versionSummarySchema.parse(await (await freeze(roundId)).json());
    offline.provider.connect();
    await waitFor("reconnected while frozen", () => offline.provider.synced);
    await waitFor("its edit refused", async () => (await health(server)).refusedUpdates > 0);
    expect((await liveClauses())[8]).toBe("Returns follow due process.");

    const next = await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/open-next`, { name: "Zero draft plus", draftPublished: "2018-03-05" }, chair);
    expect(next.status).toBe(201);
    await waitFor("merged into the next round", async () => (await liveClauses())[8] === "Returns follow due process. Written offline before the freeze.");
    const comparison = comparisonSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/compare?from=${version.id}&to=live`, undefined, chair)).json());
    const act9 = comparison.acts.find((act) => act.number === 9)!;
    expect(act9.status).toBe("changed");
    expect(act9.items[0]).toMatchObject({ status: "changed", toNumber: "9.1" });
    expect(act9.items[0]!.parts.filter((p) => p.op === "insert").map((p) => p.text).join("")).toContain("Written offline before the freeze.");
    expect(act9.summary.wordsAdded).toBe(5);
    expect(comparison.acts.filter((act) => act.status !== "unchanged").map((act) => act.number)).toEqual([9]);
  });
});

describe("versions are immutable and freezing is for chairs", () => {
  it("refuses non-chairs, and offers no way to change a version", async () => {
    const roundId = await openRound();
    for (const role of ["coordinator", "reviewer", "observer"] as const) {
      const person = await addMember(server, chair, workspaceId, role);
      const response = await freeze(roundId, person);
      expect(response.status, role).toBe(403);
      expect((await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "x", draftPublished: "2018-01-01" }, person)).status).toBe(403);
    }
    const version = versionSummarySchema.parse(await (await freeze(roundId)).json());
    expect((await freeze(roundId)).status).toBe(409);
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect((await api(server, method, `/api/documents/${documentId}/versions/${version.id}`, method === "DELETE" ? undefined : { sha256: "x" }, chair)).status).toBe(404);
    }
    const db = new Database(path.join(dataDir, SQLITE_FILE));
    expect(() => db.prepare("UPDATE versions SET content = '{}' WHERE id = ?").run(version.id)).toThrow(/immutable/);
    expect(() => db.prepare("DELETE FROM versions WHERE id = ?").run(version.id)).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE rounds SET frozen_at = NULL WHERE id = ?").run(roundId)).toThrow(/frozen round/);
    db.close();
    // The next round follows a freeze only through open-next (roundSequence.test.ts tries every order).
    expect((await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Again", draftPublished: "2018-03-05" }, chair)).status).toBe(409);
    expect((await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/open-next`, { name: "Again", draftPublished: "2018-03-05" }, chair)).status).toBe(201);
  });
});

describe("exports", () => {
  it("renders DOCX, Markdown and print-ready HTML with numbers, notes and escaped text", async () => {
    const writer = await connect(chair);
    clauseText(writer, 3, true)!.insert(0, "Protection for all <script>alert(1)</script> migrants.");
    clauseText(writer, 10, true)!.insert(0, "Review every four years.");
    await waitFor("stored", async () => (await liveClauses())[9] === "Review every four years.");
    const base = `/api/documents/${documentId}/versions/live`;
    const docx = new Uint8Array(await (await api(server, "GET", `${base}?format=docx`, undefined, chair)).arrayBuffer());
    const xml = strFromU8(unzipSync(docx)["word/document.xml"]!);
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
    expect(paragraphs).toContain("3.1\tProtection for all &lt;script&gt;alert(1)&lt;/script&gt; migrants.");
    expect(paragraphs).toContain("10.1\tReview every four years.");
    expect(paragraphs).toContain("Act 9: Rights, return and reintegration");
    const md = await (await api(server, "GET", `${base}?format=md`, undefined, chair)).text();
    expect(md).toContain("## Act 10: Governance, implementation and monitoring");
    expect(md).toContain("**10.1** Review every four years.");
    expect(md).toContain("Protection for all \\<script>alert(1)\\</script> migrants.");
    const html = await (await api(server, "GET", `${base}?format=html`, undefined, chair)).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain('<span class="number">10.1</span>');
    expect(html).toContain("@page");
  });
});

describe("restoring a version's text", () => {
  it("is a new forward change everyone receives; the version stays as it was", async () => {
    const roundId = await openRound();
    const writer = await connect(chair);
    clauseText(writer, 1, true)!.insert(0, "Address the adverse drivers of migration.");
    await waitFor("stored", async () => (await liveClauses())[0] === "Address the adverse drivers of migration.");
    const version = versionSummarySchema.parse(await (await freeze(roundId)).json());
    const coordinator = await addMember(server, chair, workspaceId, "coordinator");
    const restoreAs = (user: TestUser) => api(server, "POST", `/api/documents/${documentId}/versions/${version.id}/restore`, undefined, user);
    expect((await restoreAs(chair)).status).toBe(409); // frozen: open the next round first
    await api(server, "POST", `/api/documents/${documentId}/rounds/${roundId}/open-next`, { name: "Revision 1", draftPublished: "2018-03-26" }, chair);
    await waitFor("writer reconnected", () => writer.provider.synced);
    const text = clauseText(writer, 1)!;
    text.delete(0, text.length);
    text.insert(0, "Something else entirely.");
    await waitFor("edit stored", async () => (await liveClauses())[0] === "Something else entirely.");
    const watcher = await connect(chair);
    const rowsBefore = await server.storage.documents.countUpdates(documentId);

    expect((await restoreAs(coordinator)).status).toBe(403);
    expect((await restoreAs(chair)).status).toBe(200);
    expect((await liveClauses())[0]).toBe("Address the adverse drivers of migration.");
    await waitFor("everyone received it", () => textOf(watcher, 1) === "Address the adverse drivers of migration." && textOf(writer, 1) === textOf(watcher, 1));
    expect(await server.storage.documents.countUpdates(documentId)).toBeGreaterThan(rowsBefore);
    const listed = versionListSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/versions`, undefined, chair)).json());
    expect(listed.versions[0]!.sha256).toBe(version.sha256);
  });
});
