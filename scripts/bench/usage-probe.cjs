/**
 * Preloaded into every measured process through `NODE_OPTIONS=--require
 * <this file>`, and so into every Node process it starts (`gen` runs in a
 * second process when it starts from the library's start-up snapshot):
 * when a process exits, it appends its resource usage as one JSON line (a
 * `ProbeReport`, see measure.ts) to the file named by BENCH_USAGE_FILE. Peak
 * RSS is that of the process alone, from start to exit, the figure
 * `/usr/bin/time -f %M` reports for it.
 *
 * Plain CommonJS on purpose: Node loads its TypeScript type stripper for a
 * preloaded `.ts` file before the measured program starts, which added about
 * 90 ms to every measured process (a few ms for this file); and a process
 * started from a snapshot runs `--require` preloads, not `--import` ones.
 */
"use strict";
const { appendFileSync } = require("node:fs");

const target = process.env.BENCH_USAGE_FILE;
if (target !== undefined) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    // maxRSS is in kilobytes (KiB); CPU times in microseconds.
    const report = { pid: process.pid, peakRssBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
    appendFileSync(target, `${JSON.stringify(report)}\n`);
  });
}
