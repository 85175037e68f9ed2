import { test, expect, openStatementAs } from "./fixtures.js";
import { card, commentOnSelection, selectWordsIn } from "./commentHelpers.js";

test("comments on the title, an Act's title and a signatory organisation are accepted and placed by name", async ({ browser, statementId, workspace }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Kofi Coordinator");
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Lena Reviewer");

  await coordinator.locator(".statement .signatory").first().click();
  await coordinator.keyboard.type("Migrant Forum in Asia", { delay: 5 });
  const places: [string, string][] = [
    ["Now and How", "Title"],
    ["Drivers of human mobility", "Act 1 title"],
    ["Migrant Forum", "Signatory organisations"],
  ];
  for (const [words, place] of places) {
    await selectWordsIn(coordinator.locator(".statement"), words);
    await commentOnSelection(coordinator, `About ${words}.`);
    await expect(coordinator.locator(".thread--new")).toHaveCount(0);
    await expect(card(coordinator, `About ${words}.`).locator(".thread__place")).toHaveText(place);
  }
  await expect(coordinator.getByRole("alert")).toHaveCount(0);

  // Everyone sees them on their words, in the statement's order.
  await expect(reviewer.locator(".statement h1 .comment-mark")).toHaveText("Now and How");
  await expect(reviewer.locator(".statement .comment-mark")).toHaveText(places.map(([words]) => words));
  await expect(reviewer.locator(".comments__list .thread__place")).toHaveText(["Title", "Act 1 title", "Signatory organisations"]);

  await coordinatorContext.close();
  await reviewerContext.close();
});
