/**
 * Suggested wording end to end, as the coalition uses it: a reviewer proposes a
 * replacement in clause 9.2 through the editor, the coordinator sees it live with the
 * reviewer's name and accepts it, a second suggestion is rejected; the reviewer cannot
 * change the text plainly, neither through the editor nor through a stock y-websocket
 * client; suggestions made offline arrive when the reviewer is back.
 */
import WebSocket from "ws";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { test, expect, typeAtEndOf, expectClause, clause, openStatementAs, openStatement, contextFor, tokenFor, offlineCopyFlushed, invitePerson } from "./fixtures.js";
import { CloseCode, COLLAB_PATH, CONTENT_FIELD } from "../shared/protocol.js";
import { findClauseText } from "../server/testing/statementText.js";

const FIRST = "States shall guarantee access to justice for all migrants.";
const SECOND = "Returns shall be safe, voluntary and dignified.";

test("a reviewer suggests a replacement in clause 9.2; the coordinator sees it live with the reviewer's name and accepts it; a second suggestion is rejected; plain typing never gets through", async ({ browser, statementId, workspace, server }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Mariam Acceptwell");
  const reviewerPerson = await invitePerson(browser, workspace, "reviewer", "Kiran Proposer");
  const reviewerContext = await contextFor(browser, reviewerPerson);
  const reviewer = await reviewerContext.newPage();
  await openStatement(reviewer, statementId);

  // The agreed text: clauses 9.1 and 9.2, written by the coordinator.
  await typeAtEndOf(coordinator, "9.1", FIRST);
  await coordinator.keyboard.press("Enter");
  await coordinator.keyboard.type(SECOND, { delay: 5 });
  await expectClause(reviewer, "9.2", SECOND);

  // The reviewer selects "voluntary" in 9.2 and types over it: one replacement.
  await clause(reviewer, "9.2").locator("p").click();
  await reviewer.keyboard.press("End");
  for (let i = 0; i < " and dignified.".length; i++) await reviewer.keyboard.press("ArrowLeft");
  for (let i = 0; i < "voluntary".length; i++) await reviewer.keyboard.press("Shift+ArrowLeft");
  await reviewer.keyboard.type("informed", { delay: 10 });

  // Live for the coordinator: struck and suggested words, and a card with the reviewer's name.
  await expect(clause(coordinator, "9.2").locator("del.suggested-deletion")).toHaveText("voluntary");
  await expect(clause(coordinator, "9.2").locator("ins.suggested-insertion")).toHaveText("informed");
  const card = coordinator.locator(".suggestions article[data-suggestion-card]").filter({ hasText: "Kiran Proposer" });
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("heading")).toHaveText("Replacement, Clause 9.2");

  // The coordinator accepts: the text changes for everyone.
  await card.getByRole("button", { name: "Accept the suggestion by Kiran Proposer in Clause 9.2" }).first().click();
  const accepted = "Returns shall be safe, informed and dignified.";
  for (const page of [coordinator, reviewer]) {
    await expectClause(page, "9.2", accepted);
    await expect(clause(page, "9.2").locator("ins, del")).toHaveCount(0);
  }

  // A second suggestion, an addition at the end of 9.1, is rejected and disappears for everyone.
  await typeAtEndOf(reviewer, "9.1", " Legal aid shall be free.");
  await expect(clause(coordinator, "9.1").locator("ins.suggested-insertion")).toHaveText(" Legal aid shall be free.");
  const second = coordinator.locator(".suggestions article[data-suggestion-card]").filter({ hasText: "Legal aid" });
  await second.getByRole("button", { name: "Reject the suggestion by Kiran Proposer in Clause 9.1" }).first().click();
  for (const page of [coordinator, reviewer]) {
    await expectClause(page, "9.1", FIRST);
    await expect(clause(page, "9.1").locator("ins")).toHaveCount(0);
  }
  await expect(second).toHaveCount(0);

  // Everything the reviewer types is a suggestion: the agreed text never changes under their keys.
  await typeAtEndOf(reviewer, "9.1", " Plainly typed?");
  await expect(clause(coordinator, "9.1").locator("ins.suggested-insertion")).toHaveText(" Plainly typed?");
  const agreed = () =>
    clause(coordinator, "9.1")
      .locator("p")
      .evaluate((element) => {
        const copy = element.cloneNode(true) as HTMLElement;
        copy.querySelectorAll("ins, .collaboration-carets__caret").forEach((node) => node.remove());
        return copy.textContent;
      });
  await expect.poll(agreed).toBe(FIRST);

  // A stock y-websocket client with the reviewer's token typing plain words: refused, the socket closed with 4425, nothing shown.
  const token = await tokenFor(server.url, reviewerPerson);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.url.replace("http", "ws")}${COLLAB_PATH}`, statementId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  const closes: number[] = [];
  provider.on("connection-close", (event) => event && closes.push(event.code));
  await expect.poll(() => provider.synced && findClauseText(doc.getXmlFragment(CONTENT_FIELD), 9) !== null).toBe(true);
  findClauseText(doc.getXmlFragment(CONTENT_FIELD), 9)!.insert(0, "[typed by a stock client] ");
  await expect.poll(() => closes).toContain(CloseCode.contentRefused);
  provider.destroy();
  doc.destroy();
  await typeAtEndOf(coordinator, "9.2", " Checked.");
  await expectClause(reviewer, "9.2", `${accepted} Checked.`);
  for (const page of [coordinator, reviewer]) await expect(clause(page, "9.1")).not.toContainText("[typed by a stock client]");

  await reviewerContext.close();
  await coordinatorContext.close();
});

test("suggestions made offline arrive as the reviewer's suggestions once they are back", async ({ browser, statementId, workspace }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Lucia Onlineton");
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Dawit Offlinesky");
  await typeAtEndOf(coordinator, "5.1", "Detention shall be a last resort.");
  await expectClause(reviewer, "5.1", "Detention shall be a last resort.");

  await reviewerContext.setOffline(true);
  await expect(reviewer.locator(".connection")).toHaveAttribute("data-state", "offline");
  await typeAtEndOf(reviewer, "5.1", " Never for children.");
  await offlineCopyFlushed(reviewer, statementId);
  await expect(clause(coordinator, "5.1").locator("ins")).toHaveCount(0);

  await reviewerContext.setOffline(false);
  await expect(clause(coordinator, "5.1").locator("ins.suggested-insertion")).toHaveText(" Never for children.");
  await expect(coordinator.locator(".suggestions article[data-suggestion-card]").filter({ hasText: "Dawit Offlinesky" })).toHaveCount(1);
  await expect(reviewer.locator(".connection")).toHaveAttribute("data-state", "connected");

  await reviewerContext.close();
  await coordinatorContext.close();
});

test("a reviewer withdraws their own suggestion from its card; the coordinator sees it gone and recorded as withdrawn", async ({ browser, statementId, workspace }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Sofia Recordkeeper");
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Amadou Secondthoughts");
  await typeAtEndOf(coordinator, "6.1", "Recognise qualifications.");
  await expectClause(reviewer, "6.1", "Recognise qualifications.");
  await typeAtEndOf(reviewer, "6.1", " Across borders.");
  await expect(clause(coordinator, "6.1").locator("ins.suggested-insertion")).toHaveText(" Across borders.");

  // Only the author's own card offers Withdraw, and a reviewer has no Accept.
  const own = reviewer.locator(".suggestions article[data-suggestion-card]").filter({ hasText: "Amadou Secondthoughts" });
  await expect(own.getByRole("button", { name: /^Accept/ })).toHaveCount(0);
  await own.getByRole("button", { name: "Withdraw your suggestion in Clause 6.1" }).click();
  for (const page of [coordinator, reviewer]) {
    await expectClause(page, "6.1", "Recognise qualifications.");
    await expect(clause(page, "6.1").locator("ins")).toHaveCount(0);
  }
  await coordinator.locator(".suggestions select").filter({ has: coordinator.locator("option", { hasText: "Pending" }) }).first().selectOption("all");
  await expect(coordinator.locator(".suggestions article[data-suggestion-card]").filter({ hasText: "Amadou Secondthoughts" })).toContainText("Withdrawn by Amadou Secondthoughts");
  await expect(reviewer.locator(".connection")).toHaveAttribute("data-state", "connected");
  await reviewerContext.close();
  await coordinatorContext.close();
});
