/**
 * Fails the test run when any unit, integration or e2e test was skipped, pending or
 * marked todo: a skipped suite must never pass for a green one.
 */
import { readFileSync } from "node:fs";

interface VitestReport {
  numTotalTests: number;
  numPendingTests: number;
  numTodoTests: number;
}
interface PlaywrightReport {
  stats: { expected: number; skipped: number; unexpected: number; flaky: number };
}

const problems: string[] = [];
const vitest = JSON.parse(readFileSync("reports/vitest.json", "utf8")) as VitestReport;
if (vitest.numTotalTests === 0) problems.push("vitest ran no tests");
if (vitest.numPendingTests > 0 || vitest.numTodoTests > 0) {
  problems.push(`vitest skipped ${vitest.numPendingTests} and left ${vitest.numTodoTests} todo`);
}
const playwright = JSON.parse(readFileSync("reports/playwright.json", "utf8")) as PlaywrightReport;
if (playwright.stats.expected === 0) problems.push("playwright ran no tests");
if (playwright.stats.skipped > 0) problems.push(`playwright skipped ${playwright.stats.skipped}`);

if (problems.length > 0) {
  process.stderr.write(`Test run incomplete:\n  ${problems.join("\n  ")}\n`);
  process.exit(1);
}
process.stdout.write(
  `All suites ran: ${vitest.numTotalTests} unit/integration tests, ${playwright.stats.expected} e2e tests, none skipped.\n`,
);
