/**
 * `npm run screenshots`: a PNG of every page at 1440x900 and 390x844, as the demo shows it,
 * into reports/screenshots/<page>-<size>[-<role>].png, and in Arabic (right to left) and
 * French as <page>-<size>-ar.png / -fr.png (browsers preferring those languages).
 *
 * Builds nothing: it serves the dist/client already built (`npm run build` first). It starts
 * the demo server (server/demo/main.ts) on a free port over a temporary data folder, waits
 * for /api/health and for the demo accounts to sign in, then drives the system Chromium.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
// The chromium of playwright-core, re-exported by the test runner the project depends on.
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "reports", "screenshots");
const password = "demo-password";
const sizes = [
  { name: "1440x900", viewport: { width: 1440, height: 900 } },
  { name: "390x844", viewport: { width: 390, height: 844 } },
] as const;
type Size = (typeof sizes)[number];
type Role = "chair" | "coordinator" | "reviewer" | "observer";
/** The interface languages shot: English (every role), then Arabic and French (as the chair). */
const languages = [
  { locale: "en-US", suffix: "" },
  { locale: "ar", suffix: "-ar" },
  { locale: "fr-FR", suffix: "-fr" },
] as const;
type Language = (typeof languages)[number];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll until `check` succeeds or `seconds` pass; the last failure says why. */
async function waitFor(what: string, seconds: number, check: () => Promise<boolean>, server: ChildProcess): Promise<void> {
  const until = Date.now() + seconds * 1000;
  let last = "";
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`the demo server exited (${server.exitCode}) before ${what}`);
    try {
      if (await check()) return;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
}

async function signedIn(browser: Browser, base: string, size: Size, role: Role, language: Language = languages[0]): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: size.viewport, locale: language.locale });
  const response = await context.request.post("/api/auth/login", { data: { email: `${role}@example.org`, password } });
  if (!response.ok()) throw new Error(`sign in as ${role}: HTTP ${response.status()}`);
  return context;
}

/** Wait for what makes a page worth looking at; a page that never shows it is still shot, with a warning. */
async function ready(page: Page, selector: string, name: string): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ state: "visible", timeout: 15_000 });
  } catch {
    process.stderr.write(`  warning: ${name}: "${selector}" did not appear\n`);
  }
  await page.evaluate(() => document.fonts.ready);
  // Smooth scrolls and the connection's first sync settle.
  await page.waitForTimeout(400);
}

async function shoot(page: Page, file: string, fullPage: boolean): Promise<void> {
  await page.screenshot({ path: path.join(outDir, file), fullPage });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  const inner = page.viewportSize()!.width;
  process.stdout.write(`  ${file}${width > inner ? `  (scrolls sideways: ${width} px wide)` : ""}\n`);
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, "dist", "client", "index.html"))) {
    throw new Error("dist/client is missing: run `npm run build` first (this script builds nothing)");
  }
  mkdirSync(outDir, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), "drafting-screenshots-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "server", "demo", "main.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let browser: Browser | null = null;
  try {
    await waitFor("/api/health", 60, async () => (await fetch(`${base}/api/health`)).ok, server);
    // The accounts exist once signing in works (the seed may still be running after health answers).
    await waitFor(
      "the demo accounts",
      60,
      async () => (await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "chair@example.org", password }) })).ok,
      server,
    );
    browser = await chromium.launch({
      executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    // What the demo seeded: the first statement, its last version, the chair's workspace.
    const probe = await signedIn(browser, base, sizes[0], "chair");
    const me = (await (await probe.request.get("/api/me")).json()) as { memberships: { workspace: { id: string } }[] };
    const workspaceId = me.memberships[0]!.workspace.id;
    const { documents } = (await (await probe.request.get(`/api/documents?workspaceId=${workspaceId}`)).json()) as { documents: { id: string; title: string }[] };
    const statement = documents[0];
    if (!statement) throw new Error("the demo seeded no statement");
    const { versions } = (await (await probe.request.get(`/api/documents/${statement.id}/versions`)).json()) as { versions: { id: string }[] };
    const versionId = versions.at(-1)?.id ?? "live";
    // The matrix's government with the most on its page (the demo gives Germany notes, evidence and advocates).
    const matrix = (await (await probe.request.get(`/api/documents/${statement.id}/matrix`)).json()) as { targets: { id: string; code: string | null }[] };
    const governmentId = matrix.targets.find((target) => target.code === "DE")?.id ?? matrix.targets[0]?.id ?? "none";
    const invite = await probe.request.post(`/api/workspaces/${workspaceId}/invites`, { data: { role: "reviewer" } });
    const token = invite.ok() ? ((await invite.json()) as { token: string }).token : null;
    await probe.close();
    process.stdout.write(`Demo at ${base}: "${statement.title}", ${versions.length} version(s)\n`);

    for (const language of languages) for (const size of sizes) {
      const at = `${size.name}${language.suffix}`;
      const visitor = await browser.newContext({ baseURL: base, viewport: size.viewport, locale: language.locale });
      const entry = await visitor.newPage();
      await entry.goto("/");
      await ready(entry, "form", "sign-in");
      await shoot(entry, `sign-in-${at}.png`, false);
      if (token) {
        await entry.goto(`/invite/${token}`);
        await ready(entry, "form", "invitation");
        await shoot(entry, `invitation-${at}.png`, false);
      }
      // The public sign-on page of the version (the demo opened sign-on for it): the text, then the form.
      await entry.goto(`/sign/${versionId}`);
      await ready(entry, ".sign-on-page__act", "sign-on");
      await shoot(entry, `sign-on-${at}.png`, false);
      // The form, or (the demo sends no mail) the notice saying sign-on by email is unavailable.
      await entry.locator(".sign-on-page form, .sign-on-page .notice").first().evaluate((element) => element.scrollIntoView({ block: "start" }));
      await shoot(entry, `sign-on-form-${at}.png`, false);
      await visitor.close();

      const chair = await signedIn(browser, base, size, "chair", language);
      const page = await chair.newPage();
      await page.goto("/");
      await ready(page, ".document-list li", "statements");
      await shoot(page, `statements-${at}.png`, true);
      // The bell's panel, open (the demo's mentions, sign-ons and round news).
      await page.locator(".nav__bell .bell__button").click();
      await ready(page, ".bell__panel .bell__item", "notifications");
      await shoot(page, `notifications-${at}.png`, false);
      await page.keyboard.press("Escape");

      await page.goto(`/d/${statement.id}`);
      await ready(page, '.connection[data-state="connected"]', "editor");
      await ready(page, ".statement .act", "editor");
      const commentsButton = page.locator(".drawer-toggle--comments");
      if (await commentsButton.isVisible()) {
        // On a phone the comments are a drawer: the text alone first, then with the comments open.
        await shoot(page, `editor-text-${at}.png`, false);
        await commentsButton.click();
        await ready(page, ".workspace__comments .thread", "editor comments");
      }
      await shoot(page, `editor-${at}.png`, false);
      const actsButton = page.locator(".drawer-toggle--outline");
      if (await actsButton.isVisible()) {
        await page.keyboard.press("Escape");
        await actsButton.click();
        await ready(page, ".outline__act", "editor outline");
        await shoot(page, `editor-outline-${at}.png`, false);
      }

      await page.goto(`/d/${statement.id}/history`);
      await ready(page, ".rounds__item", "history");
      await ready(page, ".chart", "history");
      await shoot(page, `history-${at}.png`, true);
      const compare = page.getByRole("region", { name: "Compare" });
      if (await compare.isVisible()) {
        await compare.evaluate((element) => element.scrollIntoView({ block: "start" }));
        await shoot(page, `compare-${at}.png`, false);
      }

      await page.goto(`/d/${statement.id}/versions/${versionId}`);
      await ready(page, ".version__comments", "version");
      await shoot(page, `version-${at}.png`, true);
      const signOn = page.locator("section.sign-on");
      await ready(page, "section.sign-on .sign-on__entry", "sign-on panel");
      await signOn.evaluate((element) => element.scrollIntoView({ block: "start" }));
      await shoot(page, `version-sign-on-${at}.png`, false);

      await page.goto("/members");
      await ready(page, "table", "members");
      await shoot(page, `members-${at}.png`, true);

      await page.goto("/account");
      await ready(page, "h1", "account");
      await shoot(page, `account-${at}.png`, true);

      // The Surround Sound matrix: the heat map, a government's page, the targets and groups.
      await page.goto(`/d/${statement.id}/matrix`);
      await ready(page, ".matrix-table .matrix-cell__button, .matrix-card__acts button", "matrix");
      await shoot(page, `matrix-${at}.png`, false);
      await page.goto(`/d/${statement.id}/matrix?view=gaps`);
      await ready(page, ".matrix-tabs", "matrix gaps");
      await shoot(page, `matrix-gaps-${at}.png`, false);
      await page.goto(`/d/${statement.id}/matrix/t/${governmentId}`);
      await ready(page, ".matrix-government h1", "matrix government");
      await shoot(page, `matrix-government-${at}.png`, true);
      await page.goto(`/d/${statement.id}/matrix/manage`);
      await ready(page, "h1", "matrix targets");
      await shoot(page, `matrix-manage-${at}.png`, false);
      await chair.close();

      if (language.suffix !== "") continue;
      for (const role of ["reviewer", "observer"] as const) {
        const context = await signedIn(browser, base, size, role);
        const reader = await context.newPage();
        await reader.goto(`/d/${statement.id}`);
        await ready(reader, '.connection[data-state="connected"]', `editor as ${role}`);
        await ready(reader, ".statement .act", `editor as ${role}`);
        await shoot(reader, `editor-${size.name}-${role}.png`, false);
        await reader.goto(`/d/${statement.id}/matrix/t/${governmentId}`);
        await ready(reader, ".matrix-government h1", `matrix government as ${role}`);
        await shoot(reader, `matrix-government-${size.name}-${role}.png`, true);
        await context.close();
      }
    }
    process.stdout.write(`Screenshots in ${path.relative(process.cwd(), outDir) || "."}\n`);
  } finally {
    await browser?.close();
    server.kill("SIGTERM");
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
