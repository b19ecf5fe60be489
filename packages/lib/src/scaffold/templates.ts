/**
 * The source files `new` writes: a component module that passes every
 * policy as it is, and its test with golden files, written the way the
 * reference platform's components are.
 */
import { identifierOf } from "./names.ts";

/** What is scaffolded. */
export type ScaffoldKind = "app" | "component";

/** The chart the component template installs until it is replaced: podinfo's, which exists and deploys. */
const PLACEHOLDER_CHART = { name: "podinfo", version: "6.9.2", repository: "https://stefanprodan.github.io/podinfo" } as const;

/** The image the app template runs until it is replaced: podinfo, a small web service with health endpoints. */
const PLACEHOLDER_IMAGE = "ghcr.io/stefanprodan/podinfo:6.9.2";

function constantOf(name: string): string {
  return name.toUpperCase().replaceAll("-", "_");
}

/** The module of an app: `apps/<name>/<name>.ts`. */
export function appModule(name: string): string {
  const id = identifierOf(name);
  return `/**
 * ${name}: an application. Scaffolded by \`typed-gitops new app ${name}\`: its
 * namespace, a Deployment of a pinned image with probes, resources and the
 * restricted security context, a Service, a PodDisruptionBudget (with more
 * than one replica), a default-deny NetworkPolicy and an allow for its port.
 * The image is a placeholder (podinfo): set yours, with its port and health path.
 */
import { dns1123LabelProblem, parseProps, type ComponentOutput } from "@typed-gitops/lib";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { z } from "zod";

/** The props of {@link ${id}}. */
export const ${id}Props = z
  .object({
    namespace: z
      .string()
      .default(${JSON.stringify(name)})
      .superRefine((value, ctx) => {
        const problem = dns1123LabelProblem(value);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      })
      .describe("The namespace the app runs in; a DNS-1123 label. Default: ${name}."),
    image: z.string().default(${JSON.stringify(PLACEHOLDER_IMAGE)}).describe("The container image, pinned by tag or digest. Default: ${PLACEHOLDER_IMAGE} (a placeholder)."),
    port: z.number().int().min(1).max(65535).default(9898).describe("The port the container serves HTTP on. Default: 9898."),
    healthPath: z.string().startsWith("/").default("/healthz").describe("The HTTP path of the readiness and liveness probes. Default: /healthz."),
    replicas: z.number().int().min(1).default(2).describe("The number of replicas; with more than one, a PodDisruptionBudget keeps one running. Default: 2."),
    resources: z
      .object({
        cpu: z.string().default("50m").describe("CPU request. Default: 50m."),
        memory: z.string().default("64Mi").describe("Memory request and limit. Default: 64Mi."),
      })
      .strict()
      .default({ cpu: "50m", memory: "64Mi" })
      .describe("Container resources."),
  })
  .strict();

/** The input of {@link ${id}}; every field has a default. */
export type ${id[0]!.toUpperCase()}${id.slice(1)}Props = z.input<typeof ${id}Props>;

/**
 * Renders ${name}.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function ${id}(input: ${id[0]!.toUpperCase()}${id.slice(1)}Props = {}): ComponentOutput {
  const props = parseProps(${id}Props, input, ${JSON.stringify(id)});
  const { namespace } = props;
  const labels = { "app.kubernetes.io/name": ${JSON.stringify(name)} };
  return [
    new Namespace({ metadata: { name: namespace } }),
    new Deployment({
      metadata: { name: ${JSON.stringify(name)}, namespace, labels },
      spec: {
        replicas: props.replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: ${JSON.stringify(name)},
                image: props.image,
                ports: [{ name: "http", containerPort: props.port }],
                readinessProbe: { httpGet: { path: props.healthPath, port: "http" } },
                livenessProbe: { httpGet: { path: props.healthPath, port: "http" } },
                resources: { requests: { cpu: props.resources.cpu, memory: props.resources.memory }, limits: { memory: props.resources.memory } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              },
            ],
          },
        },
      },
    }),
    new Service({
      metadata: { name: ${JSON.stringify(name)}, namespace, labels },
      spec: { selector: labels, ports: [{ name: "http", port: props.port, targetPort: "http" }] },
    }),
    ...(props.replicas > 1
      ? [new PodDisruptionBudget({ metadata: { name: ${JSON.stringify(name)}, namespace, labels }, spec: { minAvailable: 1, selector: { matchLabels: labels } } })]
      : []),
    new NetworkPolicy({
      metadata: { name: "default-deny", namespace },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    }),
    new NetworkPolicy({
      metadata: { name: ${JSON.stringify(`${name}-http`)}, namespace, labels },
      spec: { podSelector: { matchLabels: labels }, policyTypes: ["Ingress"], ingress: [{ ports: [{ port: "http" }] }] },
    }),
  ];
}
`;
}

/** The module of an infrastructure component: `infrastructure/<name>/<name>.ts`. */
export function componentModule(name: string): string {
  const id = identifierOf(name);
  const constant = `${constantOf(name)}_CHART_VERSION`;
  const type = `${id[0]!.toUpperCase()}${id.slice(1)}Props`;
  return `/**
 * ${name}: an infrastructure component. Scaffolded by
 * \`typed-gitops new component ${name}\`: its namespace, a HelmRepository and a
 * HelmRelease pinned to an exact chart version. The chart is a placeholder
 * (podinfo's): set your chart, its repository and its values.
 */
import { chartVersionProblem, dns1123LabelProblem, helmRelease, helmRepository, parseProps, type ComponentOutput } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";

/** The chart version, bumped by Renovate. */
// renovate: datasource=helm depName=${PLACEHOLDER_CHART.name} registryUrl=${PLACEHOLDER_CHART.repository}
export const ${constant} = ${JSON.stringify(PLACEHOLDER_CHART.version)};

/** The chart repository. */
export const ${constantOf(name)}_CHART_REPOSITORY = ${JSON.stringify(PLACEHOLDER_CHART.repository)};

/** The props of {@link ${id}}. */
export const ${id}Props = z
  .object({
    namespace: z
      .string()
      .default(${JSON.stringify(name)})
      .superRefine((value, ctx) => {
        const problem = dns1123LabelProblem(value);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      })
      .describe("The namespace of the release and its repository; a DNS-1123 label. Default: ${name}."),
    version: z
      .string()
      .default(${constant})
      .superRefine((value, ctx) => {
        const problem = chartVersionProblem(value);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      })
      .describe(\`The exact chart version, no ranges. Default: \${${constant}}.\`),
  })
  .strict();

/** The input of {@link ${id}}; every field has a default. */
export type ${type} = z.input<typeof ${id}Props>;

/**
 * Renders ${name}: a Namespace, a HelmRepository and a HelmRelease.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function ${id}(input: ${type} = {}): ComponentOutput {
  const props = parseProps(${id}Props, input, ${JSON.stringify(id)});
  const { namespace } = props;
  return [
    new Namespace({ metadata: { name: namespace } }),
    helmRepository({ name: ${JSON.stringify(name)}, namespace, url: ${constantOf(name)}_CHART_REPOSITORY }),
    helmRelease({
      name: ${JSON.stringify(name)},
      namespace,
      chart: { name: ${JSON.stringify(PLACEHOLDER_CHART.name)}, version: props.version, sourceRef: { name: ${JSON.stringify(name)} } },
    }),
  ];
}
`;
}

/** The golden file of the default render, relative to the component's folder. */
export function goldenFile(name: string): string {
  return `__golden__/${name}.default.yaml`;
}

/** The test of a scaffolded module: golden YAML of the defaults, schema validation, and a rejected prop. */
export function testModule(name: string): string {
  const id = identifierOf(name);
  return `import { emitDocument, isUserError, type ApiObject } from "@typed-gitops/lib";
import { describe, expect, it } from "vitest";
import { ${id} } from "./${name}.ts";

/** A component's objects as one multi-document YAML text, as the golden files hold them. */
function emitAll(objects: readonly ApiObject[]): string {
  return objects.map((object) => emitDocument(object as unknown as Record<string, unknown>)).join("---\\n");
}

describe(${JSON.stringify(id)}, () => {
  it("renders its defaults as its golden file", async () => {
    await expect(emitAll(${id}())).toMatchFileSnapshot(${JSON.stringify(goldenFile(name))});
  });

  it("renders objects that pass their models' schema validation", () => {
    for (const object of ${id}()) expect(() => (object as ApiObject & { validate(): void }).validate()).not.toThrow();
  });

  it("rejects an unknown prop, naming it", () => {
    let message = "";
    try {
      ${id}({ unknownProp: 1 } as never);
    } catch (error) {
      expect(isUserError(error)).toBe(true);
      message = (error as Error).message;
    }
    expect(message).toContain('${id}: unknown field "unknownProp"');
  });
});
`;
}
