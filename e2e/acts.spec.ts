import type { Page } from "@playwright/test";
import { test, expect, openStatement, typeAtEndOf, expectClause, invitePerson, contextFor, clause, signIn, openStatementAs } from "./fixtures.js";
import { selectWords } from "./commentHelpers.js";

/** The outline's Act titles, in order. */
function outlineTitles(page: Page): Promise<string[]> {
  return page.locator(".outline .outline__title").allTextContents();
}

/** The signatory entries as written, without the remote carets drawn inside them. */
function signatoryNames(page: Page): Promise<string[]> {
  return page.locator(".statement .signatory").evaluateAll((entries) =>
    entries.map((entry) => {
      const copy = entry.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
      return copy.textContent ?? "";
    }),
  );
}

/** The Act numbers the editor shows, in order. */
function actNumbers(page: Page): Promise<(string | null)[]> {
  return page.locator(".statement .act").evaluateAll((acts) => acts.map((act) => act.getAttribute("data-number")));
}

const tenTitles = [
  "Drivers of human mobility",
  "Safe pathways for human mobility",
  "Protection",
  "Decent work and labor rights",
  "Decent living conditions and access to justice",
  "Education and skills",
  "Inclusion and action against discrimination",
  "Transnational and sustainable development",
  "Rights, return and reintegration",
  "Governance, implementation and monitoring",
];

test("a blank statement offers to add its first Act; its first clause takes text", async ({ browser, workspace }) => {
  const context = await contextFor(browser, workspace.chair);
  const created = await context.request.post("/api/documents", { data: { title: "A blank page", template: "blank", workspaceId: workspace.id } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const page = await context.newPage();
  await page.goto(`/d/${id}`);
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expect(page.locator(".outline")).toContainText("This statement has no Acts yet.");

  await page.getByRole("button", { name: "Add the first Act" }).click();
  // The cursor is in the new Act's title.
  await page.keyboard.type("Drivers of human mobility", { delay: 10 });
  await expect(page.locator(".outline .outline__title")).toHaveText(["Drivers of human mobility"]);
  await expect(page.locator(".outline")).not.toContainText("no Acts yet");
  await typeAtEndOf(page, "1.1", "States address the adverse drivers of migration.");
  await expectClause(page, "1.1", "States address the adverse drivers of migration.");

  // It is in the shared document: a reload shows it.
  await page.reload();
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expectClause(page, "1.1", "States address the adverse drivers of migration.");
  await expect(page.locator(".statement .act-title")).toHaveText("Drivers of human mobility");
  await context.close();
});

test("a coordinator adds an Act after Act 3 and moves it by keyboard; numbering follows live on another screen", async ({ browser, statementId, workspace }) => {
  const coordinatorContext = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Kofi Coordinator"));
  const chairContext = await contextFor(browser, workspace.chair);
  const coordinator = await coordinatorContext.newPage();
  const chair = await chairContext.newPage();
  await openStatement(coordinator, statementId);
  await openStatement(chair, statementId);
  await typeAtEndOf(coordinator, "4.1", "Labour rights for all workers.");
  await expectClause(chair, "4.1", "Labour rights for all workers.");

  await coordinator.getByRole("button", { name: "Add an Act after Act 3" }).click();
  await coordinator.keyboard.type("Climate and displacement", { delay: 10 });
  const withNew = [...tenTitles.slice(0, 3), "Climate and displacement", ...tenTitles.slice(3)];
  await expect.poll(() => outlineTitles(chair)).toEqual(withNew);
  await expect.poll(() => actNumbers(chair)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
  // The old Act 4 is now Act 5, its clause 5.1; the new Act has an empty clause 4.1.
  await expectClause(chair, "5.1", "Labour rights for all workers.");
  await expectClause(chair, "4.1", "");
  await expect(clause(chair, "11.1")).toHaveCount(1);

  // Keyboard only: move the new Act down one place.
  await coordinator.getByRole("button", { name: "Move Act 4 down" }).focus();
  await coordinator.keyboard.press("Enter");
  const moved = [...tenTitles.slice(0, 4), "Climate and displacement", ...tenTitles.slice(4)];
  await expect.poll(() => outlineTitles(chair)).toEqual(moved);
  await expectClause(chair, "4.1", "Labour rights for all workers.");
  // Focus follows the moved Act, so pressing again keeps moving it.
  await expect(coordinator.getByRole("button", { name: "Move Act 5 down" })).toBeFocused();
  await coordinator.keyboard.press("Enter");
  await expect.poll(() => outlineTitles(chair)).toEqual([...tenTitles.slice(0, 5), "Climate and displacement", ...tenTitles.slice(5)]);
  // The first Act cannot go up, the last cannot go down.
  await expect(coordinator.getByRole("button", { name: "Move Act 1 up" })).toBeDisabled();
  await expect(coordinator.getByRole("button", { name: "Move Act 11 down" })).toBeDisabled();

  // Signatory organisations: a list of entries, typed one per line, counted.
  const signatories = chair.locator(".statement .signatories");
  await expect(signatories.locator(".signatories__heading")).toHaveText("Signatory organisations");
  await expect(signatories.locator(".signatories__count")).toHaveText("0 organisations");
  await coordinator.locator(".statement .signatory").first().click();
  await coordinator.keyboard.type("Migrant Forum in Asia", { delay: 5 });
  await coordinator.keyboard.press("Enter");
  await coordinator.keyboard.type("PICUM", { delay: 5 });
  await expect.poll(() => signatoryNames(chair)).toEqual(["Migrant Forum in Asia", "PICUM"]);
  await expect(signatories.locator(".signatories__count")).toHaveText("2 organisations");
  await expect(chair.locator(".statement ul")).toHaveCount(0);
  await coordinatorContext.close();
  await chairContext.close();
});

test("removing an Act asks first, naming it; its comment thread stays listed, detached", async ({ browser, statementId, workspace }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Kofi Coordinator");
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Lena Reviewer");
  await typeAtEndOf(coordinator, "6.1", "Education for every migrant child.");
  await typeAtEndOf(coordinator, "7.1", "Firewalls protect access to services.");
  await expectClause(reviewer, "6.1", "Education for every migrant child.");

  await selectWords(reviewer, "6.1", "every migrant child");
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  await reviewer.getByRole("combobox", { name: "New comment" }).fill("Say “never in the best interests of the child”.");
  await reviewer.locator(".thread--new").getByRole("button", { name: "Comment", exact: true }).click();
  const thread = (page: Page) => page.locator(".comments__list .thread", { hasText: "every migrant child" });
  await expect(thread(coordinator)).toContainText("Clause 6.1");

  // Moving the commented Act down and back up keeps its thread on its words.
  await coordinator.getByRole("button", { name: "Move Act 6 down" }).click();
  await expect(thread(reviewer)).toContainText("Clause 7.1");
  await expect(thread(coordinator)).toContainText("Clause 7.1");
  await coordinator.getByRole("button", { name: "Move Act 7 up" }).click();
  await expect(thread(reviewer)).toContainText("Clause 6.1");
  await expect(thread(coordinator)).toContainText("Clause 6.1");
  await expect(clause(reviewer, "6.1").locator(".comment-mark")).toHaveText("every migrant child");
  await expect(thread(coordinator)).not.toContainText("Text deleted");
  // Adding an Act before it moves its highlight along with its words on the adding screen too.
  await coordinator.getByRole("button", { name: "Add an Act after Act 1", exact: true }).click();
  await expect(thread(coordinator)).toContainText("Clause 7.1");
  await expect(clause(coordinator, "7.1").locator(".comment-mark")).toHaveText("every migrant child");
  await coordinator.getByRole("button", { name: "Remove Act 2" }).click();
  await coordinator.getByRole("dialog", { name: "Remove Act 2: Untitled Act?" }).getByRole("button", { name: "Remove Act 2" }).click();
  await expect(clause(coordinator, "6.1").locator(".comment-mark")).toHaveText("every migrant child");

  // Cancel first: nothing changes.
  await coordinator.getByRole("button", { name: "Remove Act 6" }).click();
  const dialog = coordinator.getByRole("dialog", { name: "Remove Act 6: Education and skills?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("1 open comment thread stays");
  await expect(dialog.getByRole("button", { name: "Keep it" })).toBeFocused();
  await coordinator.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => outlineTitles(coordinator)).toEqual(tenTitles);

  await coordinator.getByRole("button", { name: "Remove Act 6" }).click();
  await dialog.getByRole("button", { name: "Remove Act 6" }).click();
  const without = tenTitles.filter((title) => title !== "Education and skills");
  await expect.poll(() => outlineTitles(reviewer)).toEqual(without);
  await expectClause(reviewer, "6.1", "Firewalls protect access to services.");

  // The thread is not lost: listed on both screens, marked as detached from deleted text.
  for (const page of [coordinator, reviewer]) {
    await page.getByRole("combobox", { name: "Filter by status" }).selectOption("all");
    await expect(thread(page)).toBeVisible();
    await expect(thread(page)).toContainText("Text deleted");
    await expect(thread(page)).not.toContainText("Clause 6.1");
  }
  await coordinator.reload();
  await expect(coordinator.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expect(thread(coordinator)).toContainText("Text deleted");
  await coordinatorContext.close();
  await reviewerContext.close();
});

test("a reviewer never sees the Act controls, nor does anyone in a frozen round", async ({ browser, statementId, workspace }) => {
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Lena Reviewer");
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Kofi Coordinator");
  await expect(reviewer.locator(".outline .outline__act")).toHaveCount(10);
  await expect(reviewer.locator(".act-controls")).toHaveCount(0);
  await expect(reviewer.getByRole("button", { name: /^(Remove Act|Move Act|Add an Act)/ })).toHaveCount(0);
  await expect(coordinator.locator(".act-controls")).toHaveCount(10);

  // The chair opens a round and freezes it: the coordinator's controls go with the editing.
  const chair = await browser.newContext();
  await signIn(chair, workspace.chair);
  const opened = (await (await chair.request.post(`/api/documents/${statementId}/rounds`, { data: { name: "Zero draft", draftPublished: "2018-02-05" } })).json()) as { id: string };
  expect((await chair.request.post(`/api/documents/${statementId}/rounds/${opened.id}/freeze`)).status()).toBe(201);
  await expect(coordinator.locator(".statement")).toHaveAttribute("aria-readonly", "true");
  await expect(coordinator.locator(".act-controls")).toHaveCount(0);
  await chair.close();
  await reviewerContext.close();
  await coordinatorContext.close();
});
