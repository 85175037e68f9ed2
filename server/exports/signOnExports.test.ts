import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { versionSummarySchema } from "../../shared/api.js";
import type { RunningServer } from "../app.js";
import { readDocx, readMarkdown } from "../testing/readExports.js";
import { storedContent, typeSignatories } from "../testing/statementText.js";
import * as Y from "yjs";
import { api, connectClient, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, waitFor, type TestUser } from "../testing/testServer.js";

/** Words an organisation's name may carry: XML, HTML and Markdown specials. */
const HOSTILE = `<b>&amp;"'</b> ]]> *x* _y_ # [z](javascript:1)`;

let dataDir: string;
let server: RunningServer;
let chair: TestUser;
let documentId: string;
let versionId: string;

const chairPath = (rest: string) => `/api/documents/${documentId}/versions/${versionId}/sign-on${rest}`;
const exported = (format: "md" | "html" | "docx") => api(server, "GET", `/api/documents/${documentId}/versions/${versionId}?format=${format}`, undefined, chair);

async function addByHand(organisation: string, country: string, region: string): Promise<string> {
  const response = await api(server, "POST", chairPath("/entries"), { organisation, country, region, type: "ngo", consentPublish: true }, chair);
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The Markdown blocks from the signatories heading on. */
async function signatoriesInMarkdown() {
  const blocks = readMarkdown(await (await exported("md")).text());
  return blocks
    .slice(blocks.findIndex((b) => b.type === "heading" && b.text === "Signatory organisations"))
    .filter((b) => b.type !== "html_block")
    .map((b) => (b.type === "bullet_list" ? b.items : b.text));
}

describe("a version's approved signatories in its exports", () => {
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, storageSetups[0]!, 0, {});
    ({ chair } = await setUpWorkspace(server));
    // A French statement with one organisation typed in its signatories section, frozen.
    documentId = (await createTestDocument(server, chair, { title: "Déclaration", template: "ten-acts", language: "fr" })).id;
    const writer = await connectClient(server, documentId, chair);
    typeSignatories(writer.content, ["Typed Before Sign-on"]);
    await waitFor("the typed name stored", () => storedContent(dataDir, documentId).includes("Typed Before Sign-on"));
    writer.destroy();
    const round = (await (await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json()) as { id: string };
    versionId = versionSummarySchema.parse(await (await api(server, "POST", `/api/documents/${documentId}/rounds/${round.id}/freeze`, undefined, chair)).json()).id;
  });
  afterAll(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  it("keeps the typed list while no entry is approved, then lists the approved ones by region then country, with counts, in the statement's language", async () => {
    expect(await signatoriesInMarkdown()).toEqual(["Signatory organisations", ["Typed Before Sign-on"]]);
    const rejected = await addByHand("Rejected Org", "BR", "Latin America");
    expect((await api(server, "POST", chairPath(`/entries/${rejected}/reject`), {}, chair)).status).toBe(200);
    expect(await signatoriesInMarkdown()).toEqual(["Signatory organisations", ["Typed Before Sign-on"]]);

    await addByHand("Zeta Kenya", "KE", "Africa");
    await addByHand("Alpha Kenya", "KE", "Africa");
    await addByHand("Berlin Verein", "DE", "Europe");
    await addByHand(HOSTILE, "FR", "Europe");
    await addByHand("Lagos Network", "NG", "Africa");
    const expected = [
      "Signatory organisations",
      "5 organisations",
      "Afrique (3 organisations)",
      "Kenya (2 organisations)",
      ["Alpha Kenya", "Zeta Kenya"],
      "Nigéria (1 organisation)",
      ["Lagos Network"],
      "Europe (2 organisations)",
      "Allemagne (1 organisation)",
      ["Berlin Verein"],
      "France (1 organisation)",
      [HOSTILE],
    ];
    expect(await signatoriesInMarkdown()).toEqual(expected);

    // The regions are named in the statement's language too (French here).
    // DOCX: the same paragraphs in the same order, the hostile name as written.
    const docx = await exported("docx");
    expect(docx.status).toBe(200);
    const paragraphs = readDocx(new Uint8Array(await docx.arrayBuffer())).map((p) => p.text);
    const from = paragraphs.indexOf("Signatory organisations");
    expect(paragraphs.slice(from, from + 13)).toEqual(expected.flat());
    expect(paragraphs).not.toContain("Typed Before Sign-on");
    expect(paragraphs).not.toContain("Rejected Org");

    // HTML: headings per region and country, the name escaped.
    const html = await (await exported("html")).text();
    expect(html).toContain("Kenya (2 organisations)");
    expect(html).toContain("&lt;b&gt;&amp;amp;");
    expect(html).not.toContain("<b>&amp;");
    expect(html).not.toContain("Rejected Org");
  });

  it("puts entries without a region or country (typed before sign-on) last, under labels saying so", async () => {
    // Opening sign-on makes the typed name an approved entry without region or country.
    expect((await api(server, "POST", chairPath("/open"), undefined, chair)).status).toBe(200);
    const listed = await signatoriesInMarkdown();
    expect(listed.slice(1, 2)).toEqual(["6 organisations"]);
    expect(listed.slice(-3)).toEqual(["Région non indiquée (1 organisation)", "Pays non indiqué (1 organisation)", ["Typed Before Sign-on"]]);
  });

  it("once sign-on was opened, lists the entries even when none is approved: never the typed names again", async () => {
    const entries = (await (await api(server, "GET", chairPath(""), undefined, chair)).json()) as { entries: { id: string; status: string }[] };
    for (const entry of entries.entries.filter((e) => e.status === "approved")) {
      expect((await api(server, "POST", chairPath(`/entries/${entry.id}/reject`), {}, chair)).status).toBe(200);
    }
    expect(await signatoriesInMarkdown()).toEqual(["Signatory organisations", "0 organisation"]);
    const markdown = await (await exported("md")).text();
    expect(markdown).not.toContain("Typed Before Sign-on");
    expect(markdown).not.toContain("Rejected Org");
    const paragraphs = readDocx(new Uint8Array(await (await exported("docx")).arrayBuffer())).map((p) => p.text);
    expect(paragraphs).not.toContain("Typed Before Sign-on");
  });

  it("adds the list after the last Act when the statement has no signatories section", async () => {
    documentId = (await createTestDocument(server, chair, { title: "Sans signataires", template: "ten-acts", language: "fr" })).id;
    const writer = await connectClient(server, documentId, chair);
    const index = writer.content.toArray().findIndex((n) => n instanceof Y.XmlElement && n.nodeName === "signatories");
    expect(index).toBeGreaterThan(0);
    writer.content.delete(index, 1);
    await waitFor("the section removed", () => !storedContent(dataDir, documentId).includes("<signatories"));
    writer.destroy();
    const round = (await (await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2018-02-05" }, chair)).json()) as { id: string };
    versionId = versionSummarySchema.parse(await (await api(server, "POST", `/api/documents/${documentId}/rounds/${round.id}/freeze`, undefined, chair)).json()).id;
    expect((await api(server, "POST", chairPath("/open"), undefined, chair)).status).toBe(200);
    await addByHand("Lagos Network", "NG", "Africa");
    const blocks = readMarkdown(await (await exported("md")).text()).filter((b) => b.type !== "html_block");
    const heading = blocks.findIndex((b) => b.type === "heading" && b.text === "Organisations signataires");
    expect(heading).toBeGreaterThan(0);
    // After the tenth Act's last clause, nothing between.
    const lastAct = blocks.findLastIndex((b) => b.type === "heading" && /^Acte 10/.test(b.text ?? ""));
    expect(lastAct).toBeGreaterThan(0);
    expect(lastAct).toBeLessThan(heading);
    expect(blocks.slice(heading, heading + 5).map((b) => (b.type === "bullet_list" ? b.items : b.text))).toEqual([
      "Organisations signataires",
      "1 organisation",
      "Afrique (1 organisation)",
      "Nigéria (1 organisation)",
      ["Lagos Network"],
    ]);
  });
});
