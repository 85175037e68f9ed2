/**
 * `npm run i18n:check` (part of `npm test`): the interface's words and their catalogues
 * agree, with the i18n library's own tools (FormatJS CLI and ESLint plugin).
 *
 * 1. The messages in the code (client, server, shared) extracted by `formatjs extract`
 *    are exactly `shared/i18n/catalogues/en.json` (`npm run i18n:extract` rewrites it).
 * 2. Every message has an explicit id "area.name": without one, the extractor would make
 *    up a hash that no translator's catalogue has.
 * 3. `formatjs verify`: fr, es and ar hold exactly en's ids (none missing, none unused),
 *    each with the same placeholders, plurals and tags.
 * 4. ESLint with the FormatJS plugin: no untranslated text in JSX (children, labels,
 *    titles, placeholders, alt and aria texts), every message literal and valid ICU.
 *
 * `--write` rewrites en.json from the code instead of checking it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LOCALES } from "../shared/i18n/locales.js";

const root = path.resolve(import.meta.dirname, "..");
const catalogues = path.join(root, "shared/i18n/catalogues");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
/** Where messages are written: everything but tests. */
const sources = ["client/**/*.{ts,tsx}", "server/**/*.ts", "shared/**/*.ts"];
const ignored = ["**/*.test.ts", "**/*.d.ts", "server/testing/**"];
const ID = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9_]+)+$/;

/** Run a tool; when it fails (it has said why), so does the check. */
function run(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { cwd: root, stdio: "inherit" });
  } catch {
    process.exit(1);
  }
}

/** The English catalogue as the code says it, keys sorted. */
function extract(): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "messages-"));
  try {
    const out = path.join(dir, "en.json");
    run(bin("formatjs"), ["extract", ...sources, ...ignored.flatMap((glob) => ["--ignore", glob]), "--format", "simple", "--throws", "--out-file", out]);
    const messages = JSON.parse(readFileSync(out, "utf8")) as Record<string, string>;
    return Object.fromEntries(Object.entries(messages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const english = path.join(catalogues, "en.json");
const extracted = extract();
const problems: string[] = [];
for (const id of Object.keys(extracted)) if (!ID.test(id)) problems.push(`message id "${id}" is not of the form area.name (give the message an explicit id)`);

if (process.argv.includes("--write")) {
  writeFileSync(english, `${JSON.stringify(extracted, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, english)}: ${Object.keys(extracted).length} messages`);
  process.exit(problems.length > 0 ? 1 : 0);
} else {
  const committed = JSON.parse(readFileSync(english, "utf8")) as Record<string, string>;
  for (const [id, text] of Object.entries(extracted)) {
    if (!(id in committed)) problems.push(`"${id}" is in the code but not in en.json (run npm run i18n:extract)`);
    else if (committed[id] !== text) problems.push(`"${id}" reads differently in the code than in en.json (run npm run i18n:extract)`);
  }
  for (const id of Object.keys(committed)) if (!(id in extracted)) problems.push(`"${id}" is in en.json but no longer in the code (run npm run i18n:extract)`);
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}

run(bin("formatjs"), [
  "verify",
  "--source-locale",
  "en",
  "--missing-keys",
  "--extra-keys",
  "--structural-equality",
  ...LOCALES.map((locale) => path.join(catalogues, `${locale}.json`)),
]);
run(bin("eslint"), ["--max-warnings", "0", "client", "server", "shared"]);
console.log(`messages: ${Object.keys(extracted).length} in ${LOCALES.join(", ")}, all translated; no untranslated text in JSX`);
