import type { Page } from "@playwright/test";
import { test, expect, openStatement, typeAtEndOf, invitePerson, contextFor, clause, offlineCopyFlushed } from "./fixtures.js";

/** Names of this origin's IndexedDB databases. */
function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? ""));
}

/** This origin's localStorage keys that keep a statement. */
function storedStatements(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("drafting.statement:")));
}

test("a removed member's open page turns into 'no longer a member' with nothing to type in, and this device forgets the workspace's statements", async ({ browser, statementId, workspace }) => {
  const person = await invitePerson(browser, workspace, "coordinator", "Rosa Removed");
  const chair = await contextFor(browser, workspace.chair);
  const other = await chair.request.post("/api/documents", { data: { title: "Regional annex", template: "ten-acts", workspaceId: workspace.id } });
  expect(other.status()).toBe(201);
  const otherId = ((await other.json()) as { id: string }).id;

  const context = await contextFor(browser, person);
  const accountId = ((await (await context.request.get("/api/me")).json()) as { account: { id: string } }).account.id;
  const page = await context.newPage();
  // Both statements opened on this device: both are kept for offline use.
  await openStatement(page, otherId);
  await offlineCopyFlushed(page, otherId);
  await openStatement(page, statementId);

  // A thread, so the page has reply boxes.
  await typeAtEndOf(page, "4.1", "Labour rights for everyone.");
  await clause(page, "4.1").evaluate((element) => {
    const text = element.querySelector("p")!.firstChild!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 6);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await page.getByRole("combobox", { name: "New comment" }).fill("Which labour rights?");
  await page.locator(".thread--new").getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByRole("combobox", { name: "Reply" })).toBeVisible();
  await offlineCopyFlushed(page, statementId);
  expect(await databases(page)).toEqual(expect.arrayContaining([`statement:${statementId}`, `statement:${otherId}`]));
  expect(await storedStatements(page)).toHaveLength(2);

  // The chair removes them.
  const removed = await chair.request.delete(`/api/workspaces/${workspace.id}/members/${accountId}`);
  expect(removed.status()).toBe(200);

  await expect(page.getByRole("heading", { name: /no longer a member/i })).toBeVisible();
  await expect(page.locator("textarea, input, select, [contenteditable='true']")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /reply|comment|resolve|edit|delete/i })).toHaveCount(0);
  await expect(page.locator(".statement")).toHaveCount(0);
  await expect.poll(() => databases(page), { message: "the statements' offline copies are deleted" }).not.toEqual(
    expect.arrayContaining([expect.stringMatching(/^statement:/)]),
  );
  expect(await storedStatements(page)).toEqual([]);

  // A reload shows nothing of the statement either.
  await page.reload();
  await expect(page.getByText("Labour rights for everyone.")).toHaveCount(0);
  await expect(page.locator(".statement")).toHaveCount(0);
  await context.close();
  await chair.close();
});

test("removed while their browser was closed: the next visit deletes the workspace's statements from the device", async ({ browser, statementId, workspace }) => {
  const person = await invitePerson(browser, workspace, "reviewer", "Ali Away");
  const chair = await contextFor(browser, workspace.chair);
  const context = await contextFor(browser, person);
  const accountId = ((await (await context.request.get("/api/me")).json()) as { account: { id: string } }).account.id;
  let page = await context.newPage();
  await openStatement(page, statementId);
  await offlineCopyFlushed(page, statementId);
  await page.close();

  expect((await chair.request.delete(`/api/workspaces/${workspace.id}/members/${accountId}`)).status()).toBe(200);
  page = await context.newPage();
  await page.goto("/account");
  await expect.poll(() => databases(page), { message: "the statement's offline copy is deleted" }).not.toContain(`statement:${statementId}`);
  expect(await storedStatements(page)).toEqual([]);
  await page.goto(`/d/${statementId}`);
  await expect(page.getByRole("heading", { name: /not found|no longer a member/i })).toBeVisible();
  await expect(page.locator(".statement")).toHaveCount(0);
  await context.close();
  await chair.close();
});
