/**
 * A chair invites by email from a phone-sized browser; the worker's server mails through
 * a real SMTP server started here (smtp-server), whose messages the spec reads.
 */
import type { Page } from "@playwright/test";
import { test as base, expect, contextFor } from "./fixtures.js";
import { startSmtpServer, type TestSmtpServer } from "../server/testing/smtpServer.js";

const test = base.extend<object, { smtp: TestSmtpServer }>({
  smtp: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const smtp = await startSmtpServer({ refuse: (recipient) => recipient.startsWith("refused@") });
      await use(smtp);
      await smtp.close();
    },
    { scope: "worker" },
  ],
  serverEnv: [async ({ smtp }, use) => use({ SMTP_URL: smtp.url, MAIL_FROM: "Drafting workspace <drafting@example.org>" }), { scope: "worker" }],
});

const phone = { width: 390, height: 844 };

/** The page is no wider than the phone. */
async function fitsThePhone(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

test("at 390 px a chair invites by email with the keyboard; the mail arrives with the link shown, which opens the invitation", async ({ browser, workspace, smtp }) => {
  const context = await contextFor(browser, workspace.chair);
  const page = await context.newPage();
  await page.setViewportSize(phone);
  await page.goto("/members");
  const invite = page.getByRole("region", { name: "Invite" });
  await expect(invite).not.toContainText("sends no mail");
  const email = invite.getByRole("textbox", { name: "Email (optional)" });
  await expect(email).toHaveAccessibleDescription(/mailed to this address/);
  // By keyboard: from the note field, Tab reaches the address next.
  await invite.getByRole("textbox", { name: "For (optional)" }).focus();
  await page.keyboard.press("Tab");
  await expect(email).toBeFocused();
  await page.keyboard.type("yara.mail@example.org");
  await expect(invite.getByRole("button", { name: "Create and mail the invitation" })).toBeVisible();
  await page.keyboard.press("Enter");

  await expect(invite.locator("[aria-live=polite]")).toHaveText("The invitation was mailed to \u2068yara.mail@example.org\u2069.");
  const link = await invite.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(invite.getByRole("listitem").filter({ hasText: "yara.mail@example.org" })).toBeVisible();
  await fitsThePhone(page);

  await expect.poll(() => smtp.messages.length).toBe(1);
  const mail = smtp.messages[0]!;
  expect(mail.subject).toBe("Amina Chair invites you to Civil society drafting");
  expect(mail.text).toContain(link);
  expect(mail.text).toContain("as a coordinator");

  const invitee = await browser.newContext({ viewport: phone });
  const invitation = await invitee.newPage();
  await invitation.goto(/https?:\/\/\S+\/invite\/\S+/.exec(mail.text!)![0]);
  await expect(invitation.getByRole("heading", { name: "Join the workspace" })).toBeVisible();
  await expect(invitation.getByText("Civil society drafting")).toBeVisible();
  await Promise.all([invitee.close(), context.close()]);
});

test("right to left, a refused mail says so and still shows the link to copy", async ({ browser, workspace, smtp }) => {
  const context = await contextFor(browser, workspace.chair);
  expect((await context.request.patch("/api/me", { data: { language: "ar" } })).status()).toBe(200);
  const page = await context.newPage();
  await page.setViewportSize(phone);
  await page.goto("/members");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const before = smtp.messages.length;
  const invite = page.getByRole("region", { name: "دعوة" });
  await invite.getByRole("textbox", { name: "البريد الإلكتروني (اختياري)" }).fill("refused@example.org");
  await invite.getByRole("button", { name: "إنشاء الدعوة وإرسالها بالبريد" }).click();
  await expect(page.getByRole("alert")).toHaveText("أُنشئت الدعوة، لكن تعذّر إرسال البريد: انسخ الرابط أدناه وأرسله بنفسك.");
  await expect(invite.getByRole("textbox", { name: "رابط الدعوة" })).toHaveValue(/\/invite\/[A-Za-z0-9_-]+$/);
  await fitsThePhone(page);
  expect(smtp.messages.length).toBe(before);
  expect((await context.request.patch("/api/me", { data: { language: "en" } })).status()).toBe(200);
  await context.close();
});
