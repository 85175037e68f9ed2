/**
 * `npm run demo`: a throwaway workspace seeded with the Ten Acts demo statement and one
 * account per role (password printed below). Honours PORT and DATA_DIR; without
 * DATA_DIR it uses a fresh temporary folder.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../config.js";
import { startServer } from "../app.js";
import { statementSchema } from "../../shared/schema/statementExtensions.js";
import { DEMO_PASSWORD, demoAccounts, seedDemo } from "./seedDemo.js";

async function main(): Promise<void> {
  const dataDir = process.env["DATA_DIR"] ?? mkdtempSync(path.join(tmpdir(), "drafting-demo-"));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir });
  const server = await startServer(config);
  if ((await server.storage.accounts.count()) === 0) await seedDemo(server.storage, statementSchema());
  const accounts = demoAccounts.map((account) => `    ${account.email.padEnd(28)} ${account.role}${account.group ? ` (${account.group})` : ""}`).join("\n");
  process.stdout.write(
    `\nDemo workspace ready at ${server.url}  (throwaway data in ${config.dataDir})\n` +
      `  Demo accounts, all with the password "${DEMO_PASSWORD}":\n${accounts}\n\n`,
  );
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
