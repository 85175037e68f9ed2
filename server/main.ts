/**
 * Boot: read the configuration, start the server, stop gracefully on SIGTERM/SIGINT.
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "./config.js";
import { startServer } from "./app.js";
import { PID_FILE } from "./storage/sqlite/backup.js";
import { announceReady } from "./logging.js";

async function main(): Promise<void> {
  // Owner-only from the first file on: the database, its -wal and -shm, the pid file.
  process.umask(0o077);
  const config = loadConfig(process.env);
  const server = await startServer(config);
  const pidFile = path.join(config.dataDir, PID_FILE);
  writeFileSync(pidFile, String(process.pid));
  process.on("exit", () => rmSync(pidFile, { force: true }));
  announceReady(config, `Drafting workspace ready at ${server.url}`, [`Data in ${config.dataDir}`]);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: saving and closing connections…\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
