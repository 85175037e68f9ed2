import { defineConfig } from "@playwright/test";

/** The client performance spec: run by `npm run bench`, never by `npm test`. */
export default defineConfig({
  testDir: ".",
  testMatch: "*.perf.spec.ts",
  outputDir: "../reports/perf-artifacts",
  timeout: 180_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    headless: true,
    viewport: { width: 1360, height: 860 },
    launchOptions: {
      executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
});
