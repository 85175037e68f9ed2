import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import type { RunningServer } from "../app.js";
import { matrixImportInvalidSchema, matrixImportResultSchema } from "../../shared/api/matrix.js";
import { unStateCodes } from "../../shared/matrix/governments.js";
import { matrixLimits } from "../../shared/matrix/matrix.js";
import { statementActs } from "../matrix/statementActs.js";
import { addMember, api, createTestDocument, removeDataDir, setUpWorkspace, startTestServer, storageSetups, tempDataDir, type TestUser } from "../testing/testServer.js";

const setups = storageSetups.filter((setup) => setup.delayMs === 0);
const heading = "government,act,position,note,internal,evidence link,evidence quote,evidence date,new_york,geneva,capital";

describe.each(setups)("matrix import and exports on $name", (setup) => {
  let dataDir: string;
  let server: RunningServer;
  let chair: TestUser;
  let workspaceId: string;
  let documentId: string;
  let roundId: string;

  beforeEach(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, setup);
    ({ chair, workspaceId } = await setUpWorkspace(server));
    documentId = (await createTestDocument(server, chair, { title: "Migrants <script>alert(1)</script> & rights", template: "ten-acts" })).id;
    roundId = ((await (await api(server, "POST", `/api/documents/${documentId}/rounds`, { name: "Zero draft", draftPublished: "2026-02-05" }, chair)).json()) as { id: string }).id;
  });

  afterEach(async () => {
    await server.close();
    removeDataDir(dataDir);
  });

  const importCsv = (csv: string, commit: boolean, user: TestUser = chair) => api(server, "POST", `/api/documents/${documentId}/matrix/import`, { roundId, csv, commit }, user);
  const stored = async () => ({
    targets: await server.storage.matrix.targets(documentId),
    cells: await server.storage.matrix.cells(documentId, [roundId]),
    advocates: await server.storage.matrix.advocates(documentId),
  });
  const download = (format: string, user: TestUser, lang = "en") => api(server, "GET", `/api/documents/${documentId}/matrix/${format}?round=${roundId}&lang=${lang}`, undefined, user);

  it("reads a file up to the import's size whatever JSON makes of it, and names a larger one as a problem", async () => {
    // Under the limit in bytes, but quotes (doubled in the CSV, escaped in JSON) make the request over 1 MiB.
    const quotes = `${heading}\r\nKenya,1,supports,"${'""'.repeat(matrixLimits.importBytes / 2 - 100)}"`;
    expect(Buffer.byteLength(JSON.stringify({ csv: quotes }))).toBeGreaterThan(1024 * 1024);
    const read = await importCsv(quotes, false);
    expect(read.status).toBe(200);
    expect(matrixImportResultSchema.parse(await read.json()).problems.map((problem) => problem.id)).not.toContain("too_large");
    // Over the limit in bytes (not in characters): the preview says so, as a problem on line 1.
    const large = await importCsv(`${heading}\r\nKenya,1,supports,${"é".repeat(matrixLimits.importBytes * 0.6)}`, false);
    expect(large.status).toBe(200);
    expect(matrixImportResultSchema.parse(await large.json()).problems).toEqual([{ line: 1, column: null, id: "too_large", message: expect.any(String) }]);
  });

  it("previews a 60-government CSV, then imports all of it in one go", async () => {
    const codes = unStateCodes.slice(0, 60);
    const csv = [heading, ...codes.map((code, index) => `${code},${(index % 10) + 1},${index % 2 ? "opposes" : "supports"},seen in ${code},,,,,${index === 0 ? "Amnesty; HRW" : ""},,`)].join("\r\n");

    // The Ten Acts statement starts with the annex's targets: the file adds the others.
    const seeded = (await stored()).targets;
    expect(seeded.length).toBeGreaterThan(0);
    const added = codes.filter((code) => !seeded.some((target) => target.code === code)).length;
    expect(added).toBeLessThan(60);
    const preview = matrixImportResultSchema.parse(await (await importCsv(csv, false)).json());
    expect(preview.problems).toEqual([]);
    expect(preview.summary).toEqual({ targetsAdded: added, cellsSet: 60, advocatesAdded: 2 });
    expect(preview.committed).toBe(false);
    expect((await stored()).targets).toEqual(seeded);

    const response = await importCsv(csv, true);
    expect(response.status).toBe(200);
    expect(matrixImportResultSchema.parse(await response.json())).toMatchObject({ committed: true, summary: { targetsAdded: added, cellsSet: 60, advocatesAdded: 2 } });
    const after = await stored();
    expect(after.targets.map((target) => target.code ?? target.name).sort()).toEqual([...new Set([...seeded.map((target) => target.code ?? target.name), ...codes])].sort());
    expect(after.cells).toHaveLength(60);
    const second = after.targets.find((target) => target.code === codes[1])!;
    expect(after.cells.find((cell) => cell.targetId === second.id)).toMatchObject({ actId: (await statementActs(server.registry, documentId))[1]!.id, position: "opposes", note: `seen in ${codes[1]}`, recordedBy: chair.accountId });
    expect(after.advocates.map((advocate) => advocate.organisation).sort()).toEqual(["Amnesty", "HRW"]);

    const audit = (await (await api(server, "GET", `/api/workspaces/${workspaceId}/audit?action=matrix_imported`, undefined, chair)).json()) as { entries: Array<{ details: { imported?: unknown } }> };
    expect(audit.entries[0]?.details.imported).toEqual({ targets: added, cells: 60, advocates: 2 });

    // The same file again adds no target nor advocate, and sets the cells again.
    expect(matrixImportResultSchema.parse(await (await importCsv(csv, false)).json()).summary).toEqual({ targetsAdded: 0, cellsSet: 60, advocatesAdded: 0 });
  });

  it("refuses a file with an unknown country by its line and writes nothing of it", async () => {
    await importCsv([heading, "Kenya,1,supports"].join("\n"), true);
    const before = await stored();
    const csv = [heading, "Ghana,1,supports", "Kenya,2,opposes", "Wakanda,3,supports", "Chile,4,flexible"].join("\n");
    const response = await importCsv(csv, true);
    expect(response.status).toBe(400);
    const body = matrixImportInvalidSchema.parse(await response.json());
    expect(body.error.id).toBe("matrix_import_invalid");
    expect(body.problems).toEqual([{ line: 4, column: "government", id: "unknown_country", message: expect.stringContaining("Wakanda") }]);
    expect(await stored()).toEqual(before);
  });

  it("lets coordinators import onto existing targets only, and nobody else import", async () => {
    await importCsv([heading, "Kenya,1,supports"].join("\n"), true);
    const coordinator = await addMember(server, chair, workspaceId, "coordinator");
    const reviewer = await addMember(server, chair, workspaceId, "reviewer");
    const preview = matrixImportResultSchema.parse(await (await importCsv([heading, "Kenya,2,supports", "Ghana,1,supports"].join("\n"), false, coordinator)).json());
    expect(preview.problems.map((p) => [p.line, p.id])).toEqual([[3, "target_not_allowed"]]);
    expect((await importCsv([heading, "Kenya,2,supports"].join("\n"), true, coordinator)).status).toBe(200);
    expect((await importCsv([heading, "Kenya,3,supports"].join("\n"), false, reviewer)).status).toBe(403);
    expect((await api(server, "POST", `/api/documents/${documentId}/matrix/import`, { roundId: "nosuchround1", csv: heading, commit: false }, chair)).status).toBe(404);
  });

  describe("exports cut to the reader's role", () => {
    let reviewer: TestUser;
    let observer: TestUser;

    beforeEach(async () => {
      reviewer = await addMember(server, chair, workspaceId, "reviewer");
      observer = await addMember(server, chair, workspaceId, "observer");
      await importCsv([heading, "Kenya,1,supports,Private word with the minister,yes,,,,Amnesty,,", "Brazil,2,opposes,Public statement,no,https://example.org/b,,2026-02-01,,,"].join("\n"), true);
      const kenya = (await server.storage.matrix.targets(documentId)).find((target) => target.code === "KE")!;
      expect((await api(server, "PUT", `/api/documents/${documentId}/matrix/targets/${kenya.id}/acts`, { acts: [1, 4] }, chair)).status).toBe(200);
      await server.storage.matrix.addAdvocate({ id: "advocate-kenya-1", documentId, targetId: kenya.id, channel: "capital", organisation: "Kituo cha Sheria", contactName: "Wanjiru K.", contactEmail: "wanjiru@kituo.example", note: "Meets the ministry monthly", addedBy: chair.accountId, addedAt: new Date().toISOString() }, 100);
    });

    it("writes CSV with internal notes for members and contacts for chairs only", async () => {
      const texts = await Promise.all([chair, reviewer, observer].map(async (user) => (await download("export.csv", user)).text()));
      const [forChair, forReviewer, forObserver] = texts as [string, string, string];
      expect(forChair).toContain("wanjiru@kituo.example");
      expect(forChair).toContain("Private word with the minister");
      expect(forReviewer).toContain("Private word with the minister");
      expect(forReviewer).not.toContain("wanjiru");
      expect(forReviewer).not.toContain("Meets the ministry");
      expect(forObserver).not.toContain("Private word");
      expect(forObserver).not.toContain("wanjiru");
      expect(forObserver).toContain("Public statement");
      // Kenya's priority Act 4 has a line though nothing is recorded on it; organisations for everyone.
      expect(forObserver).toMatch(/"Kenya","4","",/);
      expect(forObserver).toContain("Kituo cha Sheria");
      const response = await download("export.csv", chair);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w .-]+\.csv"; filename\*=UTF-8''/);
      // A byte order mark first, so spreadsheets read it as UTF-8 (fetch's text() drops it).
      expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    });

    it("writes XLSX with an advocates sheet for chairs only and no internal note for observers", async () => {
      const sheetsOf = async (user: TestUser) => {
        const files = unzipSync(new Uint8Array(await (await download("export.xlsx", user)).arrayBuffer()));
        const xml = Object.entries(files)
          .filter(([name]) => name.startsWith("xl/"))
          .map(([, bytes]) => strFromU8(bytes))
          .join("\n");
        return { sheets: Object.keys(files).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name)).length, xml };
      };
      const forChair = await sheetsOf(chair);
      expect(forChair.sheets).toBe(2);
      expect(forChair.xml).toContain("wanjiru@kituo.example");
      expect(forChair.xml).toContain("Private word with the minister");
      expect(forChair.xml).toContain("CDEBD5"); // the heat map's "supports" fill
      const forObserver = await sheetsOf(observer);
      expect(forObserver.sheets).toBe(1);
      expect(forObserver.xml).not.toContain("wanjiru");
      expect(forObserver.xml).not.toContain("Private word");
    });

    it("draws an SVG with escaped names, marks and nothing internal, right to left in Arabic", async () => {
      const response = await download("heatmap.svg", observer);
      expect(response.headers.get("content-type")).toContain("image/svg+xml");
      const svg = await response.text();
      expect(svg).not.toContain("<script>");
      expect(svg).toContain("&#60;script&#62;");
      expect(svg).toContain("✓");
      expect(svg).toContain("✗");
      expect(svg).not.toContain("Private word");
      expect(svg).not.toContain("Public statement");
      expect(svg).toContain("Kenya");
      const arabic = await (await download("heatmap.svg", observer, "ar")).text();
      expect(arabic).toContain('direction="rtl"');
      expect(arabic).toContain("كينيا");
    });

    it("imports its own CSV export again, in French too", async () => {
      for (const lang of ["en", "fr"]) {
        const csv = await (await download("export.csv", chair, lang)).text();
        const preview = matrixImportResultSchema.parse(await (await importCsv(csv, false)).json());
        expect(preview.problems).toEqual([]);
        expect(preview.summary).toEqual({ targetsAdded: 0, cellsSet: 2, advocatesAdded: 0 });
      }
    });
  });
});
