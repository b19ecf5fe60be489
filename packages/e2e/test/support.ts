/**
 * Helpers shared by the end-to-end tests: run folders, and messages that
 * show what the controller said.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeReport, type E2EHarness, type RevisionReport } from "../src/harness.ts";
import { logTail } from "../src/stack/processes.ts";

/** A new empty folder for one run. */
export function makeRunDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `typed-gitops-e2e-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The report, and the end of the controller's log, for an assertion message. */
export function explain(harness: E2EHarness, report: RevisionReport): string {
  return `${describeReport(report)}\n--- kustomize-controller log (last lines):\n${logTail(harness.controllerLog, 15)}`;
}

/** Prints how long start-up and a revision took, for the budget. */
export function logTimings(label: string, harness: E2EHarness, report?: RevisionReport): void {
  const start = harness.startup;
  const parts = [
    `startup: kine ${start.stack.kine} ms, kube-apiserver ${start.stack.apiserver} ms, Flux CRDs ${start.fluxCrds} ms, kustomize-controller ${start.stack.controller} ms`,
  ];
  if (report !== undefined) {
    parts.push(`revision: stage+pack ${report.timings.stage} ms, reconcile ${report.timings.reconcile} ms (${report.outcome.end}), compare ${report.objectsChecked} objects ${report.timings.check} ms`);
  }
  process.stdout.write(`[e2e ${label}] ${parts.join("; ")}\n`);
}
