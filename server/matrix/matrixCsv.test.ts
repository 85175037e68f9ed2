import { describe, expect, it } from "vitest";
import { matrixLimits } from "../../shared/matrix/matrix.js";
import { csvRow } from "../exports/auditCsv.js";
import { readMatrixCsv, type MatrixCsvContext } from "./matrixCsv.js";

const context: MatrixCsvContext = { acts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], targets: [{ code: "KE", name: "" }, { code: null, name: "European Union" }], canAddTargets: true };
const heading = "government,act,position,note,internal,evidence link,evidence quote,evidence date,new_york,geneva,capital";
const read = (lines: string[], over: Partial<MatrixCsvContext> = {}) => readMatrixCsv(lines.join("\r\n"), { ...context, ...over });

describe("reading a matrix CSV", () => {
  it("reads a line with every column, and advocates separated by semicolons", () => {
    const { rows, problems } = read([heading, 'Kenya,3,supports,"Said so, twice",no,https://example.org/a,"""We agree""",2026-11-02,Amnesty; HRW,,Kituo']);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        code: "KE",
        target: "Kenya",
        act: 3,
        position: "supports",
        note: "Said so, twice",
        internal: false,
        evidenceUrl: "https://example.org/a",
        evidenceQuote: '"We agree"',
        evidenceDate: "2026-11-02",
        advocates: [
          { channel: "new_york", organisation: "Amnesty" },
          { channel: "new_york", organisation: "HRW" },
          { channel: "capital", organisation: "Kituo" },
        ],
      },
    ]);
  });

  it("knows states by alpha-2, alpha-3 and names in the four languages, and other targets by name", () => {
    const { rows, problems } = read([heading, "ke,1,supports", "MEX,1,opposes", "Allemagne,1,flexible", "Côte d’Ivoire,1,supports", "España,1,supports", "المغرب,1,supports", "european union,1,unknown", "Kenya,2,supports"]);
    expect(problems).toEqual([]);
    expect(rows.map((row) => row.code)).toEqual(["KE", "MX", "DE", "CI", "ES", "MA", null, "KE"]);
    expect(rows[6]!.target).toBe("European Union");
  });

  it("reads headings and positions in French with semicolons, and a byte order mark", () => {
    const { rows, problems } = read(["\uFEFFGouvernement;Acte;Position;Note;Interne", "Sénégal;2;Soutient;« bien »;oui"]);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ code: "SN", act: 2, note: "« bien »", internal: true });
    expect(rows[0]!.position).not.toBeNull();
  });

  it("counts lines as a spreadsheet does: quoted line breaks and blank lines included", () => {
    const { rows, problems } = read([heading, 'Kenya,1,supports,,,,"one', "two", 'three"', "", "  ", "Atlantis,2,supports", "Kenya,2,opposes"]);
    expect(rows).toMatchObject([{ line: 8, code: "KE", act: 2 }]);
    // A line break in a quote is refused as the API refuses it, on the line the field starts.
    expect(problems.map((p) => [p.line, p.column, p.id])).toEqual([
      [2, "evidence_quote", "invalid_value"],
      [7, "government", "unknown_country"],
    ]);
  });

  it("reports each kind of problem on its line and column", () => {
    const { rows, problems } = read([
      heading,
      "Kosovo,1,supports", // 2: not a UN state
      "Kenya,11,supports", // 3: no such Act
      "Kenya,1,maybe", // 4: no such position
      "Kenya,2,supports,,perhaps", // 5: internal neither yes nor no
      "Kenya,3,supports,,,ftp://x", // 6: link not http(s)
      "Kenya,4,supports,,,,,2026-02-31", // 7: not a real date
      "Kenya,6,supports,bad\u0007note", // 8: control character
      "Kenya,5,supports", // 9
      "Kenya,5,opposes", // 10: repeats line 9
      ",6,supports", // 11: no government
      "Kenya,,supports", // 12: a position without its Act
      "Kenya,7,,a note", // 13: a note without a position
      `Kenya,8,supports,${"n".repeat(matrixLimits.note + 1)}`, // 14: too long
      "Kenya,9,supports,,no,,,,2018-03-01,,,Red Migrante Andina", // 15: a comma too many (a value past the last column)
    ]);
    expect(problems.map((p) => [p.line, p.column, p.id])).toEqual([
      [2, "government", "unknown_country"],
      [3, "act", "unknown_act"],
      [4, "position", "unknown_position"],
      [5, "internal", "invalid_value"],
      [6, "evidence_link", "invalid_value"],
      [7, "evidence_date", "invalid_value"],
      [8, "note", "invalid_value"],
      [10, "act", "duplicate_line"],
      [11, "government", "missing_government"],
      [12, "act", "missing_act"],
      [13, "position", "missing_position"],
      [14, "note", "invalid_value"],
      [15, null, "extra_values"],
    ]);
    expect(problems.every((p) => p.message.length > 0)).toBe(true);
    expect(rows.map((row) => row.line)).toEqual([9]);
  });

  it("refuses a new state from someone who may not add targets", () => {
    const { problems } = read([heading, "Kenya,1,supports", "Ghana,1,supports"], { canAddTargets: false });
    expect(problems).toEqual([{ line: 3, column: "government", id: "target_not_allowed", message: expect.any(String) }]);
  });

  it("needs the government, act and position columns", () => {
    expect(read(["country,act,position", "Kenya,1,supports"]).problems).toEqual([{ line: 1, column: "government", id: "missing_column", message: expect.any(String) }]);
  });

  it("keeps to the limits of lines and bytes", () => {
    const lines = Array.from({ length: matrixLimits.importRows + 1 }, () => "Kenya,1,supports");
    expect(read([heading, ...lines]).problems).toEqual([{ line: matrixLimits.importRows + 2, column: null, id: "too_many_lines", message: expect.any(String) }]);
    expect(read([heading, `Kenya,1,supports,${"é".repeat(matrixLimits.importBytes / 2)}`]).problems[0]).toMatchObject({ id: "too_large" });
  });

  it("reads back what our CSV writer wrote, without the apostrophe that keeps spreadsheets from running formulas", () => {
    const written = csvRow(heading.split(",")) + csvRow(["Kenya", 1, "supports", "=SUM(A1)", "no", "", "-we agree-", "", "@AmnestyNY", "+Plus", "'quoted"]) + csvRow(["Kenya", 2, "opposes", "\tindented", "", "", "@ once", "", "", "", ""]);
    expect(written).toContain(`"'=SUM(A1)"`);
    const { rows, problems } = readMatrixCsv(written, context);
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({ note: "=SUM(A1)", evidenceQuote: "-we agree-", advocates: [{ channel: "new_york", organisation: "@AmnestyNY" }, { channel: "geneva", organisation: "+Plus" }, { channel: "capital", organisation: "'quoted" }] });
    expect(rows[1]).toMatchObject({ note: "indented", evidenceQuote: "@ once" });
  });

  it("reports a broken quote as a malformed file", () => {
    expect(read([heading, 'Kenya,1,supports,"open']).problems[0]).toMatchObject({ id: "malformed_csv" });
  });
});
