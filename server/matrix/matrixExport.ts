/**
 * One round's matrix as files: CSV (UTF-8 with a byte order mark, safe against formulas)
 * and XLSX (bold frozen heading, positions filled in the heat map's colours). One line per
 * target and Act, with the import's columns, so an export imports again. Everything comes
 * through server/matrix/present.ts: observers never get a note marked internal, and the
 * advocates' contacts (a CSV section, an XLSX sheet) go only to chairs and coordinators.
 * Only Acts the statement has now are written, under their numbers now, so the file imports again.
 */
import writeXlsxFile, { type Row, type Sheet } from "write-excel-file/node";
import { canSeeContacts, channels, type Channel } from "../../shared/matrix/matrix.js";
import { positionColours } from "../../shared/matrix/colours.js";
import { matrixAdvocateColumns, matrixColumnName, matrixExportColumns, matrixFileWord } from "../../shared/matrix/matrixColumns.js";
import { channelName, positionName, targetName } from "../../shared/matrix/matrixNames.js";
import { directionOf, type Locale } from "../../shared/i18n/locales.js";
import type { MatrixAdvocate, MatrixCell, MatrixTarget } from "../../shared/api/matrix.js";
import type { Role } from "../../shared/roles.js";
import type { StoredMatrixAdvocate, StoredMatrixCell, StoredMatrixTarget } from "../storage/Storage.js";
import { csvRow } from "../exports/auditCsv.js";
import { intlFor } from "../i18n.js";
import { stateName } from "./governmentNames.js";
import { presentAdvocate, presentCells, presentTarget } from "./present.js";
import type { ActIndex } from "./statementActs.js";

/** One round's matrix as the reader's role may see it, targets in the language's name order. */
export interface MatrixExportData {
  locale: Locale;
  targets: Array<MatrixTarget & { label: string }>;
  cells: MatrixCell[];
  advocates: MatrixAdvocate[];
  contacts: boolean;
}

/** Cut the stored rows to `role` and name the targets in `locale`. */
export function matrixExportData(locale: Locale, role: Role, stored: { acts: ActIndex; targets: StoredMatrixTarget[]; cells: StoredMatrixCell[]; advocates: StoredMatrixAdvocate[] }): MatrixExportData {
  const collator = new Intl.Collator(locale);
  const targets = stored.targets
    .map((target) => ({ ...presentTarget(target, stored.acts), label: targetName(target, (code) => stateName(code, locale)) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  return {
    locale,
    targets,
    cells: presentCells(stored.cells, role, stored.acts),
    advocates: stored.advocates.map((advocate) => presentAdvocate(advocate, role)),
    contacts: canSeeContacts(role),
  };
}

/** A target's lines: each Act it has a position on or that matters with it, ascending; one line with no Act when it has neither. */
function targetLines(data: MatrixExportData, target: MatrixExportData["targets"][number]): Array<{ act: number | null; cell: MatrixCell | null }> {
  const cells = new Map(data.cells.filter((cell) => cell.targetId === target.id).map((cell) => [cell.act, cell]));
  const acts = [...new Set([...cells.keys(), ...target.acts])].sort((a, b) => a - b);
  return acts.length === 0 ? [{ act: null, cell: null }] : acts.map((act) => ({ act, cell: cells.get(act) ?? null }));
}

/** The matrix's lines as text, heading first; the target's advocates (organisations only) on its first line. */
function matrixTable(data: MatrixExportData): { heading: string[]; lines: Array<{ values: string[]; cell: MatrixCell | null }> } {
  const intl = intlFor(data.locale);
  const lines = data.targets.flatMap((target) => {
    const organisations = (channel: Channel) =>
      data.advocates
        .filter((advocate) => advocate.targetId === target.id && advocate.channel === channel)
        .map((advocate) => advocate.organisation)
        .join("; ");
    return targetLines(data, target).map(({ act, cell }, index) => ({
      cell,
      values: [
        target.label,
        act === null ? "" : String(act),
        cell ? positionName(intl, cell.position) : "",
        cell?.note ?? "",
        cell ? matrixFileWord(intl, cell.internal ? "yes" : "no") : "",
        cell?.evidenceUrl ?? "",
        cell?.evidenceQuote ?? "",
        cell?.evidenceDate ?? "",
        ...channels.map((channel) => (index === 0 ? organisations(channel) : "")),
        cell?.recordedBy.name ?? "",
        cell?.recordedAt ?? "",
      ],
    }));
  });
  return { heading: matrixExportColumns.map((column) => matrixColumnName(intl, column)), lines };
}

/** The advocates with their contacts, for chairs and coordinators; null for the others. */
function advocateTable(data: MatrixExportData): { heading: string[]; lines: string[][] } | null {
  if (!data.contacts) return null;
  const intl = intlFor(data.locale);
  const labels = new Map(data.targets.map((target) => [target.id, target.label]));
  const lines = data.targets.flatMap((target) =>
    data.advocates
      .filter((advocate) => advocate.targetId === target.id)
      .sort((a, b) => channels.indexOf(a.channel) - channels.indexOf(b.channel))
      .map((advocate) => [labels.get(advocate.targetId) ?? "", channelName(intl, advocate.channel), advocate.organisation, advocate.contactName ?? "", advocate.contactEmail ?? "", advocate.note ?? ""]),
  );
  return { heading: matrixAdvocateColumns.map((column) => matrixColumnName(intl, column)), lines };
}

/** The matrix as CSV; for chairs and coordinators, after a blank line, the advocates' section (an import stops at its heading). */
export function renderMatrixCsv(data: MatrixExportData): string {
  const table = matrixTable(data);
  let csv = `\uFEFF${csvRow(table.heading)}`;
  for (const line of table.lines) csv += csvRow(line.values);
  const advocates = advocateTable(data);
  if (advocates) {
    csv += `\r\n${csvRow([matrixFileWord(intlFor(data.locale), "advocates")])}${csvRow(advocates.heading)}`;
    for (const line of advocates.lines) csv += csvRow(line);
  }
  return csv;
}

/** The matrix as XLSX: a sheet of positions, and for chairs and coordinators a sheet of advocates with their contacts. */
export async function renderMatrixXlsx(data: MatrixExportData): Promise<Buffer> {
  const intl = intlFor(data.locale);
  const rightToLeft = directionOf(data.locale) === "rtl";
  const headingRow = (heading: string[]): Row => heading.map((value) => ({ value, fontWeight: "bold" as const }));
  const table = matrixTable(data);
  const positionColumn = matrixExportColumns.indexOf("position");
  const sheets: Sheet<Buffer>[] = [
    {
      sheet: matrixFileWord(intl, "matrix"),
      rightToLeft,
      stickyRowsCount: 1,
      columns: table.heading.map((_, index) => ({ width: index === 0 ? 28 : index === positionColumn ? 14 : 18 })),
      data: [
        headingRow(table.heading),
        ...table.lines.map(({ values, cell }): Row =>
          values.map((value, index) => (index === positionColumn && cell ? { value, backgroundColor: positionColours[cell.position].fill, textColor: positionColours[cell.position].text } : { value })),
        ),
      ],
    },
  ];
  const advocates = advocateTable(data);
  if (advocates) {
    sheets.push({
      sheet: matrixFileWord(intl, "advocates"),
      rightToLeft,
      stickyRowsCount: 1,
      columns: advocates.heading.map(() => ({ width: 24 })),
      data: [headingRow(advocates.heading), ...advocates.lines.map((line): Row => line.map((value) => ({ value })))],
    });
  }
  return writeXlsxFile(sheets).toBuffer();
}
