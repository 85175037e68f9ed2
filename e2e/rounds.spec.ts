import { mkdirSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import { test, expect, openStatement, typeAtEndOf, expectClause, invitePerson, contextFor, clauseText } from "./fixtures.js";

interface PMJson {
  type: string;
  text?: string;
  content?: PMJson[];
}

/** Clause numbers and texts of a version's ProseMirror JSON, numbered as the editor numbers them. */
function clausesOf(content: PMJson): { number: string; text: string }[] {
  const text = (node: PMJson): string => node.text ?? (node.content ?? []).map(text).join("");
  const clauses: { number: string; text: string }[] = [];
  let act = 0;
  for (const node of content.content ?? []) {
    if (node.type !== "act") continue;
    act += 1;
    let n = 0;
    for (const child of node.content ?? []) if (child.type === "clause") clauses.push({ number: `${act}.${++n}`, text: text(child) });
  }
  return clauses;
}

test("a chair freezes while a coordinator types, opens the next round, compares and exports", async ({ browser, statementId, workspace }) => {
  const chairContext = await contextFor(browser, workspace.chair);
  const coordinatorContext = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Maria Coordinator"));
  const history = await chairContext.newPage();
  history.on("dialog", (dialog) => void dialog.accept());

  await history.goto(`/d/${statementId}/history`);
  await history.getByRole("textbox", { name: "Round name" }).fill("Zero draft");
  await history.getByLabel("Date of the governments' draft").fill("2018-02-05");
  await history.getByRole("button", { name: "Open a round" }).click();
  await expect(history.locator(".rounds__item", { hasText: "Zero draft" })).toContainText("Drafting");

  const chair = await chairContext.newPage();
  const coordinator = await coordinatorContext.newPage();
  await openStatement(chair, statementId);
  await openStatement(coordinator, statementId);
  await typeAtEndOf(coordinator, "2.1", "Expand regular pathways.");
  await expectClause(chair, "2.1", "Expand regular pathways.");

  // The coordinator keeps typing while the chair freezes.
  const typing = coordinator.keyboard.type(" More words typed during the freeze", { delay: 60 });
  await coordinator.waitForTimeout(300);
  const clicked = Date.now();
  await history.getByRole("button", { name: "Freeze “Zero draft”" }).click();
  for (const page of [chair, coordinator]) {
    await expect(page.getByRole("note", { name: "Round frozen" })).toBeVisible();
    await expect(page.locator(".statement")).toHaveAttribute("aria-readonly", "true");
  }
  const readOnlyAfterMs = Date.now() - clicked;
  await typing;
  await expect(history.locator(".rounds__item", { hasText: "Zero draft" })).toContainText("Frozen");
  const versionId = await history.getByRole("link", { name: "Open version" }).getAttribute("href").then((href) => href!.split("/").at(-1)!);

  // The version is what the server had acknowledged: the chair's view of clause 2.1 at the freeze.
  const version = (await (await chairContext.request.get(`/api/documents/${statementId}/versions/${versionId}`)).json()) as { content: PMJson };
  const frozenClauses = clausesOf(version.content);
  expect(frozenClauses.find((c) => c.number === "2.1")!.text.startsWith("Expand regular pathways.")).toBe(true);
  expect(await clauseText(chair, "2.1")).toBe(frozenClauses.find((c) => c.number === "2.1")!.text);

  // The chair opens the next round and edits.
  await history.getByRole("textbox", { name: "Round name" }).fill("Zero draft plus");
  await history.getByLabel("Date of the governments' draft").fill("2018-03-05");
  await history.getByRole("button", { name: "Open the next round" }).click();
  await expect(chair.locator(".statement")).toHaveAttribute("aria-readonly", "false");
  await expect(chair.getByRole("note", { name: "Round frozen" })).toHaveCount(0);
  // Whatever the coordinator typed after the freeze was kept and now merges: both converge.
  const coordinatorText = await clauseText(coordinator, "2.1");
  await expect.poll(() => clauseText(chair, "2.1")).toBe(coordinatorText);
  console.info(`kept through the freeze and merged: "${coordinatorText.slice(frozenClauses.find((c) => c.number === "2.1")!.text.length)}"`);
  await typeAtEndOf(chair, "4.1", "Decent work for all migrant workers.");
  await expectClause(coordinator, "4.1", "Decent work for all migrant workers.");

  // Compare the frozen version with the live text: the edit under Act 4, clause 4.1.
  await history.reload();
  await history.getByRole("combobox", { name: "Compare from" }).selectOption({ label: "Zero draft" });
  await history.getByRole("combobox", { name: "Compare with" }).selectOption("live");
  const edited = history.locator('.compare__act[data-act="4"] .compare__item[data-clause="4.1"]');
  await expect(edited.locator("ins")).toContainText("Decent work for all migrant workers.");
  await expect(history.locator(".compare__summary tr", { hasText: "Decent work and labor rights" })).toContainText("6");
  mkdirSync("reports/screenshots", { recursive: true });
  await history.screenshot({ path: "reports/screenshots/compare.png", fullPage: true });

  // The DOCX export of the frozen version, parsed back: every clause number and text matches.
  const docx = await (await chairContext.request.get(`/api/documents/${statementId}/versions/${versionId}?format=docx`)).body();
  const xml = strFromU8(unzipSync(new Uint8Array(docx))["word/document.xml"]!);
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  const docxClauses = paragraphs.map(unescape).filter((p) => /^\d+\.\d+\t/.test(p)).map((p) => ({ number: p.split("\t")[0]!, text: p.slice(p.indexOf("\t") + 1) }));
  expect(docxClauses).toEqual(frozenClauses);
  console.info(`editors read-only ${readOnlyAfterMs} ms after the freeze click`);
  await chairContext.close();
  await coordinatorContext.close();
});

test("edits made offline across a freeze wait for the next round, then merge", async ({ browser, statementId, workspace }) => {
  const chairContext = await contextFor(browser, workspace.chair);
  const coordinatorContext = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Omar Offline"));
  const request = chairContext.request;
  const opened = (await (await request.post(`/api/documents/${statementId}/rounds`, { data: { name: "Draft revision 1", draftPublished: "2018-03-26" } })).json()) as { id: string };
  const coordinator = await coordinatorContext.newPage();
  await openStatement(coordinator, statementId);
  await coordinatorContext.setOffline(true);
  await expect(coordinator.locator(".connection")).toHaveAttribute("data-state", "offline");
  await typeAtEndOf(coordinator, "7.1", "Act against xenophobia.");

  expect((await request.post(`/api/documents/${statementId}/rounds/${opened.id}/freeze`)).status()).toBe(201);
  await coordinatorContext.setOffline(false);
  const banner = coordinator.getByRole("note", { name: "Round frozen" });
  await expect(banner).toContainText("waiting for the next round");
  await expect(coordinator.locator(".statement")).toHaveAttribute("aria-readonly", "true");
  await expect(coordinator.locator(".frozen-banner__pending")).toHaveText(/\d+ changes? waiting for the next round/);

  expect((await request.post(`/api/documents/${statementId}/rounds/${opened.id}/open-next`, { data: { name: "Draft revision 2", draftPublished: "2018-05-28" } })).status()).toBe(201);
  await expect(banner).toHaveCount(0);
  const chair = await chairContext.newPage();
  await openStatement(chair, statementId);
  await expectClause(chair, "7.1", "Act against xenophobia.");
  await chairContext.close();
  await coordinatorContext.close();
});
