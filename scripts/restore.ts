/** `npm run restore -- <file>`: bring a backup back (stop the server first). */
import path from "node:path";
import { mkdirSync } from "node:fs";
import { loadConfig } from "../server/config.js";
import { restoreDatabase } from "../server/storage/sqlite/backup.js";

const source = process.argv[2];
if (!source) {
  process.stderr.write("Usage: npm run restore -- <file>\n");
  process.exit(2);
}
// Owner-only files, whatever the shell's umask: backups hold the whole workspace.
process.umask(0o077);
const { dataDir } = loadConfig(process.env);
try {
  mkdirSync(dataDir, { recursive: true });
  const kept = restoreDatabase(dataDir, path.resolve(source));
  process.stdout.write(`Restored ${path.resolve(source)} into ${dataDir}${kept ? ` (the previous database is kept as ${kept})` : ""}\n`);
} catch (error) {
  process.stderr.write(`Restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
