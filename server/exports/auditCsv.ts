import type { AuditEntry } from "../../shared/api.js";
import { describeAuditEntry } from "../../shared/auditSentences.js";
import { cleanText } from "./safeText.js";

/**
 * A cell a spreadsheet shows as text. A cell starting with = + - @ (or a tab or carriage
 * return, which some spreadsheets skip before reading a formula) would be run as a
 * formula, so it is prefixed with an apostrophe; every cell is quoted with its quotes
 * doubled, so commas and line breaks stay inside it.
 */
export function csvCell(value: string | number | null | undefined): string {
  const text = cleanText(value === null || value === undefined ? "" : String(value));
  const neutral = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${neutral.replaceAll('"', '""')}"`;
}

/** A CSV row: cells joined by commas, ended by CRLF (RFC 4180). */
export function csvRow(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

const header = ["Time (UTC)", "Person", "Action", "Description", "Subject", "Before", "After", "Statement", "Round", "Version", "Address"];

/**
 * The audit log as CSV, with the same sentence the page shows, then the structured
 * fields for sorting and filtering in a spreadsheet. Starts with a byte order mark so
 * spreadsheets read it as UTF-8 (names in Arabic, curly quotes).
 */
export function renderAuditCsv(entries: AuditEntry[]): string {
  let csv = `\uFEFF${csvRow(header)}`;
  for (const entry of entries) {
    const { details } = entry;
    csv += csvRow([
      entry.at,
      entry.actor,
      entry.action,
      describeAuditEntry(entry),
      entry.subjectName ?? entry.subject,
      details.before ?? (details.groupsBefore ? details.groupsBefore.join("; ") : null),
      details.after ?? (details.groupsAfter ? details.groupsAfter.join("; ") : null),
      details.document?.name,
      details.round?.name ?? details.version?.roundName,
      details.version?.sha256 ?? details.version?.id,
      entry.address,
    ]);
  }
  return csv;
}
