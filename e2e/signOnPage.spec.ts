/**
 * The public sign-on page at phone size, signed out: an organisation signs on, the
 * confirmation mail reaches a real SMTP server started here, its link (once its button is
 * pressed: opening it changes nothing) confirms the entry, a chair approves it and the
 * version's DOCX lists it under its region; the other link withdraws it. Bad input is
 * shown per field (the page's checks and the server's); the honeypot stays hidden; Arabic
 * reads right to left. These pages run under a policy without inline styles, unbroken.
 */
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import type { BrowserContext, Page, Response } from "@playwright/test";
import { test as base, expect, contextFor } from "./fixtures.js";
import { startSmtpServer, type TestSmtpServer } from "../server/testing/smtpServer.js";

const test = base.extend<{ versionId: string }, { smtp: TestSmtpServer }>({
  smtp: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const smtp = await startSmtpServer();
      await use(smtp);
      await smtp.close();
    },
    { scope: "worker" },
  ],
  serverEnv: [async ({ smtp }, use) => use({ SMTP_URL: smtp.url, MAIL_FROM: "Drafting workspace <drafting@example.org>" }), { scope: "worker" }],
  /** A frozen version of a fresh statement, its sign-on opened by the chair through the API. */
  versionId: async ({ browser, workspace, statementId }, use) => {
    const chair = await contextFor(browser, workspace.chair);
    const round = await chair.request.post(`/api/documents/${statementId}/rounds`, { data: { name: "Zero draft", draftPublished: "2018-02-05" } });
    expect(round.status()).toBe(201);
    const { id: roundId } = (await round.json()) as { id: string };
    const frozen = await chair.request.post(`/api/documents/${statementId}/rounds/${roundId}/freeze`);
    expect(frozen.status()).toBe(201);
    const { id } = (await frozen.json()) as { id: string };
    expect((await chair.request.post(`/api/documents/${statementId}/versions/${id}/sign-on/open`)).status()).toBe(200);
    await chair.close();
    await use(id);
  },
});

const phone = { width: 390, height: 844 };

async function fitsThePhone(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** The status of the entry for an organisation, as the chair's API lists it. */
async function statusOf(browser: import("@playwright/test").Browser, chairOf: Parameters<typeof contextFor>[1], statementId: string, versionId: string, organisation: string) {
  const chair = await contextFor(browser, chairOf);
  const list = (await (await chair.request.get(`/api/documents/${statementId}/versions/${versionId}/sign-on`)).json()) as { entries: Array<{ organisation: string; status: string }> };
  await chair.close();
  return list.entries.find((entry) => entry.organisation === organisation)?.status;
}

/**
 * What the browser reports against the Content Security Policy on the context's pages:
 * `securitypolicyviolation` events and console messages naming the policy.
 */
async function watchPolicy(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.exposeBinding("reportPolicyViolation", ({ page }, text: string) => void seen.push(`${new URL(page.url()).pathname}: ${text}`));
  await context.addInitScript(() => {
    const report = (window as unknown as { reportPolicyViolation: (text: string) => void }).reportPolicyViolation;
    document.addEventListener("securitypolicyviolation", (event) => report(`${event.violatedDirective} blocked ${event.blockedURI}`));
  });
  context.on("console", (message) => {
    if (/content security policy/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
  return seen;
}

/** The page's policy allows no inline style. */
function strictStyles(response: Response | null): void {
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("style-src 'self'");
  expect(policy).not.toContain("unsafe-inline");
}

/** The text of each paragraph of a DOCX's document part. */
function docxParagraphs(path: string): string[] {
  const xml = strFromU8(unzipSync(readFileSync(path))["word/document.xml"]!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
}

test("at 390 px, signed out, an organisation signs on; the mailed link confirms it, a chair approves it, the DOCX lists it under its region; the other link withdraws it", async ({ browser, workspace, statementId, versionId, smtp }) => {
  const visitor = await browser.newContext({ viewport: phone });
  const violations = await watchPolicy(visitor);
  const page = await visitor.newPage();
  strictStyles(await page.goto(`/sign/${versionId}`));
  await expect(page.getByRole("heading", { name: "Now and How: Ten Acts", level: 1 })).toBeVisible();
  const statement = page.getByRole("region", { name: "The statement" });
  // The frozen text numbered as in the editor: Act headings, clause numbers.
  await expect(statement.getByRole("heading", { name: "Act 1: Drivers of human mobility", level: 2 })).toBeVisible();
  await expect(statement.locator(".sign-on-page__clause").first()).toContainText("1.1");
  const form = page.getByRole("form", { name: "Sign on" });
  // The honeypot is neither visible nor reachable.
  const trap = page.locator('input[name="homepage"]');
  await expect(trap).not.toBeInViewport();
  await expect(trap).toHaveAttribute("tabindex", "-1");
  await expect(page.getByRole("textbox", { name: "Leave this empty" })).toHaveCount(0);

  await form.getByRole("textbox", { name: "Organisation", exact: true }).fill("Red Migrante Andina");
  await form.getByRole("combobox", { name: "Country" }).selectOption("PE");
  // The region follows the country.
  await expect(form.getByRole("combobox", { name: "Region" })).toHaveValue("Latin America");
  await form.getByRole("combobox", { name: "Type of organisation" }).selectOption("network");
  await form.getByRole("textbox", { name: "Person authorising the sign-on" }).fill("Lucía Quispe");
  await form.getByRole("textbox", { name: "Email" }).fill("lucia@rma.example.org");
  await form.getByRole("checkbox", { name: "The organisation's name may be published with the statement" }).check();
  await fitsThePhone(page);
  await form.getByRole("button", { name: "Sign on" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  // Focus moves to what happened (the form is gone), so a screen reader reads it out.
  await expect(page.getByRole("status")).toContainText("lucia@rma.example.org");
  await expect(page.getByRole("status")).toBeFocused();
  expect((await visitor.cookies()).length).toBe(0);

  await expect.poll(() => smtp.messages.length).toBe(1);
  const mail = smtp.messages[0]!.text!;
  const confirmUrl = /https?:\/\/\S+\/sign-on\/confirm#\S+/.exec(mail)![0];
  const withdrawUrl = /https?:\/\/\S+\/sign-on\/withdraw#\S+/.exec(mail)![0];
  expect(await statusOf(browser, workspace.chair, statementId, versionId, "Red Migrante Andina")).toBe("unconfirmed");

  // Opening the link (as a mail scanner would) changes nothing; pressing its button, by keyboard, confirms.
  strictStyles(await page.goto(confirmUrl));
  const confirm = page.getByRole("button", { name: "Confirm the sign-on" });
  await expect(confirm).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("");
  await fitsThePhone(page);
  expect(await statusOf(browser, workspace.chair, statementId, versionId, "Red Migrante Andina")).toBe("unconfirmed");
  await confirm.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(/Red Migrante Andina is confirmed/);
  await expect(page.getByRole("status")).toBeFocused();
  await expect(confirm).toHaveCount(0);
  // The secret leaves the address once used.
  expect(new URL(page.url()).hash).toBe("");
  expect(await statusOf(browser, workspace.chair, statementId, versionId, "Red Migrante Andina")).toBe("confirmed");

  // The chair approves it on the version's page; the version's DOCX lists it under its region and country.
  const chair = await contextFor(browser, workspace.chair);
  const chairPage = await chair.newPage();
  await chairPage.goto(`/d/${statementId}/versions/${versionId}`);
  const panel = chairPage.locator("section.sign-on");
  await panel.getByLabel("Show").selectOption("confirmed");
  const entry = panel.locator(".sign-on__entry", { hasText: "Red Migrante Andina" });
  await expect(entry).toContainText("Peru · Latin America · Network");
  await entry.getByRole("button", { name: "Approve" }).click();
  await expect(panel.getByRole("heading", { name: "1 approved organisation" })).toBeVisible();
  const [download] = await Promise.all([chairPage.waitForEvent("download"), chairPage.getByRole("link", { name: "DOCX" }).click()]);
  const paragraphs = docxParagraphs((await download.path())!);
  const from = paragraphs.indexOf("Signatory organisations");
  expect(from).toBeGreaterThan(-1);
  expect(paragraphs.slice(from, from + 5)).toEqual(["Signatory organisations", "1 organisation", "Latin America (1 organisation)", "Peru (1 organisation)", "Red Migrante Andina"]);
  await chair.close();

  strictStyles(await page.goto(withdrawUrl));
  await expect(page.getByRole("button", { name: "Withdraw the sign-on" })).toBeVisible();
  expect(await statusOf(browser, workspace.chair, statementId, versionId, "Red Migrante Andina")).toBe("approved");
  await page.getByRole("button", { name: "Withdraw the sign-on" }).click();
  await expect(page.getByRole("status")).toHaveText("The sign-on of Red Migrante Andina is withdrawn.");
  await expect(page.getByRole("status")).toBeFocused();
  expect(await statusOf(browser, workspace.chair, statementId, versionId, "Red Migrante Andina")).toBe("withdrawn");
  // A secret the server does not know, once pressed; a fragment that is not valid percent-encoding at once.
  await page.goto("/sign-on/confirm#" + "x".repeat(43));
  await page.getByRole("button", { name: "Confirm the sign-on" }).click();
  await expect(page.getByRole("status")).toHaveText("This link is not valid or has expired.");
  await page.goto("/sign-on/withdraw#%E0%A4%A" + "x".repeat(40));
  await expect(page.getByRole("status")).toHaveText("This link is not valid or has expired.");
  await expect(page.getByRole("button", { name: "Withdraw the sign-on" })).toHaveCount(0);
  expect((await visitor.cookies()).length).toBe(0);
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
  await visitor.close();
});

test("bad input shows field errors and a summary; in Arabic the page reads right to left", async ({ browser, versionId }) => {
  const visitor = await browser.newContext({ viewport: phone });
  const violations = await watchPolicy(visitor);
  const page = await visitor.newPage();
  await page.goto(`/sign/${versionId}`);
  const form = page.getByRole("form", { name: "Sign on" });
  await form.getByRole("textbox", { name: "Email" }).fill("not-an-email");
  await form.getByRole("textbox", { name: "Website (optional)" }).fill("ftp://example.org");
  // A tab pasted from a spreadsheet.
  await form.getByRole("textbox", { name: "Organisation's name in its own language (optional)" }).fill("Red\tMigrante");
  await form.getByRole("button", { name: "Sign on" }).click();
  await expect(page.getByRole("alert")).toContainText("Some fields need attention");
  await expect(form.getByRole("textbox", { name: "Organisation", exact: true })).toBeFocused();
  // By keyboard, the fields come in the order shown.
  await page.keyboard.press("Tab");
  await expect(form.getByRole("textbox", { name: "Organisation's name in its own language (optional)" })).toBeFocused();
  await expect(form.getByRole("textbox", { name: "Organisation", exact: true })).toHaveAccessibleDescription("This field is required.");
  await expect(form.getByRole("textbox", { name: "Email" })).toHaveAccessibleDescription("Enter a valid email address.");
  await expect(form.getByRole("textbox", { name: "Organisation's name in its own language (optional)" })).toHaveAccessibleDescription(
    "Remove control or invisible characters, such as tabs or line breaks.",
  );
  await expect(form.getByRole("textbox", { name: "Website (optional)" })).toHaveAccessibleDescription("Enter an address starting with http:// or https://.");
  await expect(form.getByRole("checkbox", { name: /may be published/ })).toHaveAccessibleDescription("Sign-on needs this consent.");

  // A value the server refuses (here changed on its way, as an old page or a script might send it) is pointed at too.
  await page.route(`**/api/public/sign-on/${versionId}`, (route) =>
    route.request().method() === "POST" ? route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), person: "Ana\u0007" }) }) : route.continue(),
  );
  await form.getByRole("textbox", { name: "Organisation", exact: true }).fill("Red Migrante Andina");
  await form.getByRole("combobox", { name: "Country" }).selectOption("PE");
  await form.getByRole("combobox", { name: "Type of organisation" }).selectOption("network");
  await form.getByRole("textbox", { name: "Person authorising the sign-on" }).fill("Lucía Quispe");
  await form.getByRole("textbox", { name: "Email" }).fill("lucia@rma.example.org");
  await form.getByRole("textbox", { name: "Website (optional)" }).fill("");
  await form.getByRole("textbox", { name: "Organisation's name in its own language (optional)" }).fill("");
  await form.getByRole("checkbox", { name: /may be published/ }).check();
  await form.getByRole("button", { name: "Sign on" }).click();
  const person = form.getByRole("textbox", { name: "Person authorising the sign-on" });
  await expect(person).toBeFocused();
  await expect(person).toHaveAccessibleDescription("The server did not accept this value: check it and try again.");
  await expect(person).toHaveAttribute("aria-invalid", "true");
  await page.unroute(`**/api/public/sign-on/${versionId}`);

  await page.getByRole("combobox", { name: "Language" }).selectOption("ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  // The statement (English) keeps its own direction inside the Arabic page.
  await expect(page.locator("section.sign-on__text")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { name: "Act 1: Drivers of human mobility", level: 2 })).toBeVisible();
  const arabic = page.getByRole("form", { name: "التوقيع" });
  await expect(arabic.getByRole("textbox", { name: "الشخص الذي يأذن بالتوقيع" })).toHaveAccessibleDescription("لم يقبل الخادم هذه القيمة: تحقّق منها وحاول مرة أخرى.");
  await expect(arabic.getByRole("combobox", { name: "البلد" })).toContainText("بيرو");
  await fitsThePhone(page);
  expect(violations).toEqual([]);
  await visitor.close();
});

test("once a chair closes sign-on, the page says so and offers no form", async ({ browser, workspace, statementId, versionId }) => {
  const chair = await contextFor(browser, workspace.chair);
  expect((await chair.request.post(`/api/documents/${statementId}/versions/${versionId}/sign-on/close`)).status()).toBe(200);
  await chair.close();
  const visitor = await browser.newContext({ viewport: phone });
  const page = await visitor.newPage();
  await page.goto(`/sign/${versionId}`);
  await expect(page.getByRole("status")).toHaveText("Sign-on for this statement is closed.");
  await expect(page.getByRole("form", { name: "Sign on" })).toHaveCount(0);
  await visitor.close();
});
