/**
 * Preloaded into every measured child (`node --import <this file> ...`):
 * when the process exits, writes its resource usage as JSON (a
 * `ProbeReport`, see measure.ts) to the file named by BENCH_USAGE_FILE. Peak
 * RSS is that of the child alone, from start to exit, the figure
 * `/usr/bin/time -f %M` reports.
 *
 * Plain JavaScript on purpose: Node loads its TypeScript type stripper for a
 * preloaded `.ts` file before the measured program starts, which added about
 * 90 ms to every measured process (10 ms for this file).
 */
import { writeFileSync } from "node:fs";

const target = process.env["BENCH_USAGE_FILE"];
if (target !== undefined) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    // maxRSS is in kilobytes (KiB); CPU times in microseconds.
    const report = { peakRssBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
    writeFileSync(target, JSON.stringify(report));
  });
}
