import { mkdirSync, readFileSync } from "node:fs";
import { test, expect, invitePerson, contextFor } from "./fixtures.js";

test("a chair reads the audit log as sentences, filters it by person and downloads it as CSV", async ({ browser, statementId, workspace }) => {
  const kwame = await invitePerson(browser, workspace, "reviewer", "Kwame Boateng");
  const chairContext = await contextFor(browser, workspace.chair);
  const chair = await chairContext.newPage();
  chair.on("dialog", (dialog) => void dialog.accept());

  // A role change on the members page.
  await chair.goto("/members");
  await chair.getByRole("combobox", { name: "Role of Kwame Boateng" }).selectOption("coordinator");
  await expect(chair.getByRole("combobox", { name: "Role of Kwame Boateng" })).toHaveValue("coordinator");

  // A round opened and frozen on the history page.
  await chair.goto(`/d/${statementId}/history`);
  await chair.getByRole("textbox", { name: "Round name" }).fill("Zero draft");
  await chair.getByLabel("Date of the governments' draft").fill("2018-02-05");
  await chair.getByRole("button", { name: "Open a round" }).click();
  await expect(chair.locator(".rounds__item", { hasText: "Zero draft" })).toContainText("Drafting");
  await chair.getByRole("button", { name: "Freeze “Zero draft”" }).click();
  await expect(chair.locator(".rounds__item", { hasText: "Zero draft" })).toContainText("Frozen");

  await chair.goto("/members");
  const log = chair.getByRole("region", { name: "Audit log" });
  const entries = log.getByRole("table");
  await expect(log).toContainText("Amina Chair changed Kwame Boateng’s role from reviewer to coordinator");
  await expect(log).toContainText("Amina Chair opened round “Zero draft” of “Now and How: Ten Acts”");
  await expect(log).toContainText(/Amina Chair froze “Zero draft” of “Now and How: Ten Acts” \(version [0-9a-f]{8}…\)/);
  await expect(log).toContainText("Kwame Boateng joined as reviewer");
  await expect(log).toContainText("Amina Chair invited a reviewer");
  // No raw action codes or ids in what a chair reads.
  await expect(entries).not.toContainText("member_changed");
  await expect(entries).not.toContainText("round_frozen");

  // Filter by person: only what Kwame did or what was done to Kwame.
  await log.getByLabel("Person").selectOption({ label: "Kwame Boateng" });
  await expect(entries).not.toContainText("froze");
  await expect(entries).toContainText("Amina Chair changed Kwame Boateng’s role from reviewer to coordinator");
  await expect(log).toContainText("Kwame Boateng joined as reviewer");

  // The CSV carries the same filter.
  const [download] = await Promise.all([chair.waitForEvent("download"), log.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain("Description");
  expect(csv).toContain("Amina Chair changed Kwame Boateng’s role from reviewer to coordinator");
  expect(csv).not.toContain("froze");
  expect(kwame.displayName).toBe("Kwame Boateng");
  await chairContext.close();
});

test("on a phone the audit log is a list without horizontal scroll, and filters by keyboard", async ({ browser, statementId, workspace }) => {
  await invitePerson(browser, workspace, "reviewer", "Kwame Boateng");
  const chairContext = await contextFor(browser, workspace.chair);
  const setup = chairContext.request;
  const round = (await (await setup.post(`/api/documents/${statementId}/rounds`, { data: { name: "Draft revision 1 with a long name", draftPublished: "2018-03-26" } })).json()) as { id: string };
  expect((await setup.post(`/api/documents/${statementId}/rounds/${round.id}/freeze`)).status()).toBe(201);

  const shotsDir = process.env["AUDIT_SHOTS"] ?? "reports/screenshots";
  mkdirSync(shotsDir, { recursive: true });
  const desktop = await chairContext.newPage();
  await desktop.setViewportSize({ width: 1440, height: 900 });
  await desktop.goto("/members");
  await expect(desktop.getByRole("region", { name: "Audit log" }).getByRole("table")).toContainText("froze “Draft revision 1 with a long name”");
  await desktop.getByRole("region", { name: "Audit log" }).screenshot({ path: `${shotsDir}/audit-1440.png` });

  const phone = await chairContext.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto("/members");
  const log = phone.getByRole("region", { name: "Audit log" });
  await expect(log.getByRole("table")).toContainText("froze “Draft revision 1 with a long name”");
  // Nothing in the audit log is wider than the screen, and rows stack as entries.
  expect(await log.evaluate((section) => section.scrollWidth <= section.clientWidth)).toBe(true);
  const box = await log.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  expect(await log.locator("tbody tr").first().evaluate((row) => getComputedStyle(row).display)).toBe("block");
  await log.screenshot({ path: `${shotsDir}/audit-390.png` });

  // Keyboard only: reach the action filter, choose "Round frozen", see only freezes.
  const action = log.getByLabel("Action");
  await log.getByLabel("Person").focus();
  await phone.keyboard.press("Tab");
  await expect(action).toBeFocused();
  expect(await action.evaluate((select) => getComputedStyle(select).outlineStyle)).not.toBe("none");
  await action.selectOption({ label: "Round frozen" });
  await expect(log.locator("tbody tr")).not.toHaveCount(0);
  for (const text of await log.locator("tbody tr").allTextContents()) expect(text).toContain("froze");
  await phone.keyboard.press("Tab");
  await expect(log.getByLabel("From")).toBeFocused();
  await chairContext.close();
});
