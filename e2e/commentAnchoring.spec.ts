import { test, expect, typeAtEndOf, expectClause, clause, openStatementAs } from "./fixtures.js";
import { card, commentOnSelection, selectWords } from "./commentHelpers.js";

test("deleting commented words: the deleting screen marks the thread 'Text deleted' and moves no highlight, like everyone else's", async ({ browser, statementId, workspace }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Kofi Coordinator");
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Lena Reviewer");

  const sentence = "Returns follow due process with independent monitoring.";
  await typeAtEndOf(coordinator, "9.1", sentence);
  await coordinator.getByLabel("Region of the new note").fill("Africa");
  await coordinator.getByRole("button", { name: "+ Regional note" }).click();
  await coordinator.keyboard.type("Reintegration support must be funded.", { delay: 5 });
  const note = coordinator.locator(".statement .regional-note").first();
  await expect(note).toContainText("Reintegration support must be funded.");
  await expectClause(reviewer, "9.1", sentence);
  await expect(reviewer.locator(".statement .regional-note").first()).toContainText("Reintegration support must be funded.");

  await selectWords(reviewer, "9.1", "independent monitoring");
  await commentOnSelection(reviewer, "Name who monitors.");
  await expect(clause(coordinator, "9.1").locator(".comment-mark")).toHaveText("independent monitoring");
  await expect(card(coordinator, "independent monitoring")).toContainText("Clause 9.1");

  // The coordinator selects exactly those words from the keyboard and deletes them.
  await clause(coordinator, "9.1").locator("p").last().click();
  await coordinator.keyboard.press("End");
  await coordinator.keyboard.press("ArrowLeft");
  for (let i = 0; i < "independent monitoring".length; i++) await coordinator.keyboard.press("Shift+ArrowLeft");
  await expect.poll(() => coordinator.evaluate(() => window.getSelection()?.toString())).toBe("independent monitoring");
  await coordinator.keyboard.press("Backspace");
  await expectClause(coordinator, "9.1", "Returns follow due process with .");

  // Both screens agree: no highlight anywhere, the thread says its words are gone.
  for (const page of [reviewer, coordinator]) {
    await expectClause(page, "9.1", "Returns follow due process with .");
    await expect(card(page, "independent monitoring")).toContainText("Text deleted");
    await expect(page.locator(".statement .comment-mark")).toHaveCount(0);
  }
  // Undo brings the words back as new text: the thread stays "Text deleted" on both screens
  // alike (only the undoing browser could tell they are the same words; after a reload
  // it could not either), with no highlight anywhere.
  await coordinator.keyboard.press("Control+z");
  for (const page of [coordinator, reviewer]) {
    await expectClause(page, "9.1", sentence);
    await expect(card(page, "independent monitoring")).toContainText("Text deleted");
    await expect(page.locator(".statement .comment-mark")).toHaveCount(0);
  }
  await coordinator.keyboard.press("Control+Shift+z");
  await expectClause(reviewer, "9.1", "Returns follow due process with .");
  await expectClause(coordinator, "9.1", "Returns follow due process with .");

  // And typing on afterwards (more local transactions) changes nothing of that.
  await coordinator.keyboard.type("oversight", { delay: 5 });
  await expectClause(reviewer, "9.1", "Returns follow due process with oversight.");
  await expect(coordinator.locator(".statement .comment-mark")).toHaveCount(0);
  await expect(card(coordinator, "independent monitoring")).toContainText("Text deleted");

  await coordinatorContext.close();
  await reviewerContext.close();
});
