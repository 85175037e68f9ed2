/**
 * The public sign-on page at phone size, signed out: an organisation signs on, the
 * confirmation mail reaches a real SMTP server started here, and its links confirm and
 * withdraw the entry; bad input is shown per field; the honeypot stays hidden; Arabic
 * reads right to left.
 */
import type { Page } from "@playwright/test";
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

test("at 390 px, signed out, an organisation signs on; the mailed links confirm and then withdraw it", async ({ browser, workspace, statementId, versionId, smtp }) => {
  const visitor = await browser.newContext({ viewport: phone });
  const page = await visitor.newPage();
  await page.goto(`/sign/${versionId}`);
  await expect(page.getByRole("heading", { name: "Now and How: Ten Acts", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "The statement" })).toContainText("Drivers of human mobility");
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
  await expect(page.getByRole("status")).toContainText("lucia@rma.example.org");
  expect((await visitor.cookies()).length).toBe(0);

  await expect.poll(() => smtp.messages.length).toBe(1);
  const mail = smtp.messages[0]!.text!;
  const confirmUrl = /https?:\/\/\S+\/sign-on\/confirm#\S+/.exec(mail)![0];
  const withdrawUrl = /https?:\/\/\S+\/sign-on\/withdraw#\S+/.exec(mail)![0];
  expect(await statusOf(browser, workspace.chair, statementId, versionId, "Red Migrante Andina")).toBe("unconfirmed");

  await page.goto(confirmUrl);
  await expect(page.getByRole("status")).toHaveText(/Red Migrante Andina is confirmed/);
  expect(await statusOf(browser, workspace.chair, statementId, versionId, "Red Migrante Andina")).toBe("confirmed");
  await page.goto(withdrawUrl);
  await expect(page.getByRole("status")).toHaveText("The sign-on of Red Migrante Andina is withdrawn.");
  expect(await statusOf(browser, workspace.chair, statementId, versionId, "Red Migrante Andina")).toBe("withdrawn");
  await page.goto("/sign-on/confirm#" + "x".repeat(43));
  await expect(page.getByRole("status")).toHaveText("This link is not valid or has expired.");
  expect((await visitor.cookies()).length).toBe(0);
  await visitor.close();
});

test("bad input shows field errors and a summary; in Arabic the page reads right to left", async ({ browser, versionId }) => {
  const visitor = await browser.newContext({ viewport: phone });
  const page = await visitor.newPage();
  await page.goto(`/sign/${versionId}`);
  const form = page.getByRole("form", { name: "Sign on" });
  await form.getByRole("textbox", { name: "Email" }).fill("not-an-email");
  await form.getByRole("textbox", { name: "Website (optional)" }).fill("ftp://example.org");
  await form.getByRole("button", { name: "Sign on" }).click();
  await expect(page.getByRole("alert")).toContainText("Some fields need attention");
  await expect(form.getByRole("textbox", { name: "Organisation", exact: true })).toBeFocused();
  // By keyboard, the fields come in the order shown.
  await page.keyboard.press("Tab");
  await expect(form.getByRole("textbox", { name: "Organisation's name in its own language (optional)" })).toBeFocused();
  await expect(form.getByRole("textbox", { name: "Organisation", exact: true })).toHaveAccessibleDescription("This field is required.");
  await expect(form.getByRole("textbox", { name: "Email" })).toHaveAccessibleDescription("Enter a valid email address.");
  await expect(form.getByRole("textbox", { name: "Website (optional)" })).toHaveAccessibleDescription("Enter an address starting with http:// or https://.");
  await expect(form.getByRole("checkbox", { name: /may be published/ })).toHaveAccessibleDescription("Sign-on needs this consent.");

  await page.getByRole("combobox", { name: "Language" }).selectOption("ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  // The statement (English) keeps its own direction inside the Arabic page.
  await expect(page.locator("section.sign-on__text")).toHaveAttribute("dir", "ltr");
  const arabic = page.getByRole("form", { name: "التوقيع" });
  await expect(arabic.getByRole("textbox", { name: "البريد الإلكتروني" })).toHaveAccessibleDescription("أدخل عنوان بريد إلكتروني صالحًا.");
  await expect(arabic.getByRole("combobox", { name: "البلد" })).toContainText("بيرو");
  await fitsThePhone(page);
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
