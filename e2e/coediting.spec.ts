import { mkdirSync } from "node:fs";
import { test, expect, openStatement, typeAtEndOf, offlineCopyFlushed, expectClause, invitePerson, contextFor } from "./fixtures.js";

test("two people type in different clauses at once and see each other's text and named caret", async ({ browser, statementId, workspace }, testInfo) => {
  const maria = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Maria Santos"));
  const kofi = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Kofi Mensah"));
  const pageMaria = await maria.newPage();
  const pageKofi = await kofi.newPage();
  await openStatement(pageMaria, statementId);
  await openStatement(pageKofi, statementId);

  await Promise.all([
    typeAtEndOf(pageMaria, "1.1", "Address the adverse drivers of migration."),
    typeAtEndOf(pageKofi, "2.1", "Expand regular pathways for work and study."),
  ]);

  await expectClause(pageKofi, "1.1", "Address the adverse drivers of migration.");
  await expectClause(pageMaria, "2.1", "Expand regular pathways for work and study.");
  await expect(pageMaria.locator(".collaboration-carets__label", { hasText: "Kofi Mensah" })).toBeVisible();
  await expect(pageKofi.locator(".collaboration-carets__label", { hasText: "Maria Santos" })).toBeVisible();
  await expect(pageMaria.locator(".presence__person", { hasText: "Kofi Mensah" })).toContainText("clause 2.1");
  await expect(pageKofi.locator(".presence__person", { hasText: "Maria Santos" })).toContainText("clause 1.1");

  // Enter at the end of a clause starts the next one; numbers update for everyone.
  await pageMaria.keyboard.press("Enter");
  await pageMaria.keyboard.type("Recognise mobility as a positive choice.", { delay: 10 });
  await expectClause(pageKofi, "1.2", "Recognise mobility as a positive choice.");
  await expect(pageKofi.locator(".outline__act").first()).toContainText("2 clauses");

  // Moving a clause renumbers it for everyone.
  await pageMaria.keyboard.press("Alt+Shift+ArrowUp");
  await expectClause(pageKofi, "1.1", "Recognise mobility as a positive choice.");
  await expectClause(pageKofi, "1.2", "Address the adverse drivers of migration.");

  // A regional note under Kofi's clause, with its region, appears for Maria.
  await pageKofi.getByRole("combobox", { name: "Region of the new note" }).fill("Africa");
  await pageKofi.getByRole("button", { name: "+ Regional note" }).click();
  await pageKofi.keyboard.type("No regression from the Kampala Convention.", { delay: 10 });
  const note = pageMaria.locator(".statement .regional-note");
  await expect(note).toContainText("No regression from the Kampala Convention.");
  await expect(note.getByRole("combobox", { name: "Region" })).toHaveValue("Africa");
  await expect(pageMaria.locator(".outline__act").nth(1)).toContainText("1 regional note");

  const screenshot = testInfo.outputPath("editor-two-users.png");
  await pageMaria.screenshot({ path: screenshot });
  mkdirSync("reports/screenshots", { recursive: true });
  await pageMaria.screenshot({ path: "reports/screenshots/editor-two-users.png" });
  await testInfo.attach("editor with two users", { path: screenshot, contentType: "image/png" });

  await maria.close();
  await kofi.close();
});

test("edits made offline survive closing the page and merge when back online", async ({ browser, statementId, workspace }) => {
  const maria = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Maria Santos"));
  const kofi = await contextFor(browser, workspace.chair);
  const pageMaria = await maria.newPage();
  const pageKofi = await kofi.newPage();
  await openStatement(pageMaria, statementId);
  await openStatement(pageKofi, statementId);

  await maria.setOffline(true);
  await expect(pageMaria.locator(".connection")).toHaveAttribute("data-state", "offline");
  await typeAtEndOf(pageMaria, "3.1", "Written offline: protection for every migrant.");
  await typeAtEndOf(pageKofi, "4.1", "Written online meanwhile: decent work.");
  await expectClause(pageMaria, "3.1", "Written offline: protection for every migrant.");
  await offlineCopyFlushed(pageMaria, statementId);
  await expectClause(pageKofi, "3.1", "");
  await pageMaria.close();

  await maria.setOffline(false);
  const reopened = await maria.newPage();
  await openStatement(reopened, statementId);
  for (const page of [reopened, pageKofi]) {
    await expectClause(page, "3.1", "Written offline: protection for every migrant.");
    await expectClause(page, "4.1", "Written online meanwhile: decent work.");
  }
  // Nothing duplicated by the merge.
  await expect(reopened.locator(".statement .act")).toHaveCount(10);
  await expect(pageKofi.locator(".statement .clause")).toHaveCount(10);
  await maria.close();
  await kofi.close();
});

test("a statement that does not exist says so instead of retrying forever", async ({ browser, workspace }) => {
  const context = await contextFor(browser, workspace.chair);
  const page = await context.newPage();
  await page.goto("/d/abcdefghijklmnop");
  await expect(page.getByRole("heading", { name: "Statement not found" })).toBeVisible();
  await context.close();
});
