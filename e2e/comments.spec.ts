import { mkdirSync } from "node:fs";
import { test, expect, typeAtEndOf, expectClause, clause, openStatementAs } from "./fixtures.js";
import { card, selectWords } from "./commentHelpers.js";

test("a reviewer comments on clause 9.2; a coordinator sees it live, replies and resolves; filters follow", async ({ browser, statementId, workspace }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Kofi Coordinator");
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Lena Reviewer");

  await typeAtEndOf(coordinator, "9.1", "Returns follow due process.");
  await coordinator.keyboard.press("Enter");
  await coordinator.keyboard.type("Return must be safe and voluntary, with reintegration support.", { delay: 5 });
  await expectClause(reviewer, "9.2", "Return must be safe and voluntary, with reintegration support.");

  // The reviewer (read-only text) selects words and comments on them.
  await selectWords(reviewer, "9.2", "safe and voluntary");
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  const body = "Add “dignified”, as in the <b>Returns</b> reference group's text.";
  await reviewer.getByRole("combobox", { name: "New comment" }).fill(body);
  await reviewer.locator(".thread--new").getByRole("button", { name: "Comment", exact: true }).click();
  await expect(card(reviewer, "safe and voluntary")).toContainText(body);

  // Live on the coordinator's screen: the highlight on the words, the thread in the sidebar.
  await expect(clause(coordinator, "9.2").locator(".comment-mark")).toHaveText("safe and voluntary");
  const thread = card(coordinator, "safe and voluntary");
  await expect(thread).toContainText("Clause 9.2");
  await expect(thread.locator(".comment__body")).toHaveText(body);
  // Shown as text, never as HTML.
  await expect(thread.locator(".comment__body b")).toHaveCount(0);
  await expect(coordinator.locator(".outline__act").nth(8)).toContainText("1 open");

  // Filter "Act 9, open" shows it.
  await coordinator.getByRole("combobox", { name: "Filter by Act" }).selectOption("9");
  await coordinator.getByRole("combobox", { name: "Filter by status" }).selectOption("open");
  await expect(thread).toBeVisible();

  // Clicking the thread flashes its words.
  await thread.locator(".thread__head").click();
  await expect(clause(coordinator, "9.2").locator(".comment-mark--active")).toBeVisible();

  await thread.getByRole("combobox", { name: "Reply" }).fill("Agreed, adding it.");
  await thread.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(card(reviewer, "safe and voluntary")).toContainText("Agreed, adding it.");
  mkdirSync("reports/screenshots", { recursive: true });
  await coordinator.locator(".workspace__comments").screenshot({ path: "reports/screenshots/comments-sidebar.png" });
  await coordinator.screenshot({ path: "reports/screenshots/editor-with-comments.png" });

  await thread.getByRole("button", { name: "Resolve" }).click();
  // "Act 9, open" no longer shows it; "resolved" does, on both screens.
  await expect(thread).toHaveCount(0);
  await expect(coordinator.locator(".outline__act").nth(8)).not.toContainText("open");
  await coordinator.getByRole("combobox", { name: "Filter by status" }).selectOption("resolved");
  await expect(card(coordinator, "safe and voluntary")).toContainText("Resolved");
  await expect(card(reviewer, "safe and voluntary")).toHaveCount(0);
  await reviewer.getByRole("combobox", { name: "Filter by status" }).selectOption("all");
  await expect(card(reviewer, "safe and voluntary")).toContainText("Resolved");

  await coordinatorContext.close();
  await reviewerContext.close();
});
