/**
 * A version frozen with a pending suggestion: the export menu downloads the clean text by
 * default and, on request, a DOCX whose suggestion is Word's own tracked change; the
 * version page shows the suggestion and lists it.
 */
import { strFromU8, unzipSync } from "fflate";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import type { Page } from "@playwright/test";
import { COLLAB_PATH, CONTENT_FIELD } from "../shared/protocol.js";
import { NodeName } from "../shared/schema/names.js";
import { SuggestionMark, newSuggestionId } from "../shared/suggestions.js";
import { test, expect, contextFor, invitePerson, openStatement, typeAtEndOf, expectClause, tokenFor } from "./fixtures.js";

/** The text of the first clause of Act `act` in a stock client's copy. */
function firstClauseText(doc: Y.Doc, act: number): Y.XmlText | null {
  const acts = doc
    .getXmlFragment(CONTENT_FIELD)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.act);
  const clause = acts[act - 1]?.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === NodeName.clause);
  const text = (clause?.get(0) as Y.XmlElement | undefined)?.get(0);
  return text instanceof Y.XmlText ? text : null;
}

/** Click an export link and read the file it downloads. */
async function download(page: Page, link: ReturnType<Page["getByRole"]>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of (await file.createReadStream()) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const documentXml = (docx: Buffer) => strFromU8(unzipSync(new Uint8Array(docx))["word/document.xml"]!);

test("a version frozen with a pending suggestion exports the clean text by default and Word tracked changes on request", async ({ browser, statementId, workspace, server }) => {
  const chairContext = await contextFor(browser, workspace.chair);
  const reviewer = await invitePerson(browser, workspace, "reviewer", "Ngozi Exportsuggester");
  const reviewerContext = await contextFor(browser, reviewer);
  const reviewerId = ((await (await reviewerContext.request.get("/api/me")).json()) as { account: { id: string } }).account.id;
  await reviewerContext.close();

  const history = await chairContext.newPage();
  history.on("dialog", (dialog) => void dialog.accept());
  await history.goto(`/d/${statementId}/history`);
  await history.getByRole("textbox", { name: "Round name" }).fill("Suggestion draft");
  await history.getByLabel("Date of the governments' draft").fill("2018-02-05");
  await history.getByRole("button", { name: "Open a round" }).click();
  await expect(history.locator(".rounds__item", { hasText: "Suggestion draft" })).toContainText("Drafting");

  const chair = await chairContext.newPage();
  await openStatement(chair, statementId);
  await typeAtEndOf(chair, "3.1", "Protect migrant workers.");
  await expectClause(chair, "3.1", "Protect migrant workers.");

  // The reviewer suggests "every" for "migrant" through a stock Yjs client with their token.
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace("http", "ws")}${COLLAB_PATH}`, statementId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: await tokenFor(server.url, reviewer, "suggestion exports test") },
  });
  await expect.poll(() => firstClauseText(doc, 3)?.toString() ?? "").toBe("Protect migrant workers.");
  const id = newSuggestionId(reviewerId);
  doc.transact(() => {
    const text = firstClauseText(doc, 3)!;
    text.format("Protect ".length, "migrant".length, { [SuggestionMark.deletion]: { id } });
    text.insert("Protect migrant".length, "every", { [SuggestionMark.insertion]: { id } });
  });
  await expect(chair.locator('.clause[data-number="3.1"] ins')).toHaveText("every");
  await expect.poll(async () => ((await (await chairContext.request.get(`/api/documents/${statementId}/suggestions`)).json()) as { suggestions: unknown[] }).suggestions.length).toBe(1);
  provider.destroy();
  doc.destroy();

  await history.getByRole("button", { name: "Freeze “Suggestion draft”" }).click();
  const round = history.locator(".rounds__item", { hasText: "Suggestion draft" });
  await expect(round).toContainText("Frozen");

  // The export menu: clean text unless suggestions are asked for.
  const exports = round.getByRole("group", { name: "Export" });
  const docxLink = exports.getByRole("link", { name: "DOCX" });
  const clean = documentXml(await download(history, docxLink));
  expect(clean).toContain("Protect migrant workers.");
  expect(clean).not.toContain("every");
  expect(clean).not.toMatch(/<w:ins |<w:del /);
  const markdown = (await download(history, exports.getByRole("link", { name: "Markdown" }))).toString("utf8");
  expect(markdown).toContain("Protect migrant workers.");

  const choice = exports.getByRole("checkbox", { name: "with suggestions marked (tracked changes)" });
  await choice.focus();
  await history.keyboard.press("Space");
  await expect(choice).toBeChecked();
  const marked = documentXml(await download(history, docxLink));
  expect(marked).toMatch(/<w:del w:id="\d+" w:author="Ngozi Exportsuggester" w:date="[^"]+">.*?<w:delText[^>]*>migrant<\/w:delText>.*?<\/w:del>/);
  expect(marked).toMatch(/<w:ins w:id="\d+" w:author="Ngozi Exportsuggester" w:date="[^"]+">.*?<w:t[^>]*>every<\/w:t>.*?<\/w:ins>/);
  expect((await download(history, exports.getByRole("link", { name: "Markdown" }))).toString("utf8")).toContain("Protect {~~migrant~>every~~} workers.");

  // The version page shows the suggestion in the text and lists it, at phone width too.
  await history.getByRole("link", { name: "Open version" }).click();
  const listed = history.locator(".version__suggestion");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText("Replacement");
  await expect(listed).toContainText("Ngozi Exportsuggester");
  await expect(listed.locator("del")).toHaveText("migrant");
  await expect(listed.locator("ins")).toHaveText("every");
  const text = history.frameLocator("iframe.version__page");
  await expect(text.locator("del.suggested-deletion")).toHaveText("migrant");
  await expect(text.locator("ins.suggested-insertion")).toHaveAttribute("title", "Suggested by Ngozi Exportsuggester");
  await history.setViewportSize({ width: 390, height: 800 });
  expect(await history.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await chairContext.close();
});
