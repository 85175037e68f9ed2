import { test, expect, openStatement, invitePerson, contextFor } from "./fixtures.js";
import { card } from "./commentHelpers.js";

const TITLE = "Now and How: Ten Acts for the Global Compact";

test("a reviewer, by keyboard only, tabs into the text, selects words and comments on them", async ({ browser, statementId, workspace }) => {
  const context = await contextFor(browser, await invitePerson(browser, workspace, "reviewer", "Lena Reviewer"));
  const reviewer = await context.newPage();
  await openStatement(reviewer, statementId);
  const text = reviewer.locator(".statement");

  // Tab from the top of the page until the statement has focus.
  await reviewer.locator("body").focus();
  for (let i = 0; i < 40; i++) {
    await reviewer.keyboard.press("Tab");
    if (await text.evaluate((element) => element === document.activeElement)) break;
  }
  await expect(text).toBeFocused();
  // Reviewers suggest: the text takes keys (what they type becomes suggestions; see suggesting.spec.ts).
  await expect(text).toHaveAttribute("aria-readonly", "false");

  // Shift+arrows select "Now and How", Ctrl+Alt+M opens the comment box for it.
  await reviewer.keyboard.press("Control+Home");
  // Up to the title's first line, then its start (in editable text the caret moves by lines).
  for (let i = 0; i < 6; i++) await reviewer.keyboard.press("ArrowUp");
  await reviewer.keyboard.press("Home");
  for (let i = 0; i < "Now and How".length; i++) await reviewer.keyboard.press("Shift+ArrowRight");
  await reviewer.keyboard.press("Control+Alt+M");
  const box = reviewer.getByRole("combobox", { name: "New comment" });
  await expect(box).toBeFocused();
  await expect(reviewer.locator(".thread--new .thread__quote")).toHaveText("Now and How");
  await reviewer.keyboard.type("Shorter, please.");
  await reviewer.keyboard.press("Control+Enter");

  const thread = card(reviewer, "Now and How");
  await expect(thread).toContainText("Shorter, please.");
  // Focus returns to the text, at the words commented on.
  await expect(text).toBeFocused();
  await expect(thread.locator(".thread__place")).toHaveText("Title");
  await expect(reviewer.locator(".statement h1 .comment-mark")).toHaveText("Now and How");
  await expect(reviewer.locator(".statement h1")).toHaveText(TITLE);
  await context.close();
});

test("pressing Comment with nothing selected says what to do, politely and to screen readers", async ({ browser, statementId, workspace }) => {
  const context = await contextFor(browser, await invitePerson(browser, workspace, "reviewer", "Lena Reviewer"));
  const reviewer = await context.newPage();
  await openStatement(reviewer, statementId);
  const status = reviewer.getByRole("status").filter({ hasText: "Select the words" });
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(status).toHaveText("Select the words you want to comment on first, then press Comment.");
  await expect(status).toHaveAttribute("aria-live", "polite");
  await expect(reviewer.getByRole("combobox", { name: "New comment" })).toHaveCount(0);

  // The same from the keyboard; selecting words then clears the hint.
  await reviewer.locator(".statement").focus();
  await reviewer.keyboard.press("Control+Home");
  await reviewer.keyboard.press("Control+Alt+M");
  await expect(status).toBeVisible();
  await reviewer.keyboard.press("Shift+ArrowRight");
  await expect(status).toHaveCount(0);
  await reviewer.keyboard.press("Control+Alt+M");
  await expect(reviewer.getByRole("combobox", { name: "New comment" })).toBeFocused();
  await context.close();
});
