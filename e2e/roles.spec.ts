import { mkdirSync } from "node:fs";
import { test, expect, openStatement, typeAtEndOf, expectClause, invitePerson, contextFor, clause } from "./fixtures.js";

test("a chair invites a coordinator by link, sees their edits live, and demotes them to read-only without a reload", async ({ browser, statementId, workspace }) => {
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

  // The chair demotes the coordinator to reviewer on the members page, in another tab.
  const members = await chairContext.newPage();
  await members.goto("/members");
  await members.getByRole("combobox", { name: "Role of Rosa Delgado" }).selectOption("reviewer");
  await expect(members.getByRole("combobox", { name: "Role of Rosa Delgado" })).toHaveValue("reviewer");

  // Maria's open editor turns read-only, without a reload.
  await expect(coordinator.getByRole("note")).toContainText("Read only");
  await expect(coordinator.locator(".statement")).toHaveAttribute("aria-readonly", "true");
  await expect(coordinator.locator(".topbar .badge")).toHaveText("Reviewer");
  await clause(coordinator, "5.1").click();
  await coordinator.keyboard.type(" typed after demotion");
  await expectClause(coordinator, "5.1", "Firewalls between services and enforcement.");
  await expectClause(chair, "5.1", "Firewalls between services and enforcement.");
  await coordinator.screenshot({ path: "reports/screenshots/read-only-after-demotion.png" });
  await chairContext.close();
  await coordinatorContext.close();
});

test("a reviewer sees a read-only editor, with everyone's presence", async ({ browser, statementId, workspace }) => {
  const reviewer = await contextFor(browser, await invitePerson(browser, workspace, "reviewer", "Lena Reviewer"));
  const chairContext = await contextFor(browser, workspace.chair);
  const page = await reviewer.newPage();
  const chair = await chairContext.newPage();
  await openStatement(page, statementId);
  await openStatement(chair, statementId);
  await expect(page.getByRole("note")).toContainText("Read only: as reviewer");
  await expect(page.locator(".statement")).toHaveAttribute("aria-readonly", "true");
  await expect(page.locator(".toolbar--readonly")).toBeVisible();
  await typeAtEndOf(chair, "3.1", "Protection for all.");
  await expectClause(page, "3.1", "Protection for all.");
  await expect(page.locator(".presence__person", { hasText: "Amina Chair" })).toBeVisible();
  await reviewer.close();
  await chairContext.close();
});
