import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { RunningServer } from "../app.js";
import { threadListSchema, threadSchema } from "../../shared/api.js";
import { anchorOn } from "../testing/anchorOn.js";
import { NodeName } from "../../shared/schema/names.js";
import { api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, tempDataDir, type TestClient, type TestUser } from "../testing/testServer.js";

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


/** The Yjs text of the first top-level block named `nodeName` (created when empty). */
function topText(client: TestClient, nodeName: string, nth = 0): Y.XmlText {
  const block = client.content.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === nodeName)[nth]!;
  const first = block.get(0);
  if (first instanceof Y.XmlText) return first;
  const text = new Y.XmlText();
  block.insert(0, [text]);
  return text;
}

describe("comments on any text of the statement", () => {
  it("accepts threads on the title, the preamble, an Act's title, a regional note and a signatory organisation, outside any clause", async () => {
    const documentId = (await createTestDocument(server, chair)).id;
    const writer = await connectClient(server, documentId, chair);
    clients.push(writer);
    const title = topText(writer, "heading").toString();
    expect(title.length).toBeGreaterThan(3);
    topText(writer, "paragraph").insert(0, "We, the undersigned organisations, call on States.");

    // A regional note under clause 9.1, as the editor would add it.
    const act9 = writer.content.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.act)[8]!;
    writer.doc.transact(() => {
      const note = new Y.XmlElement(NodeName.regionalNote);
      const noteParagraph = new Y.XmlElement("paragraph");
      act9.insert(act9.length, [note]);
      note.setAttribute("region", "Africa");
      note.insert(0, [noteParagraph]);
      noteParagraph.insert(0, [new Y.XmlText("Reintegration support must be funded.")]);
    });
    // An organisation in the signatories section, as typed into its first entry.
    const signatory = writer.content
      .toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.signatories)[0]!
      .toArray()[0] as Y.XmlElement;
    writer.doc.transact(() => signatory.insert(0, [new Y.XmlText("Migrant Forum in Asia")]));

    const cases: { words: string; act: number | null }[] = [
      { words: title.slice(0, 3), act: null },
      { words: title.slice(1), act: null },
      { words: "the undersigned", act: null },
      { words: "Rights, return", act: 9 },
      { words: "Reintegration support", act: 9 },
      { words: "Migrant Forum", act: null },
    ];
    for (const { words, act } of cases) {
      const anchor = anchorOn(writer, words);
      const post = () => api(server, "POST", `/api/documents/${documentId}/comments`, { body: `On ${words}`, anchor, quote: words }, chair);
      // The writer's edits reach the server asynchronously: retry while it has not seen them.
      let response = await post();
      for (let tries = 0; response.status === 400 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        response = await post();
      }
      expect(response.status, `${words}: ${await response.clone().text()}`).toBe(201);
      const created = threadSchema.parse(await response.json());
      expect(created).toMatchObject({ detached: false, currentQuote: words, clause: null });
      expect(created.act?.number ?? null).toBe(act);
    }
    const listed = threadListSchema.parse(await (await api(server, "GET", `/api/documents/${documentId}/comments`, undefined, chair)).json()).threads;
    expect(listed.map((t) => t.currentQuote).sort()).toEqual(cases.map((c) => c.words).sort());
  });
});
