import type { BrowserContext, Page } from "@playwright/test";
import { test, expect, openStatement, typeAtEndOf, clause, signIn, invitePerson, contextFor } from "./fixtures.js";
import { selectWords } from "./commentHelpers.js";

const phone = { width: 390, height: 844 };

/** How wide the page is drawn against how wide the window is (a phone has no room for more). */
async function widths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** Every page fits the phone's width: no horizontal scroll. Soft, so one run names every page that does not. */
async function expectNoSideScroll(page: Page, name: string): Promise<void> {
  const measured = await widths(page);
  console.info(`${name}: scrollWidth ${measured.scrollWidth} at innerWidth ${measured.innerWidth}`);
  expect.soft(measured.scrollWidth, `${name} is wider than the phone`).toBeLessThanOrEqual(measured.innerWidth);
}

/** The element is on screen, whole, at the phone's width. */
async function expectOnScreen(selector: ReturnType<Page["locator"]>): Promise<void> {
  await expect(selector).toBeVisible();
  const box = (await selector.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(phone.width + 0.5);
}


/**
 * A statement with something on every screen: a comment thread, a frozen round and a
 * change since, so the editor, comments, history, compare and version pages all show content.
 */
async function prepare(context: BrowserContext, statementId: string): Promise<{ versionId: string }> {
  const api = context.request;
  const round = await api.post(`/api/documents/${statementId}/rounds`, { data: { name: "Zero draft", draftPublished: "2018-02-05" } });
  expect(round.status()).toBe(201);
  const { id: roundId } = (await round.json()) as { id: string };

  const page = await context.newPage();
  await openStatement(page, statementId);
  await typeAtEndOf(page, "2.1", "Expand regular pathways for migrants.");
  await selectWords(page, "2.1", "regular pathways");
  await page.getByRole("button", { name: "Comment", exact: true }).first().click();
  await page.getByRole("combobox", { name: "New comment" }).fill("Name the pathways: family reunification, work, study.");
  await page.locator(".thread--new").getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.locator(".comments__list .thread", { hasText: "regular pathways" })).toBeVisible();

  const frozen = await api.post(`/api/documents/${statementId}/rounds/${roundId}/freeze`);
  expect(frozen.status()).toBe(201);
  const { id: versionId } = (await frozen.json()) as { id: string };
  const next = await api.post(`/api/documents/${statementId}/rounds/${roundId}/open-next`, { data: { name: "Revision 1", draftPublished: "2018-03-05" } });
  expect(next.status()).toBe(201);
  // Reopened, so the typing below lands in the new round (not in the hold of the frozen one).
  await openStatement(page, statementId);
  await expect(page.locator(".statement")).toHaveAttribute("contenteditable", "true");
  await typeAtEndOf(page, "4.1", "Decent work for all migrant workers.");
  // The live text has changed on the server since the frozen version.
  await expect
    .poll(async () => {
      const compare = await api.get(`/api/documents/${statementId}/compare?from=${versionId}&to=live`);
      return ((await compare.json()) as { totals: { wordsAdded: number } }).totals.wordsAdded;
    })
    .toBeGreaterThan(0);
  await page.close();
  return { versionId };
}

test("at 390x844 no page scrolls sideways, and the Acts and the comments are reachable", async ({ browser, statementId, workspace }) => {
  const desk = await browser.newContext();
  await signIn(desk, workspace.chair);
  const { versionId } = await prepare(desk, statementId);
  await desk.close();

  const context = await browser.newContext({ viewport: phone });
  await signIn(context, workspace.chair);
  const page = await context.newPage();

  await page.goto("/");
  await expect(page.locator(".document-list li").first()).toBeVisible();
  await expectNoSideScroll(page, "statements list");

  await openStatement(page, statementId);
  await expectNoSideScroll(page, "editor");

  await page.goto(`/d/${statementId}/history`);
  await expect(page.locator(".compare__act").first()).toBeVisible();
  await expect(page.locator(".chart")).toBeVisible();
  await expectNoSideScroll(page, "history and compare");

  await page.goto(`/d/${statementId}/versions/${versionId}`);
  await expect(page.locator(".version__comments")).toContainText("regular pathways");
  await expectNoSideScroll(page, "version");

  await page.goto("/members");
  await expect(page.getByRole("table").first()).toBeVisible();
  await expectNoSideScroll(page, "members");

  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSideScroll(page, "account");

  const invite = await context.request.post(`/api/workspaces/${workspace.id}/invites`, { data: { role: "reviewer" } });
  const { token } = (await invite.json()) as { token: string };
  const visitor = await browser.newContext({ viewport: phone });
  const signedOut = await visitor.newPage();
  await signedOut.goto("/");
  await expect(signedOut.getByRole("button", { name: /sign in/i })).toBeVisible();
  await expectNoSideScroll(signedOut, "sign-in");
  await signedOut.goto(`/invite/${token}`);
  await expect(signedOut.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSideScroll(signedOut, "invitation");
  await visitor.close();

  // The navigation and "Sign out" are reachable, not cut off.
  await page.goto("/");
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await expectOnScreen(page.getByRole("button", { name: "Sign out" }));
  await expectOnScreen(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }));

  // The history chart's labels read in full.
  await page.goto(`/d/${statementId}/history`);
  await expect(page.locator(".chart")).toContainText("Safe pathways for human mobility");
  await expect(page.locator(".chart")).toContainText("Governance, implementation and monitoring");

  await openStatement(page, statementId);
  // The title is whole in its accessible name even when the bar shortens it.
  await expect(page.locator(".topbar__title")).toHaveAttribute("title", "Now and How: Ten Acts");

  // The Acts: a drawer opened by its button, closed by Escape, focus back on the button.
  const actsButton = page.getByRole("button", { name: /^Acts/ });
  await actsButton.click();
  const outline = page.getByRole("navigation", { name: "Acts" });
  await expectOnScreen(outline.locator(".outline__act").first());
  await expect(outline).toContainText("Safe pathways for human mobility");
  await expectNoSideScroll(page, "editor with the Acts open");
  await page.keyboard.press("Escape");
  await expect(outline).toBeHidden();
  await expect(actsButton).toBeFocused();
  // By keyboard too: Enter opens it and puts focus inside.
  await page.keyboard.press("Enter");
  await expect(outline).toBeVisible();
  await expect(page.locator(".workspace__outline").locator(":focus")).toHaveCount(1);
  // The text behind is covered: Tab goes round the drawer, never behind it.
  for (const key of ["Shift+Tab", "Shift+Tab", "Tab"]) {
    await page.keyboard.press(key);
    await expect(page.locator(".workspace__outline").locator(":focus"), key).toHaveCount(1);
  }
  await page.keyboard.press("Escape");
  await expect(outline).toBeHidden();
  await expect(actsButton).toBeFocused();

  // The comments: the same, with the thread on clause 2.1 on screen.
  const commentsButton = page.getByRole("button", { name: /^Comments/ });
  await commentsButton.click();
  const thread = page.locator(".comments__list .thread", { hasText: "regular pathways" });
  await expectOnScreen(thread);
  await expect(thread).toContainText("Name the pathways");
  await expectNoSideScroll(page, "editor with the comments open");
  await page.keyboard.press("Escape");
  await expect(thread).toBeHidden();
  await expect(commentsButton).toBeFocused();
  // Closed, the comments cover none of the text.
  await expectOnScreen(clause(page, "2.1"));

  // Commenting on a phone: select words, "Comment"; the drawer opens on the new comment.
  await clause(page, "2.1").locator("p").click();
  await selectWords(page, "2.1", "for migrants");
  await page.getByRole("button", { name: "Comment", exact: true }).first().click();
  const composer = page.getByRole("combobox", { name: "New comment" });
  await expect(composer).toBeFocused();
  await expectOnScreen(composer);
  await page.keyboard.type("Say whose pathways: migrants and refugees alike.");
  await page.locator(".thread--new").getByRole("button", { name: "Comment", exact: true }).click();
  await expectOnScreen(page.locator(".comments__list .thread", { hasText: "for migrants" }));
  await expectNoSideScroll(page, "editor after commenting");
  await context.close();
});

/** Text cut by its box (ellipsis or overflow hidden): drawn wider than the box shows. */
function isCut(locator: ReturnType<Page["locator"]>): Promise<boolean> {
  return locator.evaluate((element) => element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
}

test("nothing is cut: a long title with five people present, the offline message, on a laptop and a phone", async ({ browser, workspace }) => {
  const title = "Now and How: Ten Acts for the Global Compact for Safe, Orderly and Regular Migration, as agreed by the regional consultations";
  const chairContext = await contextFor(browser, workspace.chair);
  const created = await chairContext.request.post("/api/documents", { data: { title, template: "ten-acts", workspaceId: workspace.id } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const others = [];
  for (const [role, name] of [["coordinator", "Maria Santos"], ["coordinator", "Kofi Mensah"], ["reviewer", "Lena Reviewer"], ["observer", "Oskar Observer"]] as const) {
    const context = await contextFor(browser, await invitePerson(browser, workspace, role, name));
    await openStatement(await context.newPage(), id);
    others.push(context);
  }

  for (const viewport of [{ width: 1440, height: 900 }, phone]) {
    const context = await contextFor(browser, workspace.chair);
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await openStatement(page, id);
    const where = `at ${viewport.width}px`;
    // Five people: two avatars and "+3", which lists everyone.
    await expect(page.locator(".presence__more"), where).toHaveText("+3");
    await page.locator(".presence__more").click();
    for (const name of ["Maria Santos", "Kofi Mensah", "Lena Reviewer", "Oskar Observer"]) await expect(page.locator(".presence__all").getByText(name)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.locator(".presence__all")).toBeHidden();
    // The title: whole in its tooltip and accessible name, and the bar does not overflow.
    await expect(page.locator(".topbar__title")).toHaveAttribute("title", title);
    expect(await page.locator(".topbar").evaluate((bar) => bar.scrollWidth <= bar.clientWidth), `top bar fits ${where}`).toBe(true);
    for (const item of await page.locator(".topbar__meta > *").all()) expect(await isCut(item), `${await item.textContent()} ${where}`).toBe(false);

    // Offline: the whole message reads, wrapped if need be, never cut.
    await context.setOffline(true);
    await expect(page.locator(".connection")).toHaveAttribute("data-state", "offline");
    const detail = page.locator(".connection__detail");
    await expect(detail).toHaveText("You are offline. Keep writing: changes are kept on this device and sent when you reconnect.");
    expect(await isCut(detail), `offline message cut ${where}`).toBe(false);
    await context.setOffline(false);
    await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
    await context.close();
  }
  for (const context of [chairContext, ...others]) await context.close();
});
