import Database from "better-sqlite3";
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { SQLITE_FILE } from "./SqliteStorage.js";
import { checkDatabase } from "./checkDatabase.js";
import { DATABASE_FILE_MODE, ownerOnlyDataDir, ownerOnlyFiles } from "./ownerOnly.js";

/** Name of the file the running server keeps in `DATA_DIR` with its process id. */
export const PID_FILE = "server.pid";

/** True when a server process is running on this data folder. */
export function serverRunning(dataDir: string): boolean {
  const file = path.join(dataDir, PID_FILE);
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, "utf8"));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A consistent copy of the workspace database, taken with SQLite's online backup: safe
 * while the server runs and writes. Returns the size of the copy in bytes.
 */
export async function backupDatabase(dataDir: string, target: string): Promise<number> {
  const source = path.join(dataDir, SQLITE_FILE);
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // Owner-only before the first byte is copied: SQLite keeps the mode of a file it finds.
    closeSync(openSync(target, "a", DATABASE_FILE_MODE));
    ownerOnlyFiles(target);
    await db.backup(target);
    ownerOnlyFiles(target);
  } finally {
    db.close();
  }
  return statSync(target).size;
}

/**
 * Bring a backup back as the workspace database. The server must be stopped; the current
 * database is kept beside it (`workspace.sqlite.before-restore-<time>`), never deleted.
 */
export function restoreDatabase(dataDir: string, backup: string): string | null {
  if (serverRunning(dataDir)) throw new Error("The server is running on this data folder: stop it before restoring.");
  if (!existsSync(backup)) throw new Error(`No backup at ${backup}`);
  const problem = checkDatabase(backup, { readonly: true });
  if (problem) throw new Error(`The backup ${backup} ${problem.detail}.`);
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    // The full check here (indexes against their tables too): a restore is rare and worth the wait.
    const ok = check.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new Error(`The backup is damaged: ${String(ok)}`);
  } finally {
    check.close();
  }
  ownerOnlyDataDir(dataDir);
  const target = path.join(dataDir, SQLITE_FILE);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    try {
      // Fold the write-ahead log into the file first, so the kept copy is whole on its own.
      const current = new Database(target, { fileMustExist: true });
      try {
        current.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        current.close();
      }
    } catch {
      // A damaged or foreign file (why one restores): kept as it is, its log files beside it.
    }
    renameSync(target, keptAs);
    for (const suffix of ["-wal", "-shm"]) {
      if (existsSync(`${target}${suffix}`)) renameSync(`${target}${suffix}`, `${keptAs}${suffix}`);
    }
    ownerOnlyFiles(keptAs);
  }
  // Log files without a database of their own would be replayed into the restored one.
  for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(backup, target);
  ownerOnlyFiles(target);
  return keptAs;
}
