import type { Page } from "@playwright/test";
import { test, expect, contextFor, invitePerson } from "./fixtures.js";

/** Dates written as ISO days, numeric days ("12/7/2026") or times with seconds: the formats the pages once mixed. */
const otherFormats = [/\b\d{4}-\d{2}-\d{2}\b/, /\b\d{1,2}\/\d{1,2}\/\d{4}\b/, /\b\d{1,2}:\d{2}:\d{2}\b/];
/** The one format: "Nov 30, 2026" in English, with "12:09 PM" when the time matters. */
const oneFormat = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/;

async function expectOneDateFormat(page: Page, where: string): Promise<string> {
  const text = await page.locator("main").innerText();
  for (const pattern of otherFormats) expect(text, `${where} shows a date as ${pattern}`).not.toMatch(pattern);
  return text;
}

test("every page shows dates in one format: a round's freeze, a version, a pending invitation, an invitation link", async ({ browser, statementId, workspace }) => {
  await invitePerson(browser, workspace, "reviewer", "Nadia Haddad");
  const chair = await contextFor(browser, workspace.chair);
  const round = (await (await chair.request.post(`/api/documents/${statementId}/rounds`, { data: { name: "Zero draft", draftPublished: "2018-02-05" } })).json()) as { id: string };
  const frozen = await chair.request.post(`/api/documents/${statementId}/rounds/${round.id}/freeze`);
  expect(frozen.status()).toBe(201);
  const { id: versionId } = (await frozen.json()) as { id: string };
  const invite = (await (await chair.request.post(`/api/workspaces/${workspace.id}/invites`, { data: { role: "observer", note: "Omar" } })).json()) as { path: string };

  const page = await chair.newPage();
  await page.goto(`/d/${statementId}/history`);
  await expect(page.getByText("Frozen", { exact: false }).first()).toBeVisible();
  expect(await expectOneDateFormat(page, "history")).toMatch(oneFormat);

  await page.goto(`/d/${statementId}/versions/${versionId}`);
  await expect(page.getByText(/Frozen .* by/)).toBeVisible();
  expect(await expectOneDateFormat(page, "version")).toMatch(oneFormat);

  await page.goto("/members");
  await expect(page.getByText("For Omar")).toBeVisible();
  expect(await expectOneDateFormat(page, "members")).toMatch(oneFormat);

  const stranger = await browser.newContext();
  const invitation = await stranger.newPage();
  await invitation.goto(invite.path);
  await expect(invitation.getByText(/expires/)).toBeVisible();
  const text = await invitation.locator("body").innerText();
  for (const pattern of otherFormats) expect(text, `invitation shows a date as ${pattern}`).not.toMatch(pattern);
  expect(text).toMatch(oneFormat);
  await stranger.close();
  await chair.close();
});
