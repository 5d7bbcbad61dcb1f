import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/.tmp/**", "node_modules/**"],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    // Two cores: run files in parallel, but not more than the machine has.
    maxWorkers: 2,
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
