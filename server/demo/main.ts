/**
 * `npm run demo [-- --fresh]`: a throwaway workspace seeded with the Ten Acts demo
 * statement, its rounds, versions and comments, and one account per role (password
 * printed below). Honours PORT and DATA_DIR: without DATA_DIR it uses a new temporary
 * folder; with it, it reuses what the folder holds, unless `--fresh` empties it first.
 */
import { startDemo } from "./startDemo.js";
import { DEMO_PASSWORD, demoAccounts } from "./seedDemo.js";
import { announceReady } from "../logging.js";

const usage = "Usage: npm run demo [-- --fresh]   (--fresh: empty DATA_DIR first and seed again)";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== "--fresh");
  if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(" ")}\n${usage}`);
  const { server, config, reused } = await startDemo(process.env, { fresh: args.includes("--fresh") });
  const accounts = demoAccounts.map((account) => `  ${account.email.padEnd(28)} ${account.role}${account.group ? ` (${account.group})` : ""}`);
  announceReady(config, `Demo workspace ready at ${server.url}`, [
    reused
      ? `Reusing the demo data in ${config.dataDir} (run \`npm run demo -- --fresh\` to start over)`
      : `Throwaway data in ${config.dataDir}`,
    `Demo accounts, all with the password "${DEMO_PASSWORD}":`,
    ...accounts,
  ]);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
