/**
 * The tests every project gets, on a stack of its own: its tree as it is in
 * the project, reconciled and compared; then a change to its definition
 * (one app removed, values of another changed, see plan-change.ts) rendered
 * in a copy of the project and reconciled, with the removed app pruned.
 *
 * The checks are generic (every Kustomization, every object), so they
 * follow a project as it grows.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { E2EHarness, passed, type RevisionReport } from "../src/harness.ts";
import { copyProject } from "../src/project/copy-project.ts";
import { treeComponents, applyFirstAcceptedChange, candidateChanges, fieldAt } from "../src/project/plan-change.ts";
import { explain, logTimings, makeRunDir } from "./support.ts";

/** A project and cluster to test. */
export interface ProjectUnderTest {
  /** The describe block's title. */
  readonly title: string;
  /** A short label for logs and run folders. */
  readonly label: string;
  /** The project root. */
  readonly root: string;
  /** The cluster. */
  readonly cluster: string;
}

/** Declares the tests of one project (see the module comment). */
export function projectSuite(project: ProjectUnderTest): void {
  describe(project.title, () => {
    const run = makeRunDir(project.label);
    let harness: E2EHarness | undefined;
    let first: RevisionReport | undefined;

    beforeAll(async () => {
      harness = await E2EHarness.start({ cluster: project.cluster, runDir: join(run.dir, "run") });
    });

    afterAll(async () => {
      await harness?.stop();
      run.remove();
    });

    it("reconciles its tree: every Flux Kustomization Ready in dependency order, every object as rendered", async () => {
      const report = await harness!.reconcile(project.root);
      logTimings(project.label, harness!, report);
      expect(passed(report), explain(harness!, report)).toBe(true);
      expect(report.expected.map((kustomization) => kustomization.id)).toContain("flux-system/flux-system");
      if (existsSync(join(project.root, ".secrets", "age", `${project.cluster}.agekey`))) {
        // every SOPS Secret was served, and compared decrypted (see compare-objects.ts)
        expect(report.staged.droppedEncrypted).toEqual([]);
      } else if (report.staged.droppedEncrypted.length > 0) {
        process.stdout.write(`[e2e ${project.label}] no age key: left out ${report.staged.droppedEncrypted.join(", ")}\n`);
      }
      first = report;
    });

    it("prunes a removed app and updates changed values after its definition changes", async () => {
      expect(first, "the first revision must have reconciled").toBeDefined();
      const copy = copyProject(project.root, join(run.dir, "project"));
      const before = treeComponents(copy, project.cluster);
      const { change } = await applyFirstAcceptedChange(copy, project.cluster, candidateChanges(copy, project.cluster));
      process.stdout.write(`[e2e ${project.label}] change: ${JSON.stringify(change)}\n`);

      const second = await harness!.reconcile(copy);
      logTimings(`${project.label} update`, harness!, second);
      expect(passed(second), explain(harness!, second)).toBe(true);
      expect(second.artifact.revision).not.toBe(first!.artifact.revision);
      for (const removed of change.removeComponents) {
        for (const object of before.get(removed) ?? []) {
          if (object.metadata.annotations?.["kustomize.toolkit.fluxcd.io/prune"] === "disabled") continue;
          const live = await harness!.client.get(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace);
          // deleted; a Namespace or a PersistentVolumeClaim keeps a finalizer that only kube-controller-manager (not run) removes
          expect(live === undefined || live.metadata.deletionTimestamp !== undefined, `${object.kind} ${object.metadata.namespace ?? ""}/${object.metadata.name} was not pruned`).toBe(true);
        }
      }
      for (const field of change.setFields) {
        const live = await harness!.client.get(field.apiVersion, field.kind, field.name, field.namespace === "" ? undefined : field.namespace);
        expect(fieldAt(live, field.path), `${field.kind} ${field.namespace}/${field.name} ${field.path.join(".")}`).toEqual(field.value);
      }
    });
  });
}
