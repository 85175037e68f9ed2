import { mkdirSync } from "node:fs";
import { test, expect, openStatement, typeAtEndOf, expectClause, invitePerson, contextFor, clause } from "./fixtures.js";

test("a chair invites a coordinator by link, sees their edits live, and demotes them to observer (read-only) without a reload", async ({ browser, statementId, workspace }) => {
  const chairContext = await contextFor(browser, workspace.chair);
  const chair = await chairContext.newPage();

  // The chair creates the invitation on the members page.
  await chair.goto("/members");
  await chair.getByRole("combobox", { name: "Role", exact: true }).selectOption("coordinator");
  await chair.getByRole("button", { name: "Create invitation link" }).click();
  const link = await chair.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toContain("/invite/");
  mkdirSync("reports/screenshots", { recursive: true });
  await chair.screenshot({ path: "reports/screenshots/members-page.png", fullPage: true });

  // The coordinator accepts in another browser, creating their account.
  const coordinatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  await coordinator.goto(link);
  await expect(coordinator.getByText("as Coordinator")).toBeVisible();
  await coordinator.getByLabel("Your name").fill("Rosa Delgado");
  await coordinator.getByLabel("Email").fill("rosa.delgado@example.org");
  await coordinator.getByLabel("Choose a password").fill("rosa-password");
  await coordinator.getByRole("button", { name: "Join" }).click();
  await expect(coordinator.getByRole("heading", { name: "Statements" })).toBeVisible();
  await coordinator.getByRole("link", { name: /Now and How: Ten Acts/ }).first().click();
  await expect(coordinator.locator(".connection")).toHaveAttribute("data-state", "connected");

  await openStatement(chair, statementId);
  await typeAtEndOf(coordinator, "5.1", "Firewalls between services and enforcement.");
  await expectClause(chair, "5.1", "Firewalls between services and enforcement.");
  await expect(chair.locator(".presence__person", { hasText: "Rosa Delgado" })).toBeVisible();

  // The chair demotes the coordinator to observer on the members page, in another tab.
  const members = await chairContext.newPage();
  await members.goto("/members");
  await members.getByRole("combobox", { name: "Role of Rosa Delgado" }).selectOption("observer");
  await expect(members.getByRole("combobox", { name: "Role of Rosa Delgado" })).toHaveValue("observer");

  // Maria's open editor turns read-only, without a reload.
  await expect(coordinator.getByRole("note")).toContainText("Read only");
  await expect(coordinator.locator(".statement")).toHaveAttribute("aria-readonly", "true");
  await expect(coordinator.locator(".topbar .badge")).toHaveText("Observer");
  await clause(coordinator, "5.1").click();
  await coordinator.keyboard.type(" typed after demotion");
  await expectClause(coordinator, "5.1", "Firewalls between services and enforcement.");
  await expectClause(chair, "5.1", "Firewalls between services and enforcement.");
  await coordinator.screenshot({ path: "reports/screenshots/read-only-after-demotion.png" });
  await chairContext.close();
  await coordinatorContext.close();
});

test("an observer sees a read-only editor, with everyone's presence; keys that would edit do nothing", async ({ browser, statementId, workspace }) => {
  const reviewer = await contextFor(browser, await invitePerson(browser, workspace, "observer", "Ingrid Solberg-Observer"));
  const chairContext = await contextFor(browser, workspace.chair);
  const page = await reviewer.newPage();
  const chair = await chairContext.newPage();
  await openStatement(page, statementId);
  await openStatement(chair, statementId);
  await expect(page.getByRole("note")).toContainText("Read only: as observer");
  await expect(page.locator(".statement")).toHaveAttribute("aria-readonly", "true");
  await expect(page.locator(".toolbar--readonly")).toBeVisible();
  const title = await page.locator(".statement h1").textContent();
  await page.locator(".statement").focus();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type("xy");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Delete");
  await page.keyboard.press("Backspace");
  await page.keyboard.insertText("as an input method would");
  await expect(page.locator(".statement h1")).toHaveText(title!);
  await expect(page.locator(".statement")).not.toContainText("input method");
  await typeAtEndOf(chair, "3.1", "Protection for all.");
  await expectClause(page, "3.1", "Protection for all.");
  await expect(page.locator(".presence__person", { hasText: "Amina Chair" })).toBeVisible();
  await reviewer.close();
  await chairContext.close();
});
