/** `npm run backup -- <file>`: a consistent copy of the workspace while the server runs. */
import path from "node:path";
import { loadConfig } from "../server/config.js";
import { backupDatabase } from "../server/storage/sqlite/backup.js";

const target = process.argv[2];
if (!target) {
  process.stderr.write("Usage: npm run backup -- <file>\n");
  process.exit(2);
}
// Owner-only files, whatever the shell's umask: backups hold the whole workspace.
process.umask(0o077);
const { dataDir } = loadConfig(process.env);
backupDatabase(dataDir, path.resolve(target)).then(
  (bytes) => process.stdout.write(`Backed up ${dataDir} to ${path.resolve(target)} (${bytes} bytes)\n`),
  (error: unknown) => {
    process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
