/**
 * Fails the test run when any unit, integration or e2e test was skipped, pending or
 * marked todo: a skipped suite must never pass for a green one. One exception, stated
 * loudly: the scale-out suites (PostgreSQL, Redis) skip on a machine that has not
 * configured those services; with TEST_DATABASE_URL and TEST_REDIS_URL set (as CI does),
 * they must run like everything else.
 */
import { readFileSync } from "node:fs";
import { SCALE_OUT_MARK } from "../server/testing/testDatabase.js";

interface VitestReport {
  numTotalTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}
interface PlaywrightReport {
  stats: { expected: number; skipped: number; unexpected: number; flaky: number };
}

const problems: string[] = [];
const vitest = JSON.parse(readFileSync("reports/vitest.json", "utf8")) as VitestReport;
const notRun = vitest.testResults.flatMap((file) => file.assertionResults).filter((test) => test.status !== "passed" && test.status !== "failed");
const servicesConfigured = Boolean(process.env["TEST_DATABASE_URL"] && process.env["TEST_REDIS_URL"]);
const optional = servicesConfigured ? [] : notRun.filter((test) => test.fullName.includes(SCALE_OUT_MARK));
if (vitest.numTotalTests === 0) problems.push("vitest ran no tests");
if (notRun.length > optional.length || vitest.numPendingTests + vitest.numTodoTests > notRun.length) {
  problems.push(`vitest skipped ${vitest.numPendingTests} and left ${vitest.numTodoTests} todo`);
}
const playwright = JSON.parse(readFileSync("reports/playwright.json", "utf8")) as PlaywrightReport;
if (playwright.stats.expected === 0) problems.push("playwright ran no tests");
if (playwright.stats.skipped > 0) problems.push(`playwright skipped ${playwright.stats.skipped}`);

if (problems.length > 0) {
  process.stderr.write(`Test run incomplete:\n  ${problems.join("\n  ")}\n`);
  process.exit(1);
}
const ran = vitest.numTotalTests - optional.length;
if (optional.length > 0) {
  process.stdout.write(
    `All other suites ran: ${ran} unit/integration tests, ${playwright.stats.expected} e2e tests.\n` +
      `SKIPPED: ${optional.length} scale-out tests (PostgreSQL storage, several instances over Redis), because\n` +
      "TEST_DATABASE_URL and TEST_REDIS_URL are not both set. To run them:\n" +
      "  TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379 npm test\n",
  );
} else {
  process.stdout.write(`All suites ran: ${ran} unit/integration tests, ${playwright.stats.expected} e2e tests, none skipped.\n`);
}
