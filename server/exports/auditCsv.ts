import { defineMessages, type IntlShape } from "@formatjs/intl";
import type { AuditEntry } from "../../shared/api.js";
import { auditActionName, auditValueName, describeAuditEntry } from "../../shared/auditSentences.js";
import { formatInstant } from "../i18n.js";
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

const messages = defineMessages<{
  time: {};
  person: {};
  action: {};
  description: {};
  subject: {};
  before: {};
  after: {};
  statement: {};
  round: {};
  version: {};
  address: {};
  fileName: { day: string };
}>({
  time: { id: "audit.csvTime", defaultMessage: "Time (UTC)" },
  person: { id: "audit.csvPerson", defaultMessage: "Person" },
  action: { id: "audit.csvAction", defaultMessage: "Action" },
  description: { id: "audit.csvDescription", defaultMessage: "Description" },
  subject: { id: "audit.csvSubject", defaultMessage: "Subject" },
  before: { id: "audit.csvBefore", defaultMessage: "Before" },
  after: { id: "audit.csvAfter", defaultMessage: "After" },
  statement: { id: "audit.csvStatement", defaultMessage: "Statement" },
  round: { id: "audit.csvRound", defaultMessage: "Round" },
  version: { id: "audit.csvVersion", defaultMessage: "Version" },
  address: { id: "audit.csvAddress", defaultMessage: "Address" },
  fileName: { id: "audit.csvFileName", defaultMessage: "audit-log-{day}" },
});

/** The CSV's file name ("audit-log-2026-11-30"), in the reader's language. */
export function auditCsvName(intl: IntlShape, day: string): string {
  return intl.formatMessage(messages.fileName, { day });
}

/**
 * The audit log as CSV in the reader's language (`intl`): the same sentence the page
 * shows, then the structured fields for sorting and filtering in a spreadsheet (action,
 * roles, statuses and languages named in words; names as recorded), times in UTC.
 * Starts with a byte order mark so spreadsheets read it as UTF-8 (names in Arabic,
 * curly quotes).
 */
export function renderAuditCsv(intl: IntlShape, entries: AuditEntry[]): string {
  const header = [messages.time, messages.person, messages.action, messages.description, messages.subject, messages.before, messages.after, messages.statement, messages.round, messages.version, messages.address];
  let csv = `\uFEFF${csvRow(header.map((message) => intl.formatMessage(message)))}`;
  for (const entry of entries) {
    const { details } = entry;
    csv += csvRow([
      formatInstant(intl, entry.at),
      entry.actor,
      auditActionName(intl, entry.action),
      describeAuditEntry(intl, entry),
      entry.subjectName ?? entry.subject,
      auditValueName(intl, entry.action, details.before) ?? (details.groupsBefore ? details.groupsBefore.join("; ") : null),
      auditValueName(intl, entry.action, details.after) ?? (details.groupsAfter ? details.groupsAfter.join("; ") : null),
      details.document?.name,
      details.round?.name ?? details.version?.roundName,
      details.version?.sha256 ?? details.version?.id,
      entry.address,
    ]);
  }
  return csv;
}
