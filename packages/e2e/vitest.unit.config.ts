import { defineConfig } from "vitest/config";

// The harness's own unit tests: fast, no stack (the end-to-end tests are in vitest.config.ts).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    pool: "forks",
    reporters: ["default", "../lib/test/summary-reporter.ts"],
  },
});
