import { mkdirSync } from "node:fs";
import { test, expect, typeAtEndOf, expectClause, openStatementAs, openStatement, contextFor, invitePerson } from "./fixtures.js";
import { card, selectWords, selectWordsIn } from "./commentHelpers.js";

mkdirSync("reports/screenshots", { recursive: true });

test("a reviewer mentions the coordinator by keyboard; the comment shows the name; the coordinator is notified with a link to the thread", async ({ browser, statementId, workspace }) => {
  // Two members whose names start with "Z": the list has a choice to make.
  await invitePerson(browser, workspace, "observer", "Zeno Observer");
  const coordinatorPerson = await invitePerson(browser, workspace, "coordinator", "Zora Coordinator");
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Zora Coordinator");
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Rafa Reviewer");

  await typeAtEndOf(coordinator, "9.1", "Returns follow due process.");
  await expectClause(reviewer, "9.1", "Returns follow due process.");

  await selectWords(reviewer, "9.1", "due process");
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  const composer = reviewer.getByRole("combobox", { name: "New comment" });
  await expect(composer).toBeFocused();
  await expect(composer).toHaveAttribute("aria-expanded", "false");
  await reviewer.keyboard.type("Which standard? @Z", { delay: 10 });

  // The list offers both, in name order, the first active.
  await expect(composer).toHaveAttribute("aria-expanded", "true");
  const list = reviewer.getByRole("listbox", { name: "New comment" });
  await expect(list.getByRole("option")).toHaveText([/Zeno Observer/, /Zora Coordinator/]);
  const activeId = () => composer.getAttribute("aria-activedescendant");
  await expect(list.getByRole("option", { name: /Zeno Observer/ })).toHaveAttribute("aria-selected", "true");
  expect(await activeId()).toBe(await list.getByRole("option", { name: /Zeno Observer/ }).getAttribute("id"));

  // Escape closes the list only (the comment box stays); typing on opens it again, filtered.
  await reviewer.keyboard.press("Escape");
  await expect(composer).toHaveAttribute("aria-expanded", "false");
  await expect(composer).toBeVisible();
  await reviewer.keyboard.type("o");
  await expect(list.getByRole("option")).toHaveText([/Zora Coordinator/]);
  await reviewer.keyboard.press("Backspace");
  await expect(list.getByRole("option")).toHaveCount(2);

  // ↓ moves to Zora; Enter chooses: "@Zora Coordinator " is written.
  await reviewer.keyboard.press("ArrowDown");
  await expect(list.getByRole("option", { name: /Zora Coordinator/ })).toHaveAttribute("aria-selected", "true");
  expect(await activeId()).toBe(await list.getByRole("option", { name: /Zora Coordinator/ }).getAttribute("id"));
  await reviewer.keyboard.press("Enter");
  await expect(composer).toHaveValue("Which standard? @Zora Coordinator ");
  await expect(composer).toHaveAttribute("aria-expanded", "false");
  await reviewer.keyboard.type("can you check?");
  await reviewer.keyboard.press("Control+Enter");

  // The comment shows the mention as a name, on both screens.
  const mention = card(reviewer, "due process").locator(".comment__body .mention");
  await expect(mention).toHaveText("@Zora Coordinator");
  await expect(card(coordinator, "due process").locator(".comment__body .mention")).toHaveText("@Zora Coordinator");
  await expect(card(reviewer, "due process").locator(".comment__body")).toHaveText("Which standard? @Zora Coordinator can you check?");

  // The coordinator has one `mention`, leading to the statement at the thread.
  const threads = (await (await reviewerContext.request.get(`/api/documents/${statementId}/comments`)).json()) as { threads: { id: string; quote: string }[] };
  const threadId = threads.threads.find((t) => t.quote === "due process")!.id;
  const notifications = (await (await coordinatorContext.request.get("/api/notifications")).json()) as { notifications: { kind: string; link: string }[] };
  const mentions = notifications.notifications.filter((n) => n.kind === "mention");
  expect(mentions).toHaveLength(1);
  expect(mentions[0]!.link).toBe(`/d/${statementId}?thread=${threadId}`);
  // Zeno, offered but not chosen, heard nothing.
  const colm = await contextFor(browser, await invitePerson(browser, workspace, "observer", "Zeno Observer"));
  const colmList = (await (await colm.request.get("/api/notifications")).json()) as { notifications: unknown[] };
  expect(colmList.notifications).toEqual([]);
  await colm.close();
  expect(coordinatorPerson.displayName).toBe("Zora Coordinator");

  // A reply mentions someone too (the reply box works the same), chosen with Tab.
  const replyBox = card(coordinator, "due process").getByRole("combobox", { name: "Reply" });
  await replyBox.click();
  await coordinator.keyboard.type("@Raf", { delay: 10 });
  await expect(coordinator.getByRole("listbox", { name: "Reply" }).getByRole("option")).toHaveText([/Rafa Reviewer/]);
  await coordinator.keyboard.press("Tab");
  await coordinator.keyboard.type("yes, due process as in Act 9.");
  await coordinator.keyboard.press("Enter");
  await expect(card(reviewer, "due process").locator(".comment__body .mention")).toHaveText(["@Zora Coordinator", "@Rafa Reviewer"]);

  await coordinatorContext.close();
  await reviewerContext.close();
});

test("on a phone in Arabic, the list of names opens under the comment box, inside the screen", async ({ browser, statementId, workspace }) => {
  await invitePerson(browser, workspace, "observer", "Zeno Observer");
  await invitePerson(browser, workspace, "coordinator", "Zora Coordinator");
  const reviewer = await invitePerson(browser, workspace, "reviewer", "Rafa Reviewer");
  const context = await contextFor(browser, reviewer);
  expect((await context.request.patch("/api/me", { data: { language: "ar" } })).status()).toBe(200);
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await openStatement(page, statementId);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  // Select words of the title, and open the comment box by keyboard.
  await selectWordsIn(page.locator(".statement h1"), "Now and How");
  await page.keyboard.press("Control+Alt+M");
  const composer = page.locator(".thread--new textarea[role=combobox]");
  await expect(composer).toBeFocused();
  await page.keyboard.type("@Z", { delay: 10 });
  const list = page.locator(".thread--new [role=listbox]");
  await expect(list.getByRole("option")).toHaveCount(2);
  await expect(composer).toHaveAttribute("aria-expanded", "true");
  const box = (await list.boundingBox())!;
  const field = (await composer.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390.5);
  expect(box.y).toBeGreaterThanOrEqual(field.y + field.height - 1);
  // Each option says what it is, in Arabic.
  await expect(list.getByRole("option").first()).toContainText("عضو");
  await page.screenshot({ path: "reports/screenshots/mentions-phone-ar.png" });
  await page.keyboard.press("Escape");
  await expect(list).toBeHidden();
  await expect(composer).toBeFocused();
  await context.close();
});
