/**
 * Boot: read the configuration, start the server, stop gracefully on SIGTERM/SIGINT.
 */
import { loadConfig } from "./config.js";
import { startServer } from "./app.js";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const server = await startServer(config);
  process.stdout.write(`\nDrafting workspace ready at ${server.url}  (data in ${config.dataDir})\n\n`);
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
