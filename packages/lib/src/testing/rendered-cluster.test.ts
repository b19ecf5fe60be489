import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, syntheticCluster, type Project } from "../../test/project-fixture.ts";
import { secretsReadBy } from "../docs/workloads.ts";
import { objectId, podSpecs, renderedCluster, type RenderedCluster } from "./rendered-cluster.ts";

type Json = Record<string, any>;

let project: Project;
let alpha: RenderedCluster<Json>;

beforeAll(async () => {
  project = createProject();
  project.write("clusters/alpha/cluster.ts", syntheticCluster("alpha", 2));
  project.write("clusters/beta/cluster.ts", syntheticCluster("beta", 1));
  alpha = await renderedCluster<Json>(project.root, "alpha");
});

afterAll(() => project.remove());

describe("renderedCluster", () => {
  it("gives the cluster's objects as plain JSON, with the file and component of each", () => {
    expect(alpha.tree.cluster).toBe("alpha");
    expect(alpha.all).toHaveLength(8);
    const settings = alpha.get("ConfigMap", "app-1", "settings");
    expect(settings.path).toBe("apps/app-1/configmap-settings.yaml");
    expect(settings.component).toBe("apps/app-1");
    expect(Object.getPrototypeOf(settings.json)).toBe(Object.prototype);
    expect(settings.json.data.index).toBe("1");
  });

  it("finds objects by kind, and by apiVersion when given", () => {
    expect(alpha.ofKind("Deployment").map(({ json }) => objectId(json))).toEqual(["app-0/app", "app-1/app"]);
    expect(alpha.ofKind("Deployment", "apps/v1")).toHaveLength(2);
    expect(alpha.ofKind("Deployment", "apps/v1beta1")).toEqual([]);
    expect(alpha.ofKind("Namespace").map(({ json }) => objectId(json))).toEqual(["app-0", "app-1"]);
  });

  it("renders the project once for every cluster asked for", async () => {
    const beta = await renderedCluster(project.root, "beta");
    expect(beta.project).toBe(alpha.project);
  });

  it("says what is missing", async () => {
    expect(() => alpha.get("ConfigMap", "app-9", "settings")).toThrow("no ConfigMap app-9/settings in cluster alpha");
    await expect(renderedCluster(project.root, "gamma")).rejects.toThrow("no cluster gamma in alpha, beta");
  });

  it("lists the pod specs of the workloads with their ids and components", () => {
    expect(podSpecs(alpha).map(({ id, component, spec }) => [id, component, spec.containers[0].name])).toEqual([
      ["Deployment app-0/app", "apps/app-0", "app"],
      ["Deployment app-1/app", "apps/app-1", "app"],
    ]);
  });
});

describe("secretsReadBy", () => {
  it("names every Secret a pod spec reads, once each, in code-unit order", () => {
    const spec = {
      initContainers: [{ name: "init", envFrom: [{ secretRef: { name: "zeta" } }] }],
      containers: [{ name: "app", env: [{ name: "A", valueFrom: { secretKeyRef: { name: "beta", key: "a" } } }, { name: "B", value: "plain" }] }],
      volumes: [{ name: "v", secret: { secretName: "alpha" } }, { name: "p", projected: { sources: [{ secret: { name: "gamma" } }] } }],
      imagePullSecrets: [{ name: "beta" }],
    };
    expect(secretsReadBy(spec)).toEqual(["alpha", "beta", "gamma", "zeta"]);
  });
});
