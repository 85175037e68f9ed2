import { mkdirSync } from "node:fs";
import { test, expect, openStatementAs, typeAtEndOf, expectClause, clause, invitePerson, signIn, openStatement } from "./fixtures.js";

const AGREED = "Safe and regular migration for all.";

test("a reviewer's typing and deleting show live for a coordinator as suggested and struck words; the reviewer cannot change the text plainly", async ({ browser, statementId, workspace }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Yusuf Okonkwo-Suggest");
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Thandiwe Mbeki-Suggest");

  // The agreed text, written by the coordinator (editing).
  await typeAtEndOf(coordinator, "2.1", AGREED);
  await expectClause(reviewer, "2.1", AGREED);

  // The reviewer is told they suggest, and the text takes their keys.
  await expect(reviewer.locator(".readonly-banner--suggesting")).toContainText("Suggesting");
  await expect(reviewer.locator(".statement")).toHaveAttribute("aria-readonly", "false");

  // Typing at the end: a suggested insertion, underlined in the reviewer's colour, with their name on hover.
  await typeAtEndOf(reviewer, "2.1", " Dignified too.");
  const inserted = clause(coordinator, "2.1").locator("ins.suggested-insertion");
  await expect(inserted).toHaveText(" Dignified too.");
  await expect(inserted).toHaveAttribute("title", /Thandiwe Mbeki-Suggest/);
  expect(await inserted.evaluate((element) => getComputedStyle(element).textDecorationLine)).toContain("underline");

  // Deleting the first word: struck, not removed.
  await clause(reviewer, "2.1").locator("p").click();
  await reviewer.keyboard.press("Home");
  for (let i = 0; i < 5; i++) await reviewer.keyboard.press("Delete");
  const struck = clause(coordinator, "2.1").locator("del.suggested-deletion");
  await expect(struck).toHaveText("Safe ");
  expect(await struck.evaluate((element) => getComputedStyle(element).textDecorationLine)).toContain("line-through");
  await expectClause(coordinator, "2.1", `${AGREED} Dignified too.`);

  // Backspace over one's own suggested words takes them back for real.
  await reviewer.keyboard.press("End");
  for (let i = 0; i < " too.".length; i++) await reviewer.keyboard.press("Backspace");
  await expect(inserted).toHaveText(" Dignified");

  // Plain changes through the UI: formatting, splitting a clause. Refused with a notice, nothing sent.
  await reviewer.keyboard.press("Home");
  await reviewer.keyboard.press("Shift+End");
  await reviewer.keyboard.press("Control+b");
  await expect(reviewer.getByRole("status").filter({ hasText: "Formatting cannot be suggested" })).toBeVisible();
  await reviewer.keyboard.press("End");
  for (let i = 0; i < " Dignified".length; i++) await reviewer.keyboard.press("ArrowLeft");
  await reviewer.keyboard.press("ArrowLeft");
  await reviewer.keyboard.press("Enter");
  await expect(reviewer.getByRole("status").filter({ hasText: "Enter at the end of a clause" })).toBeVisible();
  await expect(reviewer.getByRole("button", { name: "Bold", exact: true })).toBeDisabled();
  await expect(clause(coordinator, "2.1").locator("strong")).toHaveCount(0);
  await expect(clause(coordinator, "2.2")).toHaveCount(0);
  await expect(reviewer.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expectClause(coordinator, "2.1", `${AGREED} Dignified`);

  // Enter at the end of the clause: a suggested new clause, marked, its words plain inside it.
  await reviewer.keyboard.press("End");
  await reviewer.keyboard.press("Enter");
  await reviewer.keyboard.type("Firewalls between services and enforcement.", { delay: 10 });
  await expect(clause(coordinator, "2.2")).toHaveClass(/clause--suggested-insertion/);
  await expectClause(coordinator, "2.2", "Firewalls between services and enforcement.");

  // The coordinator accepts the struck word at the cursor: it goes, for everyone.
  await struck.click();
  await coordinator.keyboard.press("Control+Alt+y");
  await expectClause(reviewer, "2.1", "and regular migration for all. Dignified");
  await expect(clause(reviewer, "2.1").locator("del.suggested-deletion")).toHaveCount(0);
  await expect(reviewer.locator(".connection")).toHaveAttribute("data-state", "connected");

  await coordinatorContext.close();
  await reviewerContext.close();
});

test("a coordinator switches to suggesting and back; the choice is kept for the statement", async ({ browser, statementId, workspace }) => {
  const { context, page } = await openStatementAs(browser, workspace, statementId, "coordinator", "Yusuf Okonkwo-Suggest");
  const suggesting = page.getByRole("button", { name: "Suggesting" });
  await expect(suggesting).toHaveAttribute("aria-pressed", "false");
  await typeAtEndOf(page, "3.1", "Agreed words.");
  await suggesting.click();
  await expect(suggesting).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("button", { name: "Italic" })).toBeDisabled();
  await typeAtEndOf(page, "3.1", " Proposed words.");
  await expect(clause(page, "3.1").locator("ins.suggested-insertion")).toHaveText(" Proposed words.");
  await expectClause(page, "3.1", "Agreed words. Proposed words.");
  await page.reload();
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expect(page.getByRole("button", { name: "Suggesting" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Control+Alt+Shift+S");
  await expect(page.getByRole("button", { name: "Editing" })).toHaveAttribute("aria-pressed", "true");
  await context.close();
});

test("at 390 px in Arabic a reviewer suggests by keyboard: the clause bar on the inline-start (right) side, nothing scrolls sideways", async ({ browser, statementId, workspace }) => {
  const person = await invitePerson(browser, workspace, "reviewer", "Rania Khoury-Suggest");
  const context = await browser.newContext({ locale: "ar-EG", viewport: { width: 390, height: 844 } });
  await signIn(context, person);
  const page = await context.newPage();
  await openStatement(page, statementId);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator(".readonly-banner--suggesting")).toBeVisible();
  // Words suggested in an empty clause are the reviewer's suggested words, and the server takes them.
  await typeAtEndOf(page, "4.1", "ن");
  await expect(clause(page, "4.1").locator("ins.suggested-insertion")).toHaveText("ن");
  await expect(page.locator(".toolbar__refused")).toBeEmpty();
  // Enter at its end suggests a new clause; words in it are the reviewer's own.
  await page.keyboard.press("Enter");
  await page.keyboard.type("بند جديد مقترح", { delay: 10 });
  await expect(clause(page, "4.2")).toHaveText("بند جديد مقترح");
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  const suggested = clause(page, "4.2");
  await expect(suggested).toHaveClass(/clause--suggested-insertion/);
  const borders = await suggested.evaluate((element) => ({ right: parseFloat(getComputedStyle(element).borderRightWidth), left: parseFloat(getComputedStyle(element).borderLeftWidth) }));
  expect(borders.right).toBeGreaterThan(0);
  expect(borders.left).toBe(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  mkdirSync("reports/screenshots", { recursive: true });
  await page.screenshot({ path: "reports/screenshots/suggesting-ar-390.png" });
  await context.close();
});
