import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import { test, expect, contextFor, signIn } from "./fixtures.js";
import ar from "../shared/i18n/catalogues/ar.json" with { type: "json" };

test("a chair opens sign-on, adds an organisation by hand, approves it, and the DOCX lists it under its region; the screen fits 390 px", async ({ browser, statementId, workspace }) => {
  const chair = await contextFor(browser, workspace.chair);
  const round = await chair.request.post(`/api/documents/${statementId}/rounds`, { data: { name: "Zero draft", draftPublished: "2018-02-05" } });
  expect(round.status()).toBe(201);
  const frozen = await chair.request.post(`/api/documents/${statementId}/rounds/${((await round.json()) as { id: string }).id}/freeze`);
  expect(frozen.status()).toBe(201);
  const versionId = ((await frozen.json()) as { id: string }).id;

  const page = await chair.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`/d/${statementId}/versions/${versionId}`);
  const panel = page.locator("section.sign-on");
  await expect(panel.getByText("Sign-on has not been opened for this version.")).toBeVisible();
  await panel.getByRole("button", { name: "Open sign-on" }).click();
  await expect(panel.getByText("Sign-on is open")).toBeVisible();
  await expect(panel.getByRole("textbox", { name: "Public link" })).toHaveValue(new RegExp(`/sign/${versionId}$`));

  // Added by hand, by keyboard: the fields in order, Enter submits.
  const add = panel.getByRole("form", { name: "Add an organisation by hand" });
  await add.getByLabel("Organisation", { exact: true }).fill("Kituo cha Sheria <Legal Aid>");
  await add.getByLabel("Country").selectOption("KE");
  await add.getByLabel("Region").selectOption("Africa");
  await add.getByLabel("Type of organisation").selectOption("migrantLed");
  await add.getByLabel("Note (optional)").press("Enter");
  await expect(panel.getByRole("heading", { name: "1 approved organisation" })).toBeVisible();

  // It arrives approved; rejected, it leaves the count; approved again, it is back.
  const status = panel.getByLabel("Show");
  await status.selectOption("approved");
  const entry = panel.locator(".sign-on__entry", { hasText: "Kituo cha Sheria" });
  await expect(entry).toContainText("Added by hand");
  await entry.getByRole("button", { name: "Reject" }).click();
  await expect(panel.getByRole("heading", { name: "0 approved organisations" })).toBeVisible();
  await status.selectOption("rejected");
  await entry.getByRole("button", { name: "Approve" }).focus();
  await expect(entry.getByRole("button", { name: "Approve" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(panel.getByRole("heading", { name: "1 approved organisation" })).toBeVisible();
  await expect(panel.locator(".sign-on__counts", { hasText: "By region" })).toContainText("Africa: 1");
  await expect(panel.locator(".sign-on__counts", { hasText: "By country" })).toContainText("Kenya: 1");

  // The version's DOCX lists it under its region and country.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "DOCX" }).click()]);
  const xml = strFromU8(unzipSync(readFileSync((await download.path())!))["word/document.xml"]!);
  const texts = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
  const from = texts.indexOf("Signatory organisations");
  expect(from).toBeGreaterThan(-1);
  expect(texts.slice(from, from + 5)).toEqual(["Signatory organisations", "1 organisation", "Africa (1 organisation)", "Kenya (1 organisation)", "Kituo cha Sheria &lt;Legal Aid&gt;"]);

  // At 390 px: the panel is a list that wraps, no sideways scroll, its controls on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(panel.getByRole("button", { name: "Close sign-on" })).toBeVisible();
  await panel.getByLabel("Show").selectOption("approved");
  await expect(panel.locator(".sign-on__entry", { hasText: "Kituo cha Sheria" })).toBeVisible();
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  for (const control of [panel.getByRole("button", { name: "Close sign-on" }), panel.getByRole("button", { name: "Reject" }), panel.getByLabel("Organisation", { exact: true })]) {
    const box = (await control.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390.5);
  }
  await chair.close();
});

test("the chairs' sign-on reads right to left in Arabic at 390 px", async ({ browser, statementId, workspace }) => {
  const chair = await browser.newContext({ locale: "ar-EG", viewport: { width: 390, height: 844 } });
  await signIn(chair, workspace.chair);
  // The account's language wins over the browser's: other specs on this server may have set it.
  expect((await chair.request.patch("/api/me", { data: { language: "ar" } })).status()).toBe(200);
  const round = await chair.request.post(`/api/documents/${statementId}/rounds`, { data: { name: "Zero draft", draftPublished: "2018-02-05" } });
  const frozen = await chair.request.post(`/api/documents/${statementId}/rounds/${((await round.json()) as { id: string }).id}/freeze`);
  const versionId = ((await frozen.json()) as { id: string }).id;
  expect((await chair.request.post(`/api/documents/${statementId}/versions/${versionId}/sign-on/entries`, { data: { organisation: "شبكة المهاجرين", country: "JO", region: "Middle East and North Africa", type: "network", consentPublish: true } })).status()).toBe(201);

  const page = await chair.newPage();
  await page.goto(`/d/${statementId}/versions/${versionId}`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const panel = page.locator("section.sign-on");
  await expect(panel.getByRole("heading", { name: ar["signOnPanel.title"], exact: true })).toBeVisible();
  await panel.getByLabel(ar["signOn.show"]).selectOption("approved");
  const entry = panel.locator(".sign-on__entry", { hasText: "شبكة المهاجرين" });
  await expect(entry).toContainText("الأردن");
  // Its buttons start on the right, as Arabic reads; nothing is wider than the phone.
  const open = (await panel.getByRole("button", { name: ar["signOn.open"] }).boundingBox())!;
  expect(open.x + open.width).toBeGreaterThan(300);
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  expect((await chair.request.patch("/api/me", { data: { language: "en" } })).status()).toBe(200);
  await chair.close();
});

test("a chair sees who signed and how to reach them, corrects every field, and lists merged duplicates with the entry kept", async ({ browser, statementId, workspace }) => {
  const chair = await contextFor(browser, workspace.chair);
  const round = await chair.request.post(`/api/documents/${statementId}/rounds`, { data: { name: "Zero draft", draftPublished: "2018-02-05" } });
  const frozen = await chair.request.post(`/api/documents/${statementId}/rounds/${((await round.json()) as { id: string }).id}/freeze`);
  const versionId = ((await frozen.json()) as { id: string }).id;
  const entries = `/api/documents/${statementId}/versions/${versionId}/sign-on/entries`;
  const full = {
    organisation: "Red Migrante Andina",
    organisationLocal: "Red Migrante Andina del Perú",
    acronym: "RMA",
    country: "PE",
    region: "Latin America",
    type: "network",
    website: "https://rma.example.org",
    person: "Lucía Quispe",
    personTitle: "Coordinadora",
    email: "lucia@rma.example.org",
    consentPublish: true,
  };
  expect((await chair.request.post(entries, { data: full })).status()).toBe(201);
  // The same organisation again (same email): a likely duplicate.
  expect((await chair.request.post(entries, { data: { organisation: "Red Migrante Andina (RMA)", country: "PE", region: "Latin America", type: "network", email: "lucia@rma.example.org", consentPublish: true } })).status()).toBe(201);

  const page = await chair.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/d/${statementId}/versions/${versionId}`);
  const panel = page.locator("section.sign-on");
  await panel.getByLabel("Show").selectOption("approved");
  const entry = panel.locator(".sign-on__entry", { hasText: "Red Migrante Andina del Perú" });
  // Chairs see the organisation's own-language name, its acronym and its contact.
  await expect(entry.locator("strong")).toHaveText("Red Migrante Andina (RMA)");
  await expect(entry).toContainText("In its own language: Red Migrante Andina del Perú");
  await expect(entry).toContainText("Lucía Quispe, Coordinadora");
  await expect(entry.getByRole("link", { name: "lucia@rma.example.org" })).toHaveAttribute("href", "mailto:lucia@rma.example.org");
  await expect(entry.getByRole("link", { name: "https://rma.example.org" })).toHaveAttribute("href", "https://rma.example.org");

  // Every field the organisation gave can be corrected, by keyboard; only the changes are sent.
  await entry.getByRole("button", { name: "Correct" }).click();
  const dialog = page.getByRole("dialog", { name: "Correct “Red Migrante Andina”" });
  await expect(dialog.getByLabel("Organisation", { exact: true })).toBeFocused();
  for (const [label, value] of [
    ["Organisation's name in its own language (optional)", "Red Migrante Andina – Perú"],
    ["Acronym (optional)", "RedMA"],
    ["Website (optional)", "https://redma.example.org"],
    ["Person authorising the sign-on", "Lucía Quispe Mamani"],
    ["Their title (optional)", "Coordinadora general"],
  ] as const) {
    await dialog.getByLabel(label, { exact: true }).fill(value);
  }
  await dialog.getByLabel("Type of organisation").selectOption("migrantLed");
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  await dialog.getByLabel("Their title (optional)").press("Enter");
  await expect(dialog).toHaveCount(0);
  const corrected = panel.locator(".sign-on__entry", { hasText: "Red Migrante Andina – Perú" });
  await expect(corrected.locator("strong")).toHaveText("Red Migrante Andina (RedMA)");
  await expect(corrected).toContainText("Lucía Quispe Mamani, Coordinadora general");
  await expect(corrected).toContainText("Peru · Latin America · Migrant-led organisation");
  await expect(corrected.getByRole("link", { name: "https://redma.example.org" })).toBeVisible();

  // A value the server refuses is said inside the dialog, which stays open.
  await corrected.getByRole("button", { name: "Correct" }).click();
  await dialog.getByLabel("Website (optional)").fill("ftp://redma.example.org");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);

  // The duplicate is merged into the first; the Merged filter lists it and names the entry kept.
  const duplicate = panel.locator(".sign-on__entry", { hasText: "Red Migrante Andina (RMA)" }).filter({ hasNotText: "Perú" });
  await duplicate.getByRole("button", { name: "Merge into “Red Migrante Andina”" }).click();
  await expect(panel.getByRole("heading", { name: "1 approved organisation" })).toBeVisible();
  await panel.getByLabel("Show").selectOption("merged");
  const merged = panel.locator(".sign-on__entry");
  await expect(merged).toHaveCount(1);
  await expect(merged).toContainText("Merged into “Red Migrante Andina”");
  await expect(merged.getByRole("button")).toHaveCount(0);
  expect(await panel.getByLabel("Show").locator("option:checked").textContent()).toBe("Merged (1)");
  await chair.close();
});
