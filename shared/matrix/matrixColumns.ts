/**
 * The columns of the matrix's CSV and XLSX files, named in the reader's language. The
 * export writes these headings and the import reads them in any of the four languages, so
 * a file exported in French imports as well as one in English; the import's problems name
 * a column by its key, which the preview shows with these words.
 */
import { defineMessages, type IntlShape } from "@formatjs/intl";
import type { Channel } from "./matrix.js";
import { channelName } from "./matrixNames.js";

/** The columns an import reads, in the export's order (channels last: organisations separated by ";"). */
export const matrixImportColumns = ["government", "act", "position", "note", "internal", "evidence_link", "evidence_quote", "evidence_date", "new_york", "geneva", "capital"] as const;
export type MatrixImportColumn = (typeof matrixImportColumns)[number];

/** Every column an export writes: the import's, then who recorded the cell and when (an import ignores them). */
export const matrixExportColumns = [...matrixImportColumns, "recorded_by", "recorded_at"] as const;
export type MatrixExportColumn = (typeof matrixExportColumns)[number];

/** The advocates' section (CSV) or sheet (XLSX), for chairs and coordinators only. */
export const matrixAdvocateColumns = ["government", "channel", "organisation", "contact_name", "contact_email", "advocate_note"] as const;
export type MatrixAdvocateColumn = (typeof matrixAdvocateColumns)[number];

const messages = defineMessages({
  government: { id: "matrix.column.government", defaultMessage: "Government" },
  act: { id: "matrix.column.act", defaultMessage: "Act" },
  position: { id: "matrix.column.position", defaultMessage: "Position" },
  note: { id: "matrix.column.note", defaultMessage: "Note" },
  internal: { id: "matrix.column.internal", defaultMessage: "Internal" },
  evidence_link: { id: "matrix.column.evidenceLink", defaultMessage: "Evidence link" },
  evidence_quote: { id: "matrix.column.evidenceQuote", defaultMessage: "Evidence quote" },
  evidence_date: { id: "matrix.column.evidenceDate", defaultMessage: "Evidence date" },
  recorded_by: { id: "matrix.column.recordedBy", defaultMessage: "Recorded by" },
  recorded_at: { id: "matrix.column.recordedAt", defaultMessage: "Recorded at (UTC)" },
  channel: { id: "matrix.column.channel", defaultMessage: "Channel" },
  organisation: { id: "matrix.column.organisation", defaultMessage: "Organisation" },
  contact_name: { id: "matrix.column.contactName", defaultMessage: "Contact person" },
  contact_email: { id: "matrix.column.contactEmail", defaultMessage: "Contact email" },
  advocate_note: { id: "matrix.column.advocateNote", defaultMessage: "Advocate note" },
  advocates: { id: "matrix.column.advocatesSection", defaultMessage: "Advocates" },
  matrix: { id: "matrix.column.matrixSheet", defaultMessage: "Matrix" },
  yes: { id: "matrix.column.yes", defaultMessage: "yes" },
  no: { id: "matrix.column.no", defaultMessage: "no" },
});

type Formatter = Pick<IntlShape<never>, "formatMessage">;

const isChannel = (column: string): column is Channel => column === "new_york" || column === "geneva" || column === "capital";

/** A column's heading: a channel's by the channel's name, the others by their own words. */
export function matrixColumnName(intl: Formatter, column: MatrixExportColumn | MatrixAdvocateColumn): string {
  return isChannel(column) ? channelName(intl, column) : intl.formatMessage(messages[column]);
}

/** The words of the files beside the columns: sheet names and the internal flag's values. */
export function matrixFileWord(intl: Formatter, word: "advocates" | "matrix" | "yes" | "no"): string {
  return intl.formatMessage(messages[word]);
}
