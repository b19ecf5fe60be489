import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["clusters/**/*.test.ts", "apps/**/*.test.ts", "infrastructure/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 1_800_000,
    pool: "forks",
    reporters: ["default", "./packages/lib/test/summary-reporter.ts"],
  },
});
