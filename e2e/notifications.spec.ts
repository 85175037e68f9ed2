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
