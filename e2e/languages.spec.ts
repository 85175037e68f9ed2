/**
 * The workspace in Arabic and French: a browser that prefers Arabic opens it mirrored;
 * an Arabic clause in an English statement reads right to left for every reader and is a
 * bidi paragraph in the DOCX export; the language chosen on one device follows the
 * person to another. Screenshots in Arabic and French go to reports/screenshots/.
 */
import { mkdirSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "@playwright/test";
import { test, expect, openStatement, invitePerson, signIn, clause, typeAtEndOf, contextFor } from "./fixtures.js";
import ar from "../shared/i18n/catalogues/ar.json" with { type: "json" };
import fr from "../shared/i18n/catalogues/fr.json" with { type: "json" };

const SHOTS = "reports/screenshots";
const DESKTOP = { width: 1440, height: 900 };

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Where the Acts outline sits against the statement's text: "start" of the line or its "end", in screen terms left/right. */
async function outlineSide(page: Page): Promise<"left" | "right"> {
  const outline = await page.locator(".outline").boundingBox();
  const text = await page.locator(".statement").boundingBox();
  if (!outline || !text) throw new Error("outline or statement not laid out");
  return outline.x < text.x ? "left" : "right";
}

test("a browser that prefers Arabic opens the workspace in Arabic, mirrored; French reads left to right", async ({ browser, statementId, workspace }) => {
  const person = await invitePerson(browser, workspace, "coordinator", "Layla Haddad");
  const context = await browser.newContext({ locale: "ar-EG", viewport: DESKTOP });
  await signIn(context, person);
  const page = await context.newPage();
  await openStatement(page, statementId);

  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("combobox", { name: ar["language.switch"] })).toHaveValue("ar");
  expect(await outlineSide(page)).toBe("right");
  await shoot(page, "ar-editor");

  await page.goto(`/d/${statementId}/history`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await shoot(page, "ar-history");

  // French, chosen with the switch: left to right again, the outline back on the left.
  await openStatement(page, statementId);
  await page.getByRole("combobox", { name: ar["language.switch"] }).selectOption("fr");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("combobox", { name: fr["language.switch"] })).toHaveValue("fr");
  expect(await outlineSide(page)).toBe("left");
  await shoot(page, "fr-editor");
  await page.goto(`/d/${statementId}/history`);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await shoot(page, "fr-history");
  await context.close();
});

test("an Arabic clause in the English Ten Acts reads right to left for every reader, and is bidi in the DOCX export", async ({ browser, statementId, workspace }) => {
  const writer = await contextFor(browser, await invitePerson(browser, workspace, "coordinator", "Omar Khalil"));
  const reader = await contextFor(browser, workspace.chair);
  const writing = await writer.newPage();
  const reading = await reader.newPage();
  await openStatement(writing, statementId);
  await openStatement(reading, statementId);

  const arabic = "ضمان حماية جميع المهاجرين دون تمييز.";
  const english = "Protect every migrant without discrimination.";
  await typeAtEndOf(writing, "1.1", arabic);
  await typeAtEndOf(writing, "2.1", english);

  for (const page of [writing, reading]) {
    await expect(clause(page, "1.1")).toContainText(arabic);
    await expect(clause(page, "2.1")).toContainText(english);
    const direction = (number: string) => clause(page, number).locator("p").first().evaluate((p) => getComputedStyle(p).direction);
    expect(await direction("1.1")).toBe("rtl");
    expect(await direction("2.1")).toBe("ltr");
  }
  await shoot(reading, "en-editor-arabic-clause");

  const docx = await (await reader.request.get(`/api/documents/${statementId}/versions/live?format=docx`)).body();
  const xml = strFromU8(unzipSync(new Uint8Array(docx))["word/document.xml"]!);
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  const holding = (text: string) => paragraphs.filter((p) => p.includes(text.slice(0, 12)));
  expect(holding(arabic)).toHaveLength(1);
  expect(holding(arabic)[0]).toContain("<w:bidi/>");
  expect(holding(english)).toHaveLength(1);
  expect(holding(english)[0]).not.toContain("<w:bidi");
  await writer.close();
  await reader.close();
});

test("the language chosen on one device follows the person to another", async ({ browser, workspace }) => {
  const person = await invitePerson(browser, workspace, "reviewer", "Jeanne Dubois");
  const laptop = await contextFor(browser, person);
  const page = await laptop.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const saved = page.waitForResponse((response) => response.url().endsWith("/api/me") && response.request().method() === "PATCH");
  await page.getByRole("combobox", { name: "Language" }).first().selectOption("fr");
  expect((await saved).status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  // Another browser, English by preference and never used here before: French, from the account.
  const phone = await browser.newContext({ locale: "en-GB", viewport: { width: 390, height: 844 } });
  await signIn(phone, person);
  const other = await phone.newPage();
  await other.goto("/");
  await expect(other.locator("html")).toHaveAttribute("lang", "fr");
  await expect(other.getByRole("link", { name: fr["shell.statements"] })).toBeHidden();
  // On a phone the switch sits in the folded menu.
  await other.getByRole("button", { name: fr["shell.menu"] }).click();
  await expect(other.getByRole("combobox", { name: fr["language.switch"] })).toHaveValue("fr");
  await expect(other.getByRole("link", { name: fr["shell.statements"] })).toBeVisible();
  await shoot(other, "fr-statements-phone");
  await laptop.close();
  await phone.close();
});

test("a language chosen while its save fails reaches the account once the save works, and is not given to the next person here", async ({ browser, workspace }) => {
  const person = await invitePerson(browser, workspace, "observer", "Ana Torres");
  const other = await invitePerson(browser, workspace, "observer", "Yaw Asante");
  const context = await contextFor(browser, person);
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // The save is lost on the way (a dropped connection): the page shows Spanish all the same.
  await page.route("**/api/me", (route) => (route.request().method() === "PATCH" ? route.abort() : route.continue()));
  await page.getByRole("combobox", { name: "Language" }).first().selectOption("es");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  expect((await (await context.request.get("/api/me")).json()).language).toBeNull();

  // Back with a working connection: the choice is saved, not replaced by the account's old one.
  await page.unroute("**/api/me");
  const saved = page.waitForResponse((response) => response.url().endsWith("/api/me") && response.request().method() === "PATCH");
  await page.reload();
  expect((await saved).status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  expect((await (await context.request.get("/api/me")).json()).language).toBe("es");

  // Another person signing in on this browser keeps their own account's language (none: this browser's Spanish), and nothing is saved for them.
  await context.clearCookies();
  await signIn(context, other);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  expect((await (await context.request.get("/api/me")).json()).language).toBeNull();
  await context.close();
});

