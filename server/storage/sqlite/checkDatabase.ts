import Database from "better-sqlite3";
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { lastLegacyVersion, MIGRATION_TABLE, newerThanThisServer } from "../migrate.js";

/** What can be wrong with a workspace database file, each with a stable id. */
export type DatabaseProblemId = "empty" | "not_sqlite" | "damaged" | "no_schema_version" | "newer_schema_version";

/** Why a database file cannot be used as it is. */
export interface DatabaseProblem {
  id: DatabaseProblemId;
  /** One sentence, completing "The database <file> ...". */
  detail: string;
}

/** The 16 bytes every SQLite 3 database file starts with. */
const SQLITE_HEADER = Buffer.from("SQLite format 3\0", "latin1");

/** The first bytes of `file` (fewer when it is shorter). */
function headOf(file: string, length: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Problems `PRAGMA quick_check` reports, or the error it stops on, in one line. */
function quickCheck(db: Database.Database): string | null {
  try {
    const rows = db.pragma("quick_check(5)", { simple: false }) as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((text) => text !== "ok");
    return problems.length === 0 ? null : problems.join("; ");
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * The schema problem of a database, if any: none recorded (not made by this server),
 * or one newer than this server knows. A database records its migrations by name
 * (`migrate.ts`), or, made before that, as a version number in `schema_migrations`.
 */
function schemaProblem(db: Database.Database): DatabaseProblem | null {
  if (hasTable(db, MIGRATION_TABLE)) {
    const names = db.prepare<[], { name: string }>(`SELECT name FROM ${MIGRATION_TABLE}`).all().map((row) => row.name);
    if (names.length === 0) return { id: "no_schema_version", detail: "has no migrations recorded: it was not made by this server" };
    const newer = newerThanThisServer(names);
    return newer ? { id: "newer_schema_version", detail: `${newer}: it was used by a newer version of the server` } : null;
  }
  if (!hasTable(db, "schema_migrations")) return { id: "no_schema_version", detail: "is a SQLite database with no schema version: it was not made by this server" };
  const version = db.prepare<[], { v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations").get()?.v ?? null;
  if (version === null || !Number.isInteger(version) || version < 1) return { id: "no_schema_version", detail: `has an unknown schema version (${String(version)})` };
  if (version > lastLegacyVersion("sqlite")) {
    return {
      id: "newer_schema_version",
      detail: `is at schema version ${version}, newer than this server knows (${lastLegacyVersion("sqlite")}): it was used by a newer version of the server`,
    };
  }
  return null;
}

/**
 * Whether an existing file can be opened as the workspace: not empty, a SQLite
 * database, whole by `PRAGMA quick_check` (every page and b-tree readable and well
 * formed; index contents are not compared, see the README for the timing), and at a
 * schema version this code knows. A file that passes is a workspace this server made.
 * Opens the file read-write unless `readonly` (a crashed server's write-ahead log is
 * folded in, as any open would) but changes nothing else.
 */
export function checkDatabase(file: string, options: { readonly?: boolean } = {}): DatabaseProblem | null {
  const size = statSync(file).size;
  if (size === 0) return { id: "empty", detail: "is empty (0 bytes)" };
  if (!headOf(file, SQLITE_HEADER.length).equals(SQLITE_HEADER)) {
    return { id: "not_sqlite", detail: `is not a SQLite database (${size} bytes that do not start with the SQLite header)` };
  }
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false });
  } catch (error) {
    return { id: "damaged", detail: `is damaged: it cannot be opened (${error instanceof Error ? error.message : String(error)})` };
  }
  try {
    const damage = quickCheck(db);
    if (damage) return { id: "damaged", detail: `is damaged: SQLite's quick_check reports ${damage}` };
    try {
      return schemaProblem(db);
    } catch (error) {
      return { id: "damaged", detail: `is damaged: its schema version cannot be read (${error instanceof Error ? error.message : String(error)})` };
    }
  } finally {
    db.close();
  }
}

/** What follows the problem in the refusal: what starting anyway would mean. */
const consequences: Record<DatabaseProblemId, string> = {
  empty: "Starting on it would make this a new workspace whose first visitor sets it up and becomes chair.",
  no_schema_version: "Starting on it would turn it into a new workspace whose first visitor sets it up and becomes chair.",
  not_sqlite: "No workspace can be served from it.",
  damaged: "Serving from it would fail on the damaged parts and could damage it further.",
  newer_schema_version: "This server cannot read it safely: run the newer version again, or restore a backup made by this one.",
};

/** The server will not start on a database with a problem, unless told to start fresh. */
export class DatabaseRefused extends Error {
  constructor(
    readonly file: string,
    readonly problem: DatabaseProblem,
  ) {
    super(
      [
        `Refusing to start: the database ${file} ${problem.detail}.`,
        consequences[problem.id],
        "To go on, either:",
        "  - restore a backup (with the server stopped): npm run restore -- <backup file>",
        `  - or start a new, empty workspace on purpose: start once with FRESH_START=true. The file is moved aside as ${file}.refused-<time>, never deleted, and the first person to open the site sets up the workspace and becomes chair.`,
      ].join("\n"),
    );
    this.name = "DatabaseRefused";
  }
}
