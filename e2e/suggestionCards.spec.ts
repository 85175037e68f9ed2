/**
 * Suggestion cards: a reviewer's suggestions (made here through a stock Yjs client with
 * the reviewer's token, as any client could) show as cards beside the statement, live,
 * with the reviewer's name; the coordinator accepts one and rejects another, and the text
 * changes for everyone; undo brings a rejected suggestion back; the outline counts follow.
 */
import { mkdirSync } from "node:fs";
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { test, expect, tokenFor, typeAtEndOf, expectClause, invitePerson, contextFor, openStatement, clause, signIn, type Person, type Workspace } from "./fixtures.js";
import type { Browser } from "@playwright/test";
import { COLLAB_PATH, CONTENT_FIELD } from "../shared/protocol.js";
import { SuggestionMark, newSuggestionId } from "../shared/suggestions.js";
import { findClauseText } from "../server/testing/statementText.js";

/** An API token for `person` (as a script or a stock Yjs client signs in) and the account it stands for. */
async function tokenAndAccount(serverUrl: string, person: Person): Promise<{ token: string; accountId: string }> {
  const token = await tokenFor(serverUrl, person, "suggestion cards test");
  const me = await fetch(`${serverUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  return { token, accountId: ((await me.json()) as { account: { id: string } }).account.id };
}

/** The reviewer's stock Yjs client on the statement (signed in with a token), once it has the text `ready` waits for. */
async function reviewerClient(serverUrl: string, statementId: string, person: Person, ready: (content: Y.XmlFragment) => boolean) {
  const { token, accountId } = await tokenAndAccount(serverUrl, person);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${serverUrl.replace("http", "ws")}${COLLAB_PATH}`, statementId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  const content = doc.getXmlFragment(CONTENT_FIELD);
  await expect.poll(() => provider.synced && ready(content)).toBe(true);
  return {
    doc,
    content,
    accountId,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The coordinator (invited on first use) with the statement open, and the reviewer who suggests. */
async function coordinatorAndReviewer(browser: Browser, workspace: Workspace, statementId: string) {
  const coordinatorPerson = await invitePerson(browser, workspace, "coordinator", "Tomasz Cardwright");
  const reviewerPerson = await invitePerson(browser, workspace, "reviewer", "Ngozi Suggestwell");
  const coordinatorContext = await contextFor(browser, coordinatorPerson);
  const coordinator = await coordinatorContext.newPage();
  await openStatement(coordinator, statementId);
  return { coordinatorPerson, reviewerPerson, coordinatorContext, coordinator };
}

test("a reviewer's suggestions show as cards live; the coordinator accepts one, rejects another, undoes; counts per Act follow", async ({ browser, server, statementId, workspace }) => {
  const { coordinatorPerson, reviewerPerson, coordinatorContext, coordinator } = await coordinatorAndReviewer(browser, workspace, statementId);
  const reviewerContext = await contextFor(browser, reviewerPerson);
  const reviewer = await reviewerContext.newPage();
  await openStatement(reviewer, statementId);

  await typeAtEndOf(coordinator, "9.1", "Return must be safe and voluntary.");
  await expectClause(reviewer, "9.1", "Return must be safe and voluntary.");

  // The reviewer suggests through a stock Yjs client: "safe" -> "dignified" (one suggestion), and "fully " before "voluntary".
  const { doc, content, accountId, close } = await reviewerClient(server.url, statementId, reviewerPerson, (c) => findClauseText(c, 9)?.toString().includes("voluntary.") === true);
  const [replacement, addition] = [newSuggestionId(accountId), newSuggestionId(accountId)];
  doc.transact(() => {
    const text = findClauseText(content, 9)!;
    const [safe, voluntary] = ["safe", "voluntary"].map((words) => text.toString().indexOf(words)) as [number, number];
    // From the end backwards, so each position still holds.
    text.insert(voluntary, "fully ", { [SuggestionMark.insertion]: { id: addition } });
    text.format(safe, "safe".length, { [SuggestionMark.deletion]: { id: replacement } });
    text.insert(safe + "safe".length, "dignified", { [SuggestionMark.insertion]: { id: replacement } });
  });

  // Live for the coordinator: two cards with the reviewer's name, the words, the place; two pending in Act 9.
  const cards = coordinator.locator(".suggestions article[data-suggestion-card]");
  await expect(cards).toHaveCount(2);
  const replacementCard = coordinator.locator(`[data-suggestion-card="${replacement}"]`);
  const additionCard = coordinator.locator(`[data-suggestion-card="${addition}"]`);
  await expect(replacementCard.getByRole("heading")).toHaveText("Replacement, Clause 9.1");
  await expect(replacementCard.locator("del")).toHaveText("safe");
  await expect(replacementCard.locator("ins")).toHaveText("dignified");
  await expect(replacementCard).toContainText("Ngozi Suggestwell");
  await expect(additionCard.getByRole("heading")).toHaveText("Addition, Clause 9.1");
  await expect(additionCard).toContainText("Ngozi Suggestwell");
  await expect(coordinator.locator(".outline__act").nth(8)).toContainText("2 suggestions");
  // The reviewer sees the cards too, without Accept or Reject.
  await expect(reviewer.locator(`[data-suggestion-card="${replacement}"]`)).toContainText("Ngozi Suggestwell");
  await expect(reviewer.locator(".suggestions").getByRole("button", { name: /^Accept/ })).toHaveCount(0);

  // Clicking a card selects its words in the text; the card is then marked as the one under the cursor.
  await additionCard.getByRole("heading").getByRole("button").click();
  await expect(additionCard).toHaveAttribute("aria-current", "true");
  expect(await coordinator.evaluate(() => window.getSelection()?.toString())).toBe("fully ");

  // Reply starts an ordinary comment thread on the suggestion's words, shown with the card.
  await additionCard.getByRole("button", { name: "Reply to the suggestion by Ngozi Suggestwell in Clause 9.1" }).click();
  await expect(coordinator.locator(".thread--new .thread__quote")).toHaveText("fully");
  await coordinator.getByRole("combobox", { name: "New comment" }).fill("Is “fully” needed here?");
  await coordinator.locator(".thread--new").getByRole("button", { name: "Comment", exact: true }).click();
  await expect(additionCard.getByRole("button", { name: "Show the comment" })).toBeVisible();
  await expect(additionCard).toContainText("Tomasz Cardwright: Is “fully” needed here?");
  await expect(reviewer.locator(`[data-suggestion-card="${addition}"]`)).toContainText("Is “fully” needed here?");

  // Accept the replacement: the text changes for everyone.
  await replacementCard.getByRole("button", { name: "Accept the suggestion by Ngozi Suggestwell in Clause 9.1" }).first().click();
  await expectClause(reviewer, "9.1", "Return must be dignified and fully voluntary.");
  await expectClause(coordinator, "9.1", "Return must be dignified and fully voluntary.");
  await expect(clause(reviewer, "9.1").locator("del")).toHaveCount(0);
  await expect(cards).toHaveCount(1);
  await expect(coordinator.locator(".outline__act").nth(8)).toContainText("1 suggestion");

  // Decided suggestions are listed under the status filter, with who decided.
  await coordinator.getByRole("combobox", { name: "Filter suggestions by status" }).selectOption("accepted");
  await expect(cards).toHaveCount(1);
  await expect(replacementCard).toContainText("Accepted by Tomasz Cardwright");
  await coordinator.getByRole("combobox", { name: "Filter suggestions by status" }).selectOption("pending");

  // Reject the addition from the keyboard (R on the focused card): it disappears from the text and the panel.
  await expect(additionCard).toHaveAttribute("aria-keyshortcuts", /\bR\b/);
  await additionCard.focus();
  await coordinator.keyboard.press("r");
  await expectClause(reviewer, "9.1", "Return must be dignified and voluntary.");
  await expect(cards).toHaveCount(0);
  await expect(coordinator.locator(".outline__act").nth(8)).not.toContainText("suggestion");

  // Undo in the coordinator's editor brings it back, for everyone.
  await clause(coordinator, "9.1").locator("p").click();
  await coordinator.keyboard.press("ControlOrMeta+z");
  await expectClause(reviewer, "9.1", "Return must be dignified and fully voluntary.");
  await expect(additionCard).toBeVisible();
  await expect(reviewer.locator(`[data-suggestion-card="${addition}"]`)).toContainText("Ngozi Suggestwell");
  await expect(coordinator.locator(".outline__act").nth(8)).toContainText("1 suggestion");

  // On a phone, in Arabic: the cards are in the side drawer, right to left, and fit 390 px.
  const phoneContext = await browser.newContext({ locale: "ar-EG", viewport: { width: 390, height: 844 } });
  await signIn(phoneContext, coordinatorPerson);
  const phone = await phoneContext.newPage();
  await openStatement(phone, statementId);
  await expect(phone.locator("html")).toHaveAttribute("dir", "rtl");
  await phone.locator(".workspace__panels button[aria-controls='statement-comments']").click();
  const phoneCard = phone.locator(`[data-suggestion-card="${addition}"]`);
  await expect(phoneCard).toBeVisible();
  // Each part of the drawer keeps its heading: suggestions, then comments.
  await expect(phone.getByRole("heading", { name: "الاقتراحات", exact: true })).toBeVisible();
  await expect(phone.locator(".comments .comments__header h2")).toBeVisible();
  await expect(phoneCard.getByRole("heading")).toHaveText("إضافة، البند 9.1");
  await expect(phoneCard.getByRole("button", { name: "قبول اقتراح Ngozi Suggestwell في البند 9.1" })).toBeVisible();
  const box = (await phoneCard.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  mkdirSync("reports/screenshots", { recursive: true });
  await phone.screenshot({ path: "reports/screenshots/suggestion-cards-phone-ar.png" });
  await coordinator.locator(".workspace__comments").screenshot({ path: "reports/screenshots/suggestion-cards.png" });
  await coordinator.locator(".outline li").nth(8).screenshot({ path: "reports/screenshots/suggestion-outline-count.png" });
  await phoneContext.close();

  close();
  await coordinatorContext.close();
  await reviewerContext.close();
});

test("the coordinator decides several suggestions at once: all in an Act, then all of one author", async ({ browser, server, statementId, workspace }) => {
  const { reviewerPerson, coordinatorContext, coordinator } = await coordinatorAndReviewer(browser, workspace, statementId);
  await typeAtEndOf(coordinator, "2.1", "Address the drivers.");
  await typeAtEndOf(coordinator, "3.1", "Protect every worker.");

  const { doc, content, accountId, close } = await reviewerClient(
    server.url,
    statementId,
    reviewerPerson,
    (c) => findClauseText(c, 2)?.toString() === "Address the drivers." && findClauseText(c, 3)?.toString() === "Protect every worker.",
  );
  doc.transact(() => {
    findClauseText(content, 2)!.insert("Address the ".length, "root ", { [SuggestionMark.insertion]: { id: newSuggestionId(accountId) } });
    findClauseText(content, 3)!.insert("Protect every ".length, "migrant ", { [SuggestionMark.insertion]: { id: newSuggestionId(accountId) } });
  });
  const cards = coordinator.locator(".suggestions article[data-suggestion-card]");
  await expect(cards).toHaveCount(2);
  await expect(coordinator.locator(".outline__act").nth(1)).toContainText("1 suggestion");
  await expect(coordinator.locator(".outline__act").nth(2)).toContainText("1 suggestion");

  const several = coordinator.getByRole("group", { name: "Decide several" });
  await several.getByRole("combobox", { name: "Which suggestions" }).selectOption({ label: "All in Act 3" });
  await several.getByRole("button", { name: "Reject all" }).click();
  await expectClause(coordinator, "3.1", "Protect every worker.");
  await expect(cards).toHaveCount(1);
  await expect(coordinator.locator(".outline__act").nth(2)).not.toContainText("suggestion");

  await several.getByRole("combobox", { name: "Which suggestions" }).selectOption({ label: "All by Ngozi Suggestwell" });
  await several.getByRole("button", { name: "Accept all" }).click();
  await expectClause(coordinator, "2.1", "Address the root drivers.");
  await expect(clause(coordinator, "2.1").locator("ins")).toHaveCount(0);
  await expect(cards).toHaveCount(0);
  await expect(coordinator.getByText("No suggestions match these filters.")).toBeVisible();
  await coordinator.getByRole("combobox", { name: "Filter suggestions by status" }).selectOption("all");
  await expect(cards).toHaveCount(2);
  await expect(coordinator.locator(".suggestion-card--accepted")).toContainText("Accepted by Tomasz Cardwright");
  await expect(coordinator.locator(".suggestion-card--rejected")).toContainText("Rejected by Tomasz Cardwright");

  close();
  await coordinatorContext.close();
});
