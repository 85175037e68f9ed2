import { test, expect } from "./fixtures.js";

test("a signed-out page logs no console errors and no failed requests", async ({ browser, workspace }) => {
  expect(workspace.id).toBeTruthy();
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  for (const path of ["/", "/d/not-a-statement", "/members"]) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  }
  expect(problems).toEqual([]);
  await context.close();
});

test("API clients still get 401 from /api/me; the session route answers signed-out as a normal answer", async ({ request }) => {
  const me = await request.get("/api/me");
  expect(me.status()).toBe(401);
  expect(((await me.json()) as { error: { id: string } }).error.id).toBe("sign_in_required");
  const session = await request.get("/api/session");
  expect(session.status()).toBe(200);
  expect(await session.json()).toEqual({ me: null });
});
