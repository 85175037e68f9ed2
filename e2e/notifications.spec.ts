/**
 * The bell: live unread count, the panel by keyboard, links that lead where it happened, at
 * phone size and in Arabic.
 */
import type { Page } from "@playwright/test";
import { test, expect, contextFor, invitePerson, openStatementAs, typeAtEndOf, expectClause, clause } from "./fixtures.js";
import { selectWords } from "./commentHelpers.js";

const phone = { width: 390, height: 844 };

async function fitsThePhone(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test("at 390 px a chair's bell counts an accepted invitation live; by keyboard the panel lists it and its link leads to the members page, read", async ({ browser, workspace }) => {
  const chair = await contextFor(browser, workspace.chair);
  expect((await chair.request.post("/api/notifications/read", { data: { all: true } })).status()).toBe(200);
  const page = await chair.newPage();
  await page.setViewportSize(phone);
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Notifications, none unread" })).toBeVisible();

  await invitePerson(browser, workspace, "observer", "Nadia Notified");
  const bell = page.getByRole("button", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  await expect(bell).toHaveAttribute("aria-expanded", "false");

  await bell.focus();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Notifications" });
  await expect(panel).toBeVisible();
  const link = panel.getByRole("link", { name: /Nadia Notified accepted your invitation and joined .+ as an observer/ });
  await expect(link).toBeVisible();
  await expect(link).toContainText("Unread:");
  await fitsThePhone(page);
  // Escape closes and gives the focus back.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(bell).toBeFocused();

  await page.keyboard.press("Enter");
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole("button", { name: "Notifications, none unread" })).toBeVisible();
  const list = (await (await chair.request.get("/api/notifications?limit=1")).json()) as { notifications: { readAt: string | null }[] };
  expect(list.notifications[0]!.readAt).not.toBeNull();
  await chair.close();
});

test("in Arabic the bell's panel reads right to left and fits the phone; Mark all as read empties the count", async ({ browser, workspace }) => {
  const chair = await contextFor(browser, workspace.chair);
  expect((await chair.request.patch("/api/me", { data: { language: "ar" } })).status()).toBe(200);
  await invitePerson(browser, workspace, "reviewer", "Samir Notified");
  const page = await chair.newPage();
  await page.setViewportSize(phone);
  await page.goto("/members");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const bell = page.getByRole("button", { name: /^الإشعارات، / });
  await bell.click();
  const panel = page.getByRole("region", { name: "الإشعارات" });
  await expect(panel.getByRole("link", { name: /Samir Notified/ }).first()).toBeVisible();
  const box = (await panel.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(phone.width);
  await fitsThePhone(page);
  await panel.getByRole("button", { name: "تعليم الكل كمقروء" }).click();
  await expect(page.getByRole("button", { name: "الإشعارات، لا شيء غير مقروء" })).toBeVisible();
  expect((await chair.request.patch("/api/me", { data: { language: "en" } })).status()).toBe(200);
  await chair.close();
});

test("a reviewer mentions a coordinator; the coordinator's bell counts 1 live, and its link opens the statement on the thread, at its clause", async ({ browser, workspace, statementId }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Wanjiru Coordinator");
  expect((await coordinatorContext.request.post("/api/notifications/read", { data: { all: true } })).status()).toBe(200);
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Yusuf Reviewer");
  await typeAtEndOf(coordinator, "4.1", "Recruitment fees are never charged to workers.");
  await expectClause(reviewer, "4.1", "Recruitment fees are never charged to workers.");
  // The coordinator reads elsewhere: the thread is not on screen.
  await coordinator.goto("/");
  const bell = coordinator.getByRole("button", { name: "Notifications, none unread" });
  await expect(bell).toBeVisible();

  await selectWords(reviewer, "4.1", "Recruitment fees");
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  const composer = reviewer.getByRole("combobox", { name: "New comment" });
  await reviewer.keyboard.type("Employer pays? @Wanj", { delay: 10 });
  await reviewer.getByRole("option", { name: /Wanjiru Coordinator/ }).click();
  await expect(composer).toHaveValue("Employer pays? @Wanjiru Coordinator ");
  await reviewer.keyboard.press("Control+Enter");

  // Live: the count changes without a reload.
  const counted = coordinator.getByRole("button", { name: "Notifications, 1 unread" });
  await expect(counted).toBeVisible();
  await counted.click();
  const link = coordinator.getByRole("region", { name: "Notifications" }).getByRole("link", { name: /Yusuf Reviewer mentioned you on clause 4\.1 of/ });
  await expect(link).toContainText("Employer pays? @Wanjiru Coordinator");
  await link.click();
  await expect(coordinator).toHaveURL(new RegExp(`/d/${statementId}\\?thread=`));
  // The thread is open on its words in clause 4.1, its card focused; the notification is read.
  const threadId = new URL(coordinator.url()).searchParams.get("thread")!;
  const mark = clause(coordinator, "4.1").locator(`[data-thread="${threadId}"]`);
  await expect(mark).toHaveText("Recruitment fees");
  await expect(mark).toBeInViewport();
  await expect(coordinator.locator(`[data-thread-card="${threadId}"] .thread__head`)).toBeFocused();
  await expect(coordinator.locator(`[data-thread-card="${threadId}"]`)).toHaveClass(/thread--active/);
  await expect(coordinator.getByRole("button", { name: "Notifications, none unread" })).toBeVisible();
  await Promise.all([coordinatorContext.close(), reviewerContext.close()]);
});

test("a mention in a thread resolved since: the link widens the sidebar's filters, and the card shows, active and focused", async ({ browser, workspace, statementId }) => {
  const { context: coordinatorContext, page: coordinator } = await openStatementAs(browser, workspace, statementId, "coordinator", "Wanjiru Coordinator");
  expect((await coordinatorContext.request.post("/api/notifications/read", { data: { all: true } })).status()).toBe(200);
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Yusuf Reviewer");
  await typeAtEndOf(coordinator, "5.1", "Wages are paid monthly.");
  await expectClause(reviewer, "5.1", "Wages are paid monthly.");
  await coordinator.goto("/");

  await selectWords(reviewer, "5.1", "Wages are paid");
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  await reviewer.keyboard.type("Weekly? @Wanj", { delay: 10 });
  await reviewer.getByRole("option", { name: /Wanjiru Coordinator/ }).click();
  await reviewer.keyboard.press("Control+Enter");
  const counted = coordinator.getByRole("button", { name: "Notifications, 1 unread" });
  await expect(counted).toBeVisible();
  const { notifications } = (await (await coordinatorContext.request.get("/api/notifications?limit=1")).json()) as { notifications: { link: string }[] };
  const threadId = new URL(notifications[0]!.link, "http://x").searchParams.get("thread")!;
  // Resolved before the coordinator follows the link: the sidebar lists open threads only.
  const resolved = await coordinatorContext.request.patch(`/api/documents/${statementId}/comments/${threadId}`, { data: { status: "resolved" } });
  expect(resolved.status()).toBe(200);

  await counted.click();
  const link = coordinator.getByRole("region", { name: "Notifications" }).getByRole("link", { name: /Yusuf Reviewer mentioned you/ });
  await link.and(coordinator.locator(`[href$="thread=${threadId}"]`)).click();
  await expect(coordinator).toHaveURL(new RegExp(`/d/${statementId}\\?thread=${threadId}$`));
  const card = coordinator.locator(`[data-thread-card="${threadId}"]`);
  await expect(card.locator(".thread__head")).toBeFocused();
  await expect(card).toHaveClass(/thread--active/);
  await expect(coordinator.getByRole("combobox", { name: "Filter by status" })).toHaveValue("all");
  await Promise.all([coordinatorContext.close(), reviewerContext.close()]);
});

test("by keyboard, Mark as read leaves the focus on that notification's link, and Mark all as read keeps it", async ({ browser, workspace }) => {
  const chair = await contextFor(browser, workspace.chair);
  expect((await chair.request.post("/api/notifications/read", { data: { all: true } })).status()).toBe(200);
  await invitePerson(browser, workspace, "observer", "Olga Onekey");
  await invitePerson(browser, workspace, "observer", "Omar Twokeys");
  const page = await chair.newPage();
  await page.goto("/");
  const bell = page.getByRole("button", { name: "Notifications, 2 unread" });
  await bell.focus();
  await page.keyboard.press("Enter");
  const panel = page.getByRole("region", { name: "Notifications" });
  const item = panel.locator(".bell__item", { has: page.getByRole("link", { name: /Olga Onekey accepted/ }) });
  const markOne = item.getByRole("button", { name: "Mark as read" });
  await markOne.focus();
  await page.keyboard.press("Enter");
  await expect(markOne).toHaveCount(0);
  await expect(item.getByRole("link", { name: /Olga Onekey accepted/ })).toBeFocused();
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();

  const markAll = panel.getByRole("button", { name: "Mark all as read" });
  await markAll.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Notifications, none unread" })).toBeVisible();
  await expect(markAll).toBeFocused();
  await expect(markAll).toHaveAttribute("aria-disabled", "true");
  // Pressed again with nothing unread, it does nothing and keeps the focus.
  await page.keyboard.press("Enter");
  await expect(markAll).toBeFocused();
  await expect(panel).toBeVisible();
  await chair.close();
});

test("a suggestion on an Act the coordinator follows: at 390 px the link opens the drawer on its card, focused, and its words are in view", async ({ browser, workspace, statementId }) => {
  const coordinatorContext = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Wanjiru Coordinator"));
  expect((await coordinatorContext.request.post("/api/notifications/read", { data: { all: true } })).status()).toBe(200);
  expect((await coordinatorContext.request.patch("/api/me/notifications", { data: { follows: { workspaceId: workspace.id, acts: [7] } } })).status()).toBe(200);
  const { context: reviewerContext, page: reviewer } = await openStatementAs(browser, workspace, statementId, "reviewer", "Yusuf Reviewer");
  await typeAtEndOf(reviewer, "7.1", "Proposed: every worker has a written contract.");
  await expect(clause(reviewer, "7.1").locator("ins.suggested-insertion")).toContainText("every worker has a written contract");

  const coordinator = await coordinatorContext.newPage();
  await coordinator.setViewportSize(phone);
  await coordinator.goto("/");
  const counted = coordinator.getByRole("button", { name: "Notifications, 1 unread" });
  await expect(counted).toBeVisible();
  await counted.click();
  await coordinator.getByRole("region", { name: "Notifications" }).getByRole("link", { name: /Yusuf Reviewer suggested wording on clause 7\.1 of/ }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/d/${statementId}\\?suggestion=`));
  const suggestionId = new URL(coordinator.url()).searchParams.get("suggestion")!;
  const card = coordinator.locator(`[data-suggestion-card="${suggestionId}"]`);
  await expect(card).toBeFocused();
  await expect(card).toContainText("every worker has a written contract");
  await expect(coordinator.locator("#statement-comments")).toBeVisible();
  await fitsThePhone(coordinator);
  // The words, behind the drawer, were brought into view.
  await coordinator.keyboard.press("Escape");
  await expect(clause(coordinator, "7.1").locator("ins.suggested-insertion")).toBeInViewport();
  await Promise.all([coordinatorContext.close(), reviewerContext.close()]);
});

test("at 390 px the editor's top bar keeps the bell on a row it shares, without sideways scrolling, in English and Arabic", async ({ browser, workspace, statementId }) => {
  const chair = await contextFor(browser, workspace.chair);
  const page = await chair.newPage();
  await page.setViewportSize(phone);
  for (const language of ["en", "ar"] as const) {
    expect((await chair.request.patch("/api/me", { data: { language } })).status()).toBe(200);
    await page.goto(`/d/${statementId}`);
    await expect(page.locator(".topbar .connection")).toHaveAttribute("data-state", "connected");
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    const bell = (await page.locator(".topbar .bell").boundingBox())!;
    const others = await page.locator(".topbar > *:not(.bell), .topbar__meta > *").evaluateAll((elements) =>
      elements.filter((element) => !element.classList.contains("topbar__meta")).map((element) => element.getBoundingClientRect()).map(({ top, bottom }) => ({ top, bottom })),
    );
    // Some other item of the bar shares the bell's row.
    expect(others.some(({ top, bottom }) => top < bell.y + bell.height && bottom > bell.y)).toBe(true);
    expect(bell.x).toBeGreaterThanOrEqual(0);
    expect(bell.x + bell.width).toBeLessThanOrEqual(phone.width);
    await fitsThePhone(page);
    await page.screenshot({ path: test.info().outputPath(`topbar-390-${language}.png`) });
  }
  expect((await chair.request.patch("/api/me", { data: { language: "en" } })).status()).toBe(200);
  await chair.close();
});

test("quick ticks of two Acts in the notification settings both stay ticked and both are saved", async ({ browser, workspace }) => {
  const context = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Fatima Follows"));
  const page = await context.newPage();
  // The first save is held until both boxes have been ticked.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  await page.route("**/api/me/notifications", async (route) => {
    if (route.request().method() === "PATCH" && first) {
      first = false;
      await held;
    }
    await route.continue();
  });
  await page.goto("/account#notifications");
  const act3 = page.getByRole("checkbox", { name: "Act 3", exact: true });
  const act4 = page.getByRole("checkbox", { name: "Act 4", exact: true });
  await expect(act3).not.toBeChecked();
  await act3.click();
  await act4.click();
  await expect(act3).toBeChecked();
  await expect(act4).toBeChecked();
  release();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(act3).toBeChecked();
  await expect(act4).toBeChecked();
  const saved = (await (await context.request.get("/api/me/notifications")).json()) as { follows: { workspaceId: string; acts: number[] }[] };
  expect(saved.follows.find((follow) => follow.workspaceId === workspace.id)?.acts).toEqual([3, 4]);
  await context.close();
});
