import { defineConfig } from "vitest/config";

/** Unit and integration tests (`*.test.ts` beside the code); e2e/ is Playwright's. */
export default defineConfig({
  test: {
    include: ["{shared,server,client,bench}/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    allowOnly: false,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});
