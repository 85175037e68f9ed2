import { test, expect, contextFor, invitePerson, openStatement } from "./fixtures.js";

// The server looks for due freezes twice a second: the freeze lands within moments of its time.
test.use({ serverEnv: { SCHEDULER_TICK_MS: "500" } });

/** `at` as a date-and-time field in `timeZone` holds it ("2026-05-28T20:00"). */
function localField(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

test("a chair schedules the freeze on the History page; a coordinator's open editor counts down, then turns read-only at the time", async ({ browser, statementId, workspace }) => {
  test.setTimeout(150_000);
  // The chair reads times in Paris; the field takes their time, the page shows UTC too.
  const chairContext = await browser.newContext({ timezoneId: "Europe/Paris" });
  await chairContext.request.post("/api/auth/login", { data: { email: workspace.chair.email, password: workspace.chair.password } });
  const coordinatorContext = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Maria Coordinator"));
  const history = await chairContext.newPage();
  history.on("dialog", (dialog) => void dialog.accept());
  await history.goto(`/d/${statementId}/history`);
  await history.getByRole("textbox", { name: "Round name" }).fill("Rev 2");
  await history.getByLabel("Date of the governments' draft").fill("2026-05-01");
  await history.getByRole("button", { name: "Open a round" }).click();
  await expect(history.locator(".rounds__item", { hasText: "Rev 2" })).toContainText("Drafting");

  // A coordinator has the statement open before the freeze is scheduled.
  const coordinator = await coordinatorContext.newPage();
  await openStatement(coordinator, statementId);
  const banner = coordinator.getByRole("note", { name: "Scheduled freeze" });
  await expect(banner).toHaveCount(0);

  // The field is to the minute: the next whole minute at least 15 s away, filled about 12 s before it.
  let target = Math.ceil(Date.now() / 60_000) * 60_000;
  if (target - Date.now() < 15_000) target += 60_000;
  await history.waitForTimeout(Math.max(0, target - 12_000 - Date.now()));
  const at = new Date(target);
  const field = history.getByLabel("Freeze at (your time)");
  await field.focus();
  await field.fill(localField(at, "Europe/Paris"));
  const utc = `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")} UTC`;
  await expect(history.locator(".freeze-schedule__utc")).toContainText(utc);
  await field.press("Enter");
  const scheduled = history.locator(".freeze-schedule__when");
  await expect(scheduled).toHaveAttribute("data-freeze-at", at.toISOString());
  await expect(scheduled).toContainText(utc);
  await expect(history.getByRole("button", { name: "Cancel the scheduled freeze" })).toBeVisible();

  // Every member's open editor shows at once how long is left, until the round is frozen.
  await expect(banner).toContainText(/“Rev 2” closes in \d+ minutes? \(.+ UTC\)|“Rev 2” is closing now/);
  await expect(banner).toContainText(utc);
  await expect(coordinator.locator(".statement")).toHaveAttribute("aria-readonly", "false");

  await expect(coordinator.getByRole("note", { name: "Round frozen" })).toBeVisible({ timeout: 40_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(target);
  await expect(coordinator.locator(".statement")).toHaveAttribute("aria-readonly", "true");
  await expect(banner).toHaveCount(0);

  await history.reload();
  await expect(history.locator(".rounds__item", { hasText: "Rev 2" })).toContainText("Frozen");
  await expect(history.locator(".freeze-schedule")).toHaveCount(0);
  await chairContext.close();
  await coordinatorContext.close();
});
