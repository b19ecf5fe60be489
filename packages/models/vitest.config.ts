import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Regenerating the models from the mirror takes about 30 s on 2 cores.
    testTimeout: 300_000,
    pool: "forks",
    reporters: ["default", "../lib/test/summary-reporter.ts"],
  },
});
