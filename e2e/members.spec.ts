import { test, expect, invitePerson, contextFor } from "./fixtures.js";
import type { Page } from "@playwright/test";

/** Every API answer the page got with a 4xx/5xx status, as "METHOD path status". */
function refusedCalls(page: Page): string[] {
  const refused: string[] = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith("/api/") && response.status() >= 400) refused.push(`${response.request().method()} ${url.pathname} ${response.status()}`);
  });
  return refused;
}

for (const role of ["coordinator", "reviewer", "observer"] as const) {
  test(`a ${role} sees who is in the workspace, with nothing refused and no chair controls`, async ({ browser, workspace }) => {
    const person = await invitePerson(browser, workspace, role, `Noor ${role[0]!.toUpperCase()}${role.slice(1)}`);
    const context = await contextFor(browser, person);
    const page = await context.newPage();
    const refused = refusedCalls(page);
    await page.goto("/members");
    await page.waitForLoadState("networkidle");
    expect(refused).toEqual([]);
    const people = page.getByRole("region", { name: "Members" });
    await expect(people.getByRole("row", { name: /Amina Chair/ })).toContainText("Chair");
    await expect(people.getByRole("row", { name: new RegExp(person.displayName) })).toContainText("(you)");
    await expect(page.getByRole("alert")).toHaveCount(0);
    // Chair-only parts are not drawn at all, not drawn and refused.
    await expect(page.getByRole("region", { name: "Invite" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Audit log" })).toHaveCount(0);
    await expect(page.getByRole("combobox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Remove" })).toHaveCount(0);
    // Emails stay with the chairs.
    await expect(people).not.toContainText(workspace.chair.email);
    expect(refused).toEqual([]);
    await context.close();
  });
}

test("the Members link is in the navigation for every role", async ({ browser, workspace }) => {
  const person = await invitePerson(browser, workspace, "observer", "Noor Observer");
  const context = await contextFor(browser, person);
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await context.close();
});
