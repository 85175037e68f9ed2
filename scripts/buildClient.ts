/**
 * `npm run build` (and so `npm start`, `npm run demo`): build the client into
 * dist/client only when its sources changed since the last build, and swap the new build
 * in whole. A server already running (`npm start` while `npm run demo` starts, or the
 * other way round) keeps serving a complete folder: with nothing changed nothing is
 * touched, and a rebuild never empties the folder it serves from. `--force` builds anyway.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "dist", "client");
/** Beside the build (not in it: the folder is public): the fingerprint of the sources it was built from, written once it is in place. */
const stampFile = path.join(root, "dist", "client.fingerprint");
/** What the client build reads: its sources, the shared code, and how it is built. */
const inputs = ["client", "shared", "public", "vite.config.ts", "tsconfig.json", "package-lock.json"];

function files(entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(entry, name)));
}

/** SHA-256 over the names and contents of every input file. */
function fingerprint(): string {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap(files)) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update("\0");
  return hash.digest("hex");
}

async function main(): Promise<void> {
  const force = process.argv.includes("--force");
  const wanted = fingerprint();
  if (!force && existsSync(path.join(outDir, "index.html")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === wanted) {
    process.stdout.write("Client build is up to date (dist/client); `npm run build -- --force` rebuilds it.\n");
    return;
  }
  // Built beside the served folder, then swapped in with two renames.
  const next = path.join(root, "dist", `client.next-${process.pid}`);
  const old = path.join(root, "dist", `client.old-${process.pid}`);
  const { build } = await import("vite");
  await build({ configFile: path.join(root, "vite.config.ts"), build: { outDir: next, emptyOutDir: true } });
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(next, outDir);
  writeFileSync(stampFile, wanted);
  rmSync(old, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
