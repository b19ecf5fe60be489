import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createProject, LIB_URL, modelUrl, syntheticCluster, type Project } from "../../test/project-fixture.ts";
import { isUserError, type Problem } from "../errors/user-error.ts";
import { capturingSourceLocations } from "../resource/source-location.ts";
import { renderProject } from "./generate.ts";
import { withSourcesFrom } from "./sources-rerun.ts";

let project: Project;

beforeEach(() => {
  project = createProject();
});

afterEach(() => project.remove());

/** A cluster whose one component is `apps/web.ts`'s `web()`. */
function writeCluster(): void {
  project.write(
    "clusters/alpha/cluster.ts",
    `import { defineCluster } from ${JSON.stringify(LIB_URL)};\nimport { web } from "../../apps/web.ts";\nexport default defineCluster({ name: "alpha", components: { "apps/web": web() } });\n`,
  );
}

/** `apps/web.ts`: a Namespace and a Deployment whose `spec.replicas` is `replicas` (written as TypeScript). */
function writeWeb(replicas: string, prelude = ""): void {
  project.write(
    "apps/web.ts",
    [
      `import { Namespace } from ${JSON.stringify(modelUrl("v1/Namespace"))};`,
      `import { Deployment } from ${JSON.stringify(modelUrl("apps/v1/Deployment"))};`,
      prelude,
      "export function web() {",
      "  return [",
      '    new Namespace({ metadata: { name: "web" } }),',
      `    new Deployment({ metadata: { name: "web", namespace: "web" }, spec: { replicas: ${replicas}, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } }),`,
      "  ];",
      "}",
      "",
    ].join("\n"),
  );
}

/** The problems `promise` rejects with. */
async function problemsOf(promise: Promise<unknown>): Promise<readonly Problem[]> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isUserError(error)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error.problems;
}

describe("renderProject with sourceLocations: on-problems", () => {
  it("renders a valid project without recording where objects are declared", async () => {
    project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 2));
    const rendered = await renderProject(project.root, { sourceLocations: "on-problems" });
    expect(rendered.trees.map((tree) => tree.cluster)).toEqual(["alpha"]);
    expect(capturingSourceLocations()).toBe(false);
  });

  it("finds where the object behind each problem is declared by rendering the failing clusters again on a thread of their own", async () => {
    writeWeb('"2" as unknown as number');
    writeCluster();
    const problems = await problemsOf(renderProject(project.root, { sourceLocations: "on-problems" }));
    expect(problems).toEqual([
      { where: 'clusters/alpha: components["apps/web"]: Deployment web/web', what: "spec.replicas: must be integer", source: "apps/web.ts:7:5" },
    ]);
    // The source came from the other thread: this one still records nothing.
    expect(capturingSourceLocations()).toBe(false);
  });

  it("keeps the first render's problems, without sources, when the second render finds other problems", async () => {
    // A definition that differs from one evaluation to the next: invalid the first time, valid after.
    const marker = `${project.root}/.evaluated`;
    writeWeb(
      `(evaluatedBefore ? 2 : "2") as unknown as number`,
      `import { existsSync, writeFileSync } from "node:fs";\nconst evaluatedBefore = existsSync(${JSON.stringify(marker)});\nwriteFileSync(${JSON.stringify(marker)}, "");`,
    );
    writeCluster();
    const problems = await problemsOf(renderProject(project.root, { sourceLocations: "on-problems" }));
    expect(problems).toEqual([{ where: 'clusters/alpha: components["apps/web"]: Deployment web/web', what: "spec.replicas: must be integer" }]);
  });
});

describe("withSourcesFrom", () => {
  const problem = (what: string, source?: string): Problem => ({ where: "clusters/a: components[\"apps/web\"]: Deployment web/web", what, ...(source === undefined ? {} : { source }) });

  it("gives each problem the source of the same problem in the second render, in order for repeated ones", () => {
    expect(withSourcesFrom([problem("x"), problem("x"), problem("y")], [problem("y", "b.ts:2:1"), problem("x", "a.ts:1:1"), problem("x", "a.ts:9:1")])).toEqual([
      problem("x", "a.ts:1:1"),
      problem("x", "a.ts:9:1"),
      problem("y", "b.ts:2:1"),
    ]);
  });

  it("keeps a source a problem has, and lends none to a problem the second render does not have", () => {
    expect(withSourcesFrom([problem("x", "kept.ts:1:1"), problem("z")], [problem("x", "other.ts:1:1"), problem("w", "w.ts:1:1")])).toEqual([problem("x", "kept.ts:1:1"), problem("z")]);
  });

  it("tells problems with another hint apart", () => {
    expect(withSourcesFrom([{ ...problem("x"), hint: "one" }], [{ ...problem("x", "a.ts:1:1"), hint: "two" }])).toEqual([{ ...problem("x"), hint: "one" }]);
  });
});
