import { test, expect, openStatementAs, typeAtEndOf, expectClause, clause } from "./fixtures.js";

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
  await suggesting.click();
  await expect(suggesting).toHaveAttribute("aria-pressed", "true");
  await typeAtEndOf(page, "3.1", "Proposed words.");
  await expect(clause(page, "3.1").locator("ins.suggested-insertion")).toHaveText("Proposed words.");
  await page.reload();
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expect(page.getByRole("button", { name: "Suggesting" })).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("Control+Alt+Shift+S");
  await expect(page.getByRole("button", { name: "Editing" })).toHaveAttribute("aria-pressed", "true");
  await context.close();
});
