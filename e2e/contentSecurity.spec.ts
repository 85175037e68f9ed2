/**
 * The pages run under the server's Content Security Policy without a single violation,
 * and the served client carries no source maps. Each test starts its own server on a
 * fresh data folder, so the first-run setup page is there to visit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect } from "./fixtures.js";
import { startServerProcess, type ServerProcess } from "../server/testing/serverProcess.js";

let dataDir: string;
let server: ServerProcess;

test.beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "drafting-e2e-csp-"));
  server = await startServerProcess(dataDir);
});
test.afterEach(async () => {
  server.process.kill("SIGTERM");
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Everything the browser reports against the policy, on every page of `context`: the
 * `securitypolicyviolation` events (caught `eval` probes report too) and console
 * messages naming the policy.
 */
async function watchPolicy(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeBinding("reportPolicyViolation", ({ page }, text: string) => {
    seen.push(`${new URL(page.url()).pathname}: ${text}`);
  });
  await context.addInitScript(() => {
    const report = (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation;
    document.addEventListener("securitypolicyviolation", (event) => {
      report(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  context.on("console", (message) => {
    if (/content security policy/i.test(message.text())) seen.push(`console ${message.type()}: ${message.text()}`);
  });
  return seen;
}

/** Let late reports (they are queued as tasks) arrive before the next step. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
}

test("setup, sign-in, statements, editor, history, members and the public sign-on pages run without a policy violation", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.url });
  const violations = await watchPolicy(context);
  const page = await context.newPage();

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Set up your workspace" })).toBeVisible();
  await settle(page);
  const setup = page.getByRole("form", { name: "Set up" });
  await setup.getByLabel("Workspace").fill("Civil society drafting");
  await setup.getByLabel("Your name").fill("Amina Chair");
  await setup.getByLabel("Email").fill("amina@example.org");
  await setup.getByLabel("Password").fill("chair-password");
  await setup.getByRole("button").click();

  await expect(page.getByRole("heading", { name: "Statements" })).toBeVisible();
  await settle(page);
  const create = page.getByRole("form", { name: "New statement" });
  await create.getByLabel("Title").fill("Now and How: Ten Acts");
  await create.getByRole("button", { name: "Create statement" }).click();
  await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");
  await expect(page.locator(".statement .act").first()).toBeVisible();
  await settle(page);
  const statementPath = new URL(page.url()).pathname;

  await page.goto(`${statementPath}/history`);
  await expect(page.getByRole("heading", { name: "Rounds and versions" })).toBeVisible();
  await settle(page);

  await page.goto("/members");
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  await settle(page);

  // A frozen version open for sign-on, for the public pages below.
  const documentId = statementPath.split("/").pop()!;
  const round = (await (await page.request.post(`/api/documents/${documentId}/rounds`, { data: { name: "Zero draft", draftPublished: "2018-02-05" } })).json()) as { id: string };
  const version = (await (await page.request.post(`/api/documents/${documentId}/rounds/${round.id}/freeze`)).json()) as { id: string };
  expect((await page.request.post(`/api/documents/${documentId}/versions/${version.id}/sign-on/open`)).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await settle(page);

  // The public sign-on pages allow no inline style at all.
  for (const path of [`/sign/${version.id}`, "/sign-on/confirm", "/sign-on/withdraw"]) {
    const policy = (await page.request.get(path)).headers()["content-security-policy"] ?? "";
    expect(policy, path).toContain("style-src 'self'");
    expect(policy, path).not.toContain("unsafe-inline");
  }
  await page.goto(`/sign/${version.id}`);
  await expect(page.getByRole("heading", { name: "Now and How: Ten Acts", level: 1 })).toBeVisible();
  await expect(page.getByText("Sign-on by email is unavailable")).toBeVisible();
  await settle(page);
  await page.goto(`/sign-on/confirm#${"x".repeat(43)}`);
  await page.getByRole("button", { name: "Confirm the sign-on" }).click();
  await expect(page.getByRole("status")).toHaveText("This link is not valid or has expired.");
  await settle(page);

  expect(violations).toEqual([]);
  await context.close();
});

test("the served client has no source maps", async ({ request }) => {
  const html = await (await request.get(`${server.url}/`)).text();
  const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    const response = await request.get(`${server.url}${script}`);
    expect(response.status()).toBe(200);
    expect((await response.text()).includes("sourceMappingURL"), `${script} names a source map`).toBe(false);
    expect((await request.get(`${server.url}${script}.map`)).status(), `${script}.map`).toBe(404);
  }
});
