import { chmodSync, existsSync, mkdirSync } from "node:fs";

/** Mode of the data folder: only the server's user may list or enter it. */
export const DATA_DIR_MODE = 0o700;

/** Mode of the database, its -wal and -shm files, backups and set-aside copies. */
export const DATABASE_FILE_MODE = 0o600;

/**
 * Create `dataDir` if needed and make it owner-only, also when an older version (or a
 * default umask) made it readable by others. A folder this user does not own is left
 * as it is: the files in it are still owner-only.
 */
export function ownerOnlyDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  try {
    chmodSync(dataDir, DATA_DIR_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") throw error;
  }
}

/** Make a database file and whichever of its -wal and -shm files exist owner-only. */
export function ownerOnlyFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm"]) {
    if (existsSync(`${file}${suffix}`)) chmodSync(`${file}${suffix}`, DATABASE_FILE_MODE);
  }
}
