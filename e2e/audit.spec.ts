import { readFileSync } from "node:fs";
import { test, expect, invitePerson, contextFor } from "./fixtures.js";

test("a chair reads the audit log as sentences, filters it by person and downloads it as CSV", async ({ browser, statementId, workspace }) => {
  const kofi = await invitePerson(browser, workspace, "reviewer", "Kofi Mensah");
  const chairContext = await contextFor(browser, workspace.chair);
  const chair = await chairContext.newPage();
  chair.on("dialog", (dialog) => void dialog.accept());

  // A role change on the members page.
  await chair.goto("/members");
  await chair.getByRole("combobox", { name: "Role of Kofi Mensah" }).selectOption("coordinator");
  await expect(chair.getByRole("combobox", { name: "Role of Kofi Mensah" })).toHaveValue("coordinator");

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
  await expect(log).toContainText("Amina Chair changed Kofi Mensah’s role from reviewer to coordinator");
  await expect(log).toContainText("Amina Chair opened round “Zero draft” of “Now and How: Ten Acts”");
  await expect(log).toContainText(/Amina Chair froze “Zero draft” of “Now and How: Ten Acts” \(version [0-9a-f]{8}…\)/);
  await expect(log).toContainText("Kofi Mensah joined as reviewer");
  await expect(log).toContainText("Amina Chair invited a reviewer");
  // No raw action codes or ids in what a chair reads.
  await expect(entries).not.toContainText("member_changed");
  await expect(entries).not.toContainText("round_frozen");

  // Filter by person: only what Kofi did or what was done to Kofi.
  await log.getByLabel("Person").selectOption({ label: "Kofi Mensah" });
  await expect(entries).not.toContainText("froze");
  await expect(entries).toContainText("Amina Chair changed Kofi Mensah’s role from reviewer to coordinator");
  await expect(log).toContainText("Kofi Mensah joined as reviewer");

  // The CSV carries the same filter.
  const [download] = await Promise.all([chair.waitForEvent("download"), log.getByRole("link", { name: "Download CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain("Description");
  expect(csv).toContain("Amina Chair changed Kofi Mensah’s role from reviewer to coordinator");
  expect(csv).not.toContain("froze");
  expect(kofi.displayName).toBe("Kofi Mensah");
  await chairContext.close();
});
