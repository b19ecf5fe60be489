import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.e2e.test.ts"],
    // builds the stack's binaries when they are missing (a cold build takes many minutes)
    globalSetup: ["./test/global-setup.ts"],
    // one stack at a time: each runs an API server and a controller on a 2-core machine
    fileParallelism: false,
    pool: "forks",
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ["default", "../lib/test/summary-reporter.ts"],
  },
});
