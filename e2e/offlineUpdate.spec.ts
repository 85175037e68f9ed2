/**
 * A new deploy of the client while a tab is open: the tab offers "Reload" and, once
 * pressed, runs the new build. Serves its own copy of the build so it can deploy over it.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServerProcess } from "../server/testing/serverProcess.js";
import { test, expect, signIn } from "./fixtures.js";

const chair = { email: "ines@example.org", password: "chair-password", displayName: "Ines Chair" };

/** Deploy a changed page: new index.html, and a service worker whose precache names its new revision. */
function deployNewVersion(clientDir: string): void {
  const indexPath = path.join(clientDir, "index.html");
  const before = readFileSync(indexPath, "utf8");
  const after = before.replace("<head>", '<head>\n    <meta name="build" content="second" />');
  const md5 = (text: string) => createHash("md5").update(text).digest("hex");
  const swPath = path.join(clientDir, "sw.js");
  const sw = readFileSync(swPath, "utf8");
  expect(sw).toContain(md5(before));
  writeFileSync(indexPath, after);
  writeFileSync(swPath, sw.replace(md5(before), md5(after)));
}

test("a new deploy is offered with a Reload prompt and, once accepted, takes over the tab", async ({ browser }) => {
  const root = mkdtempSync(path.join(tmpdir(), "drafting-deploy-"));
  const clientDir = path.join(root, "client");
  cpSync(path.resolve("dist/client"), clientDir, { recursive: true });
  const server = await startServerProcess(path.join(root, "data"), 0, { CLIENT_DIR: clientDir });
  try {
    const context = await browser.newContext({ baseURL: server.url });
    expect((await context.request.post("/api/setup", { data: { workspaceName: "Deploys", ...chair, tenActs: false } })).status()).toBe(201);
    await signIn(context, chair);
    const page = await context.newPage();
    await page.goto("/");
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state ?? null)).toBe("activated");
    await page.reload();
    await expect(page.getByRole("link", { name: "Statements" })).toBeVisible();
    await expect(page.locator('meta[name="build"]')).toHaveCount(0);

    deployNewVersion(clientDir);
    // Browsers look for a new worker at navigations and on the tab's hourly check; ask now.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const prompt = page.getByRole("status").filter({ hasText: "A new version of the workspace is ready." });
    await expect(prompt).toBeVisible();
    // Until accepted, the tab keeps running the version it has.
    await expect(page.locator('meta[name="build"]')).toHaveCount(0);
    await prompt.getByRole("button", { name: "Reload" }).click();
    await expect(page.locator('meta[name="build"]')).toHaveAttribute("content", "second");
    await expect(page.getByRole("link", { name: "Statements" })).toBeVisible();
    await expect(prompt).toHaveCount(0);
    await context.close();
  } finally {
    server.process.kill("SIGTERM");
    await server.exited;
    rmSync(root, { recursive: true, force: true });
  }
});
