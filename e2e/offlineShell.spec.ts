/**
 * The app shell offline: a statement opened once opens again with no connection at all
 * (server gone, browser restarted), takes edits, and sends them when the server is back.
 * Runs its own server process, since it stops it and starts it again on the same port.
 */
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import config from "../playwright.config.js";
import { startServerProcess, type ServerProcess } from "../server/testing/serverProcess.js";
import { test, expect, signIn, typeAtEndOf, expectClause, offlineCopyFlushed, openStatement } from "./fixtures.js";

const chair = { email: "olu@example.org", password: "chair-password", displayName: "Olu Chair" };

async function stop(server: ServerProcess): Promise<void> {
  server.process.kill("SIGTERM");
  await server.exited;
}

/** Chromium with a profile on disk (service workers, caches, IndexedDB survive a restart). */
function launch(profile: string, baseURL: string): Promise<BrowserContext> {
  const { launchOptions, viewport } = config.use ?? {};
  return chromium.launchPersistentContext(profile, {
    executablePath: launchOptions?.executablePath,
    args: launchOptions?.args,
    headless: true,
    viewport: viewport ?? null,
    baseURL,
  });
}

/** The active service worker's script (its precache is complete once it is active), or null. */
function activeWorker(page: Page): Promise<string | null> {
  return page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? null);
}

test("a statement opened before opens with the network cut and the browser restarted, takes edits, and syncs when the network returns", async ({ browser }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-shell-"));
  const profile = mkdtempSync(path.join(tmpdir(), "drafting-profile-"));
  let server = await startServerProcess(dataDir);
  const port = server.port;
  try {
    // Online: set up, sign in, open the statement once.
    let context = await launch(profile, server.url);
    const setup = await context.request.post("/api/setup", { data: { workspaceName: "Shell coalition", ...chair, tenActs: false } });
    expect(setup.status()).toBe(201);
    const workspaceId = ((await setup.json()) as { memberships: { workspace: { id: string } }[] }).memberships[0]!.workspace.id;
    await signIn(context, chair);
    const created = await context.request.post("/api/documents", { data: { title: "Shell statement", template: "ten-acts", workspaceId } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    let page = context.pages()[0] ?? (await context.newPage());
    await openStatement(page, id);
    // Soft: without an app shell the test goes on to show what a person would meet offline.
    await expect.soft.poll(() => activeWorker(page), { message: "an active service worker" }).toMatch(/\/sw\.js$/);
    // Chromium's own verdict: the manifest reads cleanly and the app can be installed.
    const cdp = await context.newCDPSession(page);
    expect((await cdp.send("Page.getAppManifest")).errors).toEqual([]);
    expect((await cdp.send("Page.getInstallabilityErrors")).installabilityErrors).toEqual([]);
    await context.close();

    // The network is cut: the server is gone and the browser says it is offline.
    await stop(server);
    context = await launch(profile, server.url);
    await context.setOffline(true);
    page = context.pages()[0] ?? (await context.newPage());
    // The front page, as the same person, lists what this device can open.
    await page.goto("/");
    const onDevice = page.getByRole("navigation", { name: "Statements on this device" });
    await expect(onDevice.getByRole("link", { name: "Shell statement" })).toBeVisible();
    await expect(page.getByText("Olu Chair").first()).toBeVisible();
    await page.goto(`/d/${id}`);
    await expect(page.getByRole("heading", { name: "Shell statement" })).toBeVisible();
    await expect(page.locator(".connection")).toHaveAttribute("data-state", "offline");
    await expect(page.locator(".statement .act")).toHaveCount(10);
    await expect(page.getByText("Olu Chair", { exact: false }).first()).toBeVisible();
    await typeAtEndOf(page, "2.1", "Written with no connection after a restart.");
    await expectClause(page, "2.1", "Written with no connection after a restart.");
    await offlineCopyFlushed(page, id);

    // The network returns: same port, same data.
    server = await startServerProcess(dataDir, port);
    await context.setOffline(false);
    await expect(page.locator(".connection")).toHaveAttribute("data-state", "connected");

    // Another person's browser sees the edit.
    const other = await browser.newContext({ baseURL: server.url });
    await signIn(other, chair);
    const otherPage = await other.newPage();
    await otherPage.goto(`/d/${id}`);
    await expectClause(otherPage, "2.1", "Written with no connection after a restart.");
    await other.close();
    await context.close();
  } finally {
    await stop(server).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the server serves the service worker, the manifest and the icons with the right types and caching", async ({ request, server }) => {
  const sw = await request.get(`${server.url}/sw.js`);
  expect(sw.status()).toBe(200);
  expect(sw.headers()["content-type"]).toMatch(/javascript/);
  expect(sw.headers()["cache-control"]).toBe("no-cache");
  const manifest = await request.get(`${server.url}/manifest.webmanifest`);
  expect(manifest.status()).toBe(200);
  expect(manifest.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
  const body = (await manifest.json()) as { name: string; theme_color: string; icons: { src: string; sizes: string; type: string }[] };
  expect(body.name).toBe("Drafting workspace");
  expect(body.theme_color).toBe("#1d4ed8");
  for (const icon of body.icons) {
    const response = await request.get(`${server.url}/${icon.src.replace(/^\//, "")}`);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"], icon.src).toBe(icon.type);
  }
  expect(body.icons.some((icon) => icon.sizes === "512x512")).toBe(true);
  const favicon = await request.get(`${server.url}/favicon.ico`);
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\//);
  // The worker may load only from this origin (CSP), and the page names it.
  const page = await request.get(`${server.url}/`);
  const csp = page.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toContain("manifest-src 'self'");
  const html = await page.text();
  expect(html).toContain('rel="manifest"');
  expect(html).toMatch(/rel="icon"[^>]*href="\/favicon/);
});
