import { test, expect, invitePerson, contextFor } from "./fixtures.js";

test("a member changes their password: the current one is checked, other browsers are signed out", async ({ browser, workspace }) => {
  const rosa = await invitePerson(browser, workspace, "coordinator", "Rosa Account");
  const elsewhere = await contextFor(browser, rosa);
  const context = await contextFor(browser, rosa);
  const page = await context.newPage();
  await page.goto("/account");
  const form = page.getByRole("form", { name: "Change password" });

  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password", { exact: true }).fill("rosa-second-password");
  await form.getByLabel("New password again").fill("rosa-second-password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toHaveText("Your current password is not right.");

  await form.getByLabel("New password again").fill("rosa-second-passwor");
  await expect(form.getByText("The two new passwords differ.")).toBeVisible();
  await expect(form.getByRole("button", { name: "Change password" })).toBeDisabled();
  await form.getByLabel("New password again").fill("rosa-second-password");
  await form.getByLabel("Current password").fill(rosa.password);
  await form.getByRole("button", { name: "Change password" }).click();
  // `elsewhere`, and the browser that accepted her invitation.
  await expect(form.getByRole("status")).toHaveText("Password changed. 2 other browsers were signed out.");
  await expect(form.getByLabel("Current password")).toHaveValue("");

  // This browser stays signed in; the other one is out; the new password signs in.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Rosa Account" })).toBeVisible();
  expect((await elsewhere.request.get("/api/me")).status()).toBe(401);
  const fresh = await browser.newContext();
  expect((await fresh.request.post("/api/auth/login", { data: { email: rosa.email, password: rosa.password } })).status()).toBe(401);
  expect((await fresh.request.post("/api/auth/login", { data: { email: rosa.email, password: "rosa-second-password" } })).status()).toBe(200);
  // Later e2e specs sign Rosa in with her invitation password.
  expect((await fresh.request.post("/api/me/password", { data: { currentPassword: "rosa-second-password", newPassword: rosa.password } })).status()).toBe(200);
  await Promise.all([fresh.close(), elsewhere.close(), context.close()]);
});

test("a new token for scripts is shown once, with a Copy button", async ({ browser, workspace }) => {
  const context = await contextFor(browser, workspace.chair);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await page.goto("/account");
  const tokens = page.getByRole("region", { name: "Tokens" });
  await tokens.getByRole("textbox", { name: "Token name" }).fill("export script");
  await tokens.getByLabel("Password").fill(workspace.chair.password);
  await tokens.getByRole("button", { name: "Create token" }).click();
  const token = await tokens.getByRole("textbox", { name: "New token" }).inputValue();
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await tokens.getByRole("button", { name: "Copy" }).click();
  await expect(tokens.getByRole("status")).toHaveText("Copied to the clipboard.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  const me = await (await fetch(`${new URL(page.url()).origin}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json();
  expect(me).toMatchObject({ account: { displayName: "Amina Chair" } });
  await context.close();
});
