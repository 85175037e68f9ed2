import { mkdirSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, contextFor, invitePerson, signIn } from "./fixtures.js";

mkdirSync("reports/screenshots", { recursive: true });

/** Open the statement's first round (positions are recorded per round); answers its id. */
async function openRound(request: APIRequestContext, statementId: string, name = "Zero draft"): Promise<string> {
  const response = await request.post(`/api/documents/${statementId}/rounds`, { data: { name, draftPublished: "2018-02-05" } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

interface View {
  targets: { id: string; code: string | null; name: string; acts: number[] }[];
  cells: { targetId: string; act: number; roundId: string; position: string; note: string | null; internal: boolean }[];
  advocates: { organisation: string; contactName: string | null; contactEmail: string | null; note: string | null }[];
  can: { edit: boolean; manageTargets: boolean; seeContacts: boolean };
}

async function matrixOf(request: APIRequestContext, statementId: string): Promise<View> {
  const response = await request.get(`/api/documents/${statementId}/matrix`);
  expect(response.status()).toBe(200);
  return (await response.json()) as View;
}

/** A heat map cell's button, by its government's name and Act (its label starts "Germany, Act 1 (its title): ", or "Germany, Act 1: " for an untitled Act). */
const cell = (page: Page, government: string, act: number) => page.getByRole("button", { name: new RegExp(`^${government}, Act ${act}(?: \\(.*\\))?: `) });

/** Record a position through the cell's dialog. */
async function record(page: Page, government: string, act: number, position: "Supports" | "Flexible" | "Opposes", note: string): Promise<void> {
  await cell(page, government, act).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: position }).check();
  await dialog.getByRole("textbox", { name: "Note" }).fill(note);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
}

test("two coordinators fill cells at once and each sees the other's live; a reviewer reads without contacts; an observer's API answer has no contacts or internal notes", async ({ browser, statementId, workspace }) => {
  const chairContext = await contextFor(browser, workspace.chair);
  const roundId = await openRound(chairContext.request, statementId);
  const seeded = await matrixOf(chairContext.request, statementId);
  // A new Ten Acts statement starts with the annex's targets.
  const germany = seeded.targets.find((target) => target.code === "DE")!;
  const ireland = seeded.targets.find((target) => target.code === "IE")!;
  expect(germany.acts).toEqual([1, 3, 4, 6]);
  expect(seeded.targets.some((target) => target.code === null && target.name === "European Union")).toBe(true);
  // An advocate with a contact, and an internal note, for the role checks below.
  const advocate = await chairContext.request.post(`/api/documents/${statementId}/matrix/advocates`, {
    data: { targetId: germany.id, channel: "capital", organisation: "Centre for Mobility Studies", contactName: "Inês Carvalho", contactEmail: "ines@mobility.example.org", note: "Meets the minister's adviser." },
  });
  expect(advocate.status()).toBe(201);
  const internal = await chairContext.request.put(`/api/documents/${statementId}/matrix/cells`, {
    data: { targetId: ireland.id, act: 3, roundId, position: "flexible", note: "Told us privately they could move.", internal: true, baseRevision: null },
  });
  expect(internal.status()).toBe(200);

  const first = await invitePerson(browser, workspace, "coordinator", "Cora Coordinator");
  const second = await invitePerson(browser, workspace, "coordinator", "Cato Coordinator");
  const firstContext = await contextFor(browser, first);
  const secondContext = await contextFor(browser, second);
  const cora = await firstContext.newPage();
  const cato = await secondContext.newPage();
  await Promise.all([cora.goto(`/d/${statementId}/matrix`), cato.goto(`/d/${statementId}/matrix`)]);
  await expect(cell(cora, "Germany", 1)).toBeVisible();
  await expect(cell(cato, "Ireland", 2)).toBeVisible();

  // At the same time, each in a different cell.
  await Promise.all([record(cora, "Germany", 1, "Supports", "Welcomed the drivers section."), record(cato, "Ireland", 2, "Opposes", "Wants the firewall clause out.")]);
  // Each sees the other's change without reloading.
  await expect(cell(cora, "Ireland", 2)).toHaveAccessibleName(/^Ireland, Act 2(?: \(.*\))?: Opposes/);
  await expect(cell(cato, "Germany", 1)).toHaveAccessibleName(/^Germany, Act 1(?: \(.*\))?: Supports/);
  // Cato opens Cora's cell: her note and her name as who recorded it.
  await cell(cato, "Germany", 1).click();
  await expect(cato.getByRole("dialog")).toContainText("Cora Coordinator");
  await expect(cato.getByRole("dialog").getByRole("textbox", { name: "Note" })).toHaveValue("Welcomed the drivers section.");
  await cato.keyboard.press("Escape");

  // A reviewer: the same matrix, read-only, and no contact anywhere (page or API).
  const reviewerPerson = await invitePerson(browser, workspace, "reviewer", "Rhea Reviewer");
  const reviewerContext = await contextFor(browser, reviewerPerson);
  const reviewer = await reviewerContext.newPage();
  await reviewer.goto(`/d/${statementId}/matrix`);
  await expect(cell(reviewer, "Germany", 1)).toHaveAccessibleName(/^Germany, Act 1(?: \(.*\))?: Supports/);
  await expect(reviewer.getByRole("button", { name: "Import CSV" })).toHaveCount(0);
  await cell(reviewer, "Germany", 1).click();
  const readOnly = reviewer.getByRole("dialog");
  await expect(readOnly.getByRole("radio", { name: "Supports" })).toBeDisabled();
  await expect(readOnly.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(readOnly).toContainText("Welcomed the drivers section.");
  await reviewer.keyboard.press("Escape");
  await reviewer.goto(`/d/${statementId}/matrix/t/${germany.id}`);
  await expect(reviewer.getByText("Centre for Mobility Studies", { exact: true })).toBeVisible();
  await expect(reviewer.locator("body")).not.toContainText("ines@mobility.example.org");
  await expect(reviewer.locator("body")).not.toContainText("Inês Carvalho");
  const reviewerView = await matrixOf(reviewerContext.request, statementId);
  expect(reviewerView.can).toEqual({ edit: false, manageTargets: false, seeContacts: false });
  expect(reviewerView.advocates.map((a) => [a.contactName, a.contactEmail])).toEqual([[null, null]]);
  expect((await reviewerContext.request.put(`/api/documents/${statementId}/matrix/cells`, { data: { targetId: germany.id, act: 1, roundId, position: "opposes", baseRevision: 1 } })).status()).toBe(403);

  // An observer, on the API itself: no contact, no internal note, in the view nor in any export.
  const observerPerson = await invitePerson(browser, workspace, "observer", "Otto Observer");
  const observerContext = await contextFor(browser, observerPerson);
  const observerView = await matrixOf(observerContext.request, statementId);
  expect(observerView.advocates).toHaveLength(1);
  expect(observerView.advocates[0]).toMatchObject({ organisation: "Centre for Mobility Studies", contactName: null, contactEmail: null, note: null });
  expect(observerView.cells.find((c) => c.targetId === ireland.id && c.act === 3)).toMatchObject({ position: "flexible", note: null, internal: true });
  for (const path of ["", "/export.csv", "/targets/" + germany.id + "/history"]) {
    const text = await (await observerContext.request.get(`/api/documents/${statementId}/matrix${path}`)).text();
    expect(text, path).not.toContain("ines@mobility.example.org");
    expect(text, path).not.toContain("Inês Carvalho");
    expect(text, path).not.toContain("Told us privately");
  }
  // The coordinators, for contrast, do get the contact.
  expect((await matrixOf(firstContext.request, statementId)).advocates[0]).toMatchObject({ contactEmail: "ines@mobility.example.org" });

  await Promise.all([chairContext.close(), firstContext.close(), secondContext.close(), reviewerContext.close(), observerContext.close()]);
});

/** 60 UN member states by English name, for the import. */
const sixty = [
  "Argentina", "Australia", "Austria", "Bangladesh", "Belgium", "Brazil", "Burkina Faso", "Cameroon", "Canada", "Chile",
  "Colombia", "Costa Rica", "Denmark", "Dominican Republic", "Ecuador", "Egypt", "Ethiopia", "Fiji", "Finland", "France",
  "Gambia", "Germany", "Ghana", "Greece", "Guatemala", "India", "Indonesia", "Ireland", "Italy", "Jamaica",
  "Japan", "Jordan", "Kenya", "Lebanon", "Mali", "Mexico", "Morocco", "Nepal", "Netherlands", "New Zealand",
  "Niger", "Nigeria", "Norway", "Pakistan", "Peru", "Philippines", "Portugal", "Senegal", "South Africa", "Spain",
  "Sri Lanka", "Sweden", "Switzerland", "Thailand", "Tunisia", "Turkey", "Uganda", "Ukraine", "Uruguay", "Zambia",
];

function csvFile(lines: string[]): { name: string; mimeType: string; buffer: Buffer } {
  const header = "government,act,position,note,internal,evidence link,evidence quote,evidence date,new_york,geneva,capital";
  return { name: "surround-sound.csv", mimeType: "text/csv", buffer: Buffer.from([header, ...lines].join("\r\n") + "\r\n") };
}

test("a 60-government CSV is previewed then imported whole; a file with an unknown country is refused by line and imports nothing", async ({ browser, statementId, workspace }) => {
  const context = await contextFor(browser, workspace.chair);
  const roundId = await openRound(context.request, statementId);
  const page = await context.newPage();
  await page.goto(`/d/${statementId}/matrix`);
  const before = await matrixOf(context.request, statementId);
  const positions = ["supports", "flexible", "opposes"];
  const good = sixty.map((name, index) => `"${name}",${(index % 10) + 1},${positions[index % 3]},"Said so at session ${index + 1}",no,,,2018-03-0${(index % 9) + 1},,,"Coalition ${index % 7}"`);

  // One line names a country that does not exist: the preview says which line, nothing is imported.
  const bad = [...good.slice(0, 30), `Atlantis,2,supports,,no,,,,,,`, ...good.slice(30)];
  await page.getByRole("button", { name: "Import CSV" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("CSV file").setInputFiles(csvFile(bad));
  await expect(dialog.getByRole("alert")).toContainText("1 problem");
  await expect(dialog).toContainText("Line 32");
  await expect(dialog).toContainText("Atlantis");
  await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeDisabled();
  // Even sent straight to the API, it is refused whole.
  const refused = await context.request.post(`/api/documents/${statementId}/matrix/import`, { data: { roundId, csv: csvFile(bad).buffer.toString(), commit: true } });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: { id: string } }).error.id).toBe("matrix_import_invalid");
  const unchanged = await matrixOf(context.request, statementId);
  expect(unchanged.targets.length).toBe(before.targets.length);
  expect(unchanged.cells.length).toBe(before.cells.length);

  // The corrected file: previewed (60 lines), then imported.
  await dialog.getByLabel("CSV file").setInputFiles(csvFile(good));
  await expect(dialog).toContainText("42 new governments, 60 positions, 60 advocates");
  // Every line in the preview: the heading row and 60 lines, the last one line 61 of the file.
  await expect(dialog.getByRole("row")).toHaveCount(61);
  await expect(dialog.getByRole("row").last()).toContainText("61Zambia10Opposes");
  await expect(dialog.getByRole("button", { name: "Import", exact: true })).toBeEnabled();
  await dialog.getByRole("button", { name: "Import", exact: true }).click();
  await expect(dialog.getByRole("status")).toHaveText("Imported: 42 new governments, 60 positions, 60 advocates.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  const after = await matrixOf(context.request, statementId);
  expect(after.cells.length).toBe(before.cells.length + 60);
  const codes = new Set(after.targets.map((target) => target.code));
  for (const code of ["AR", "ZM", "TR", "NZ", "DO"]) expect(codes.has(code), code).toBe(true);
  await expect(cell(page, "Zambia", 10)).toHaveAccessibleName(/^Zambia, Act 10(?: \(.*\))?: Opposes/);
  await context.close();
});

test("the heat map as a briefing shows it, and as a list on a phone (screenshots)", async ({ browser, statementId, workspace }) => {
  const setup = await browser.newContext();
  await signIn(setup, workspace.chair);
  const roundId = await openRound(setup.request, statementId);
  const view = await matrixOf(setup.request, statementId);
  const cycle = ["supports", "flexible", "opposes", "unknown"];
  for (const [index, target] of view.targets.entries()) {
    for (const act of target.acts) {
      const response = await setup.request.put(`/api/documents/${statementId}/matrix/cells`, { data: { targetId: target.id, act, roundId, position: cycle[(index + act) % 4], baseRevision: null } });
      expect(response.status()).toBe(200);
    }
  }
  await setup.close();
  for (const [name, viewport] of [["matrix-heatmap", { width: 1440, height: 900 }], ["matrix-heatmap-phone", { width: 390, height: 844 }]] as const) {
    const context = await browser.newContext({ viewport });
    await signIn(context, workspace.chair);
    const page = await context.newPage();
    await page.goto(`/d/${statementId}/matrix`);
    await expect(cell(page, "Germany", 1)).toBeVisible();
    await page.screenshot({ path: `reports/screenshots/${name}.png`, fullPage: false });
    await context.close();
  }
});
