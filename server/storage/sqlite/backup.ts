import Database from "better-sqlite3";
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { SQLITE_FILE } from "./SqliteStorage.js";

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
    await db.backup(target);
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
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const ok = check.pragma("integrity_check", { simple: true });
    if (ok !== "ok") throw new Error(`The backup is damaged: ${String(ok)}`);
    check.prepare("SELECT MAX(version) FROM schema_migrations").get();
  } finally {
    check.close();
  }
  const target = path.join(dataDir, SQLITE_FILE);
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    // Fold the write-ahead log into the file first, so the kept copy is whole.
    const current = new Database(target);
    current.pragma("wal_checkpoint(TRUNCATE)");
    current.close();
    renameSync(target, keptAs);
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(backup, target);
  return keptAs;
}
