import { test, expect } from "./fixtures.js";

const phone = { width: 390, height: 844 };

test("the unsubscribe page does nothing until its button is pressed, by keyboard, on a phone", async ({ browser, workspace }) => {
  expect(workspace.id).toBeTruthy();
  const context = await browser.newContext({ viewport: phone });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/unsubscribe")) requests.push(request.method());
  });
  // A secret no mail carried: the page must not act on load, whatever the link.
  await page.goto(`/unsubscribe#${"a".repeat(43)}`);
  const stop = page.getByRole("button", { name: "Stop the emails" });
  await expect(stop).toBeVisible();
  await expect(page.getByRole("heading", { name: "Stop notification emails" })).toBeVisible();
  expect(requests).toEqual([]);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);

  // By keyboard: tab to the button and press it.
  for (let i = 0; i < 10 && !(await stop.evaluate((button) => button === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(stop).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(/This link is not valid/);
  expect(requests).toEqual(["POST"]);

  // A link cut short says so at once, without asking the server.
  const cut = await context.newPage();
  cut.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/unsubscribe")) requests.push(request.method());
  });
  await cut.goto("/unsubscribe#short");
  await expect(cut.getByRole("status")).toHaveText(/This link is not valid/);
  await expect(cut.getByRole("button", { name: "Stop the emails" })).toHaveCount(0);
  expect(requests).toEqual(["POST"]);
  // A link mangled on the way (an escape that decodes to nothing) says the same, and the page does not break.
  await cut.goto(`/unsubscribe#${"a".repeat(40)}%E0`);
  await expect(cut.getByRole("status")).toHaveText(/This link is not valid/);
  await expect(cut.getByRole("heading", { name: "Stop notification emails" })).toBeVisible();
  expect(requests).toEqual(["POST"]);
  await context.close();
});
