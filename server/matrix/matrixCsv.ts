/**
 * A matrix CSV for one round, read into rows and problems. The headings may be in any of
 * the four languages (as our export writes them, so an export imports again), the
 * delimiter a comma or a semicolon (Excel in French writes ";"). Every field goes through
 * the same checks as the API's cell and advocate fields. A problem names the line as a
 * spreadsheet shows it (the heading is line 1; a quoted field over several lines counts
 * them all) and the column, so the preview can point at it; any problem stops the import.
 */
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { matrixAdvocateInputSchema, matrixCellInputSchema, type MatrixImportProblem, matrixImportRowSchema } from "../../shared/api/matrix.js";
import { isUnState } from "../../shared/matrix/governments.js";
import { channels, matrixLimits, positions, type Channel, type Position } from "../../shared/matrix/matrix.js";
import { matrixColumnName, matrixFileWord, matrixImportColumns, type MatrixImportColumn } from "../../shared/matrix/matrixColumns.js";
import { positionMarks, positionName } from "../../shared/matrix/matrixNames.js";
import { LOCALES } from "../../shared/i18n/locales.js";
import { intlFor } from "../i18n.js";
import { findCountryCode, nameKey } from "./governmentNames.js";

/** One line of an import, as the route previews and writes it. */
export type MatrixImportRow = z.infer<typeof matrixImportRowSchema>;

/** What the statement has that a line is read against. */
export interface MatrixCsvContext {
  /** The statement's Act numbers. */
  acts: readonly number[];
  /** Its targets now: states by code, other actors by name. */
  targets: ReadonlyArray<{ code: string | null; name: string }>;
  /** Whether the importer may add targets (chairs): otherwise a state not yet a target is a problem on its line. */
  canAddTargets: boolean;
}

/** What a CSV says: its rows (only those without problems) and its problems, by line. */
export interface MatrixCsvReading {
  rows: MatrixImportRow[];
  problems: MatrixImportProblem[];
}

/** A word in any of the four languages, by its key, meaning `value`. */
function wordsOf<T extends string>(values: readonly T[], word: (intl: ReturnType<typeof intlFor>, value: T) => string[]): Map<string, T> {
  const words = new Map<string, T>();
  for (const value of values) {
    words.set(nameKey(value), value);
    for (const locale of LOCALES) for (const text of word(intlFor(locale), value)) words.set(nameKey(text), value);
  }
  return words;
}

const headingWords = wordsOf(matrixImportColumns, (intl, column) => [matrixColumnName(intl, column), column.replace("_", " ")]);
const positionWords = wordsOf(positions, (intl, position) => [positionName(intl, position), positionMarks[position]]);
const yesWords = wordsOf(["yes"], (intl) => [matrixFileWord(intl, "yes"), "true", "1", "x"]);
const sectionWords = wordsOf(["advocates"], (intl) => [matrixFileWord(intl, "advocates")]);
const noWords = wordsOf(["no"], (intl) => [matrixFileWord(intl, "no"), "false", "0"]);

/** Comma or semicolon: whichever the heading line has more of outside quotes. */
function delimiterOf(csv: string): "," | ";" {
  const heading = csv.replace(/^\uFEFF/, "").replace(/^(\s*\r?\n)+/, "");
  let quoted = false;
  let commas = 0;
  let semicolons = 0;
  for (const char of heading) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ",") commas += 1;
    else if (!quoted && char === ";") semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

const fieldColumns = { note: "note", evidenceUrl: "evidence_link", evidenceQuote: "evidence_quote", evidenceDate: "evidence_date" } as const;
const cellFields = matrixCellInputSchema.pick({ note: true, evidenceUrl: true, evidenceQuote: true, evidenceDate: true });
const organisationSchema = matrixAdvocateInputSchema.shape.organisation;

/**
 * A value as it was before our CSV writer (server/exports/auditCsv.ts csvCell) put a `'`
 * before it so that spreadsheets do not run it as a formula: an export imports again with
 * the same notes, quotes and organisation names.
 */
function unneutralised(value: string): string {
  return /^'[=+\-@\t\r\n]/.test(value) ? value.slice(1) : value;
}

/** A record with where it ends and its text as written (for its first line). */
interface CsvRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/** Read a CSV against the statement: rows to import and the problems that stop it. */
export function readMatrixCsv(csv: string, context: MatrixCsvContext): MatrixCsvReading {
  const problems: MatrixImportProblem[] = [];
  const problem = (line: number, column: MatrixImportColumn | null, id: string, message: string) => problems.push({ line, column, id, message });
  if (Buffer.byteLength(csv, "utf8") > matrixLimits.importBytes) {
    problem(1, null, "too_large", `The file is larger than ${matrixLimits.importBytes} bytes.`);
    return { rows: [], problems };
  }
  const records: CsvRecord[] = [];
  try {
    // Line breaks as one character, so a record's text counts the lines it spans.
    parse(csv.replace(/\r\n?/g, "\n"), {
      bom: true,
      delimiter: delimiterOf(csv),
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // With `raw`, csv-parse hands each record over as `{record, raw}`.
      on_record: (value: string[] | { record: string[] }, info) => {
        const record = Array.isArray(value) ? value : value.record;
        if (record.some((field) => field.trim() !== "")) records.push({ record, info: { lines: info.lines }, raw: info.raw ?? "" });
        return record;
      },
    });
  } catch (error) {
    const lines = typeof error === "object" && error !== null && "lines" in error && typeof error.lines === "number" ? error.lines : 1;
    problem(lines, null, "malformed_csv", `The file is not a readable CSV: ${error instanceof Error ? error.message : "unknown error"}.`);
    return { rows: [], problems };
  }
  // A record's first line: where it ends, less the line breaks inside it (its text starts with the blank lines before it).
  const firstLine = (entry: CsvRecord) => entry.info.lines - (entry.raw.replace(/^\n+/, "").replace(/\n$/, "").match(/\n/g)?.length ?? 0);
  const [heading, ...data] = records;
  if (!heading) {
    problem(1, null, "empty_file", "The file has no heading line.");
    return { rows: [], problems };
  }
  const at = new Map<MatrixImportColumn, number>();
  heading.record.forEach((text, index) => {
    const column = headingWords.get(nameKey(text));
    if (column && !at.has(column)) at.set(column, index);
  });
  for (const required of ["government", "act", "position"] as const) {
    if (!at.has(required)) problem(firstLine(heading), required, "missing_column", `The heading line has no "${required}" column.`);
  }
  if (problems.length > 0) return { rows: [], problems };
  if (data.length > matrixLimits.importRows) {
    problem(firstLine(data[matrixLimits.importRows]!), null, "too_many_lines", `The file has more than ${matrixLimits.importRows} lines of data.`);
    return { rows: [], problems };
  }

  const acts = new Set(context.acts);
  const stateTargets = new Set(context.targets.flatMap((target) => (target.code ? [target.code] : [])));
  const otherTargets = new Map(context.targets.flatMap((target) => (target.code ? [] : [[nameKey(target.name), target.name] as const])));
  const newStates = new Set<string>();
  const seen = new Map<string, number>();
  const rows: MatrixImportRow[] = [];

  for (const entry of data) {
    // Our export's advocates section (contacts, for chairs and coordinators) follows the positions: an import reads up to it.
    if (sectionWords.has(nameKey(entry.record[0] ?? "")) && entry.record.slice(1).every((field) => field.trim() === "")) break;
    const line = firstLine(entry);
    const before = problems.length;
    // Values past the heading's last column would be dropped silently: a shifted line (a comma too many) is a problem.
    if (entry.record.slice(heading.record.length).some((value) => value.trim() !== "")) {
      problem(line, null, "extra_values", `The line has more values than the heading has columns (${heading.record.length}): a comma too many shifts the values.`);
    }
    const field = (column: MatrixImportColumn) => {
      const index = at.get(column);
      return index === undefined ? "" : unneutralised((entry.record[index] ?? "").trim()).trim();
    };

    const government = field("government");
    let code: string | null = null;
    let target = government;
    const other = otherTargets.get(nameKey(government));
    if (government === "") problem(line, "government", "missing_government", "The line names no government.");
    else if (other !== undefined) target = other;
    else {
      code = findCountryCode(government);
      if (!code || !isUnState(code)) problem(line, "government", "unknown_country", `"${government}" is not a UN member or observer state, nor another target of this statement.`);
      else if (!stateTargets.has(code) && !newStates.has(code)) {
        if (!context.canAddTargets) problem(line, "government", "target_not_allowed", `"${government}" is not a target of this statement yet; only chairs add targets.`);
        else if (stateTargets.size + otherTargets.size + newStates.size >= matrixLimits.targets) problem(line, "government", "too_many_targets", `A statement has at most ${matrixLimits.targets} targets.`);
        else newStates.add(code);
      }
    }

    const actText = field("act");
    let act: number | null = null;
    if (actText !== "") {
      const number = /^\d{1,3}$/.test(actText) ? Number(actText) : NaN;
      if (!acts.has(number)) problem(line, "act", "unknown_act", `The statement has no Act "${actText}".`);
      else act = number;
    }

    const positionText = field("position");
    let position: Position | null = null;
    if (positionText !== "") {
      position = positionWords.get(nameKey(positionText)) ?? null;
      if (!position) problem(line, "position", "unknown_position", `"${positionText}" is not a position (supports, flexible, opposes, not known).`);
      else if (actText === "") problem(line, "act", "missing_act", "A position needs the Act it is on.");
    }

    const internalText = nameKey(field("internal"));
    let internal = false;
    if (yesWords.has(internalText)) internal = true;
    else if (internalText !== "" && !noWords.has(internalText)) problem(line, "internal", "invalid_value", `"${field("internal")}" is neither yes nor no.`);

    const fields = cellFields.safeParse({ note: field("note"), evidenceUrl: field("evidence_link"), evidenceQuote: field("evidence_quote"), evidenceDate: field("evidence_date") });
    if (!fields.success) {
      for (const issue of fields.error.issues) {
        const key = issue.path[0] as keyof typeof fieldColumns;
        problem(line, fieldColumns[key], "invalid_value", issue.message);
      }
    }
    const cellWords = fields.success ? fields.data : { note: "", evidenceUrl: "", evidenceQuote: "", evidenceDate: "" };
    if (position === null && positionText === "" && (cellWords.note || cellWords.evidenceUrl || cellWords.evidenceQuote || cellWords.evidenceDate || internal)) {
      problem(line, "position", "missing_position", "A note or evidence needs the position it is about.");
    }

    const advocates: Array<{ channel: Channel; organisation: string }> = [];
    for (const channel of channels) {
      for (const name of field(channel).split(";")) {
        if (name.trim() === "") continue;
        const organisation = organisationSchema.safeParse(name);
        if (!organisation.success) problem(line, channel, "invalid_value", `"${name.trim()}": ${organisation.error.issues[0]?.message ?? "not an organisation's name"}.`);
        else if (!advocates.some((a) => a.channel === channel && nameKey(a.organisation) === nameKey(organisation.data))) advocates.push({ channel, organisation: organisation.data });
      }
    }

    if (act !== null && government !== "") {
      const key = `${code ?? nameKey(target)}|${act}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) problem(line, "act", "duplicate_line", `Line ${earlier} already gives ${government} on Act ${act}.`);
      else seen.set(key, line);
    }

    if (problems.length === before) rows.push({ line, code, target, act: position === null ? null : act, position, note: cellWords.note, internal, evidenceUrl: cellWords.evidenceUrl, evidenceQuote: cellWords.evidenceQuote, evidenceDate: cellWords.evidenceDate, advocates });
  }
  return { rows, problems };
}
