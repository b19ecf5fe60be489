import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["clusters/**/*.test.ts", "apps/**/*.test.ts", "infrastructure/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
    reporters: ["default", "../../packages/lib/test/summary-reporter.ts"],
  },
});
