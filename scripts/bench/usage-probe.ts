/**
 * Preloaded into every measured child (`node --import <this file> ...`):
 * when the process exits, writes its resource usage as JSON (see
 * {@link ProbeReport}) to the file named by BENCH_USAGE_FILE. Peak RSS is that
 * of the child alone, from start to exit, the figure `/usr/bin/time -f %M`
 * reports.
 */
import { writeFileSync } from "node:fs";

/** What the probe writes. */
export interface ProbeReport {
  /** Peak resident set size, in bytes. */
  readonly peakRssBytes: number;
  /** User plus system CPU time, in seconds. */
  readonly cpuSeconds: number;
}

const target = process.env["BENCH_USAGE_FILE"];
if (target !== undefined) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    // maxRSS is in kilobytes (KiB); CPU times in microseconds.
    const report: ProbeReport = { peakRssBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 };
    writeFileSync(target, JSON.stringify(report));
  });
}
