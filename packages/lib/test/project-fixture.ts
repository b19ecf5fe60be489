/**
 * Temporary projects for tests that run the real CLI: a folder with
 * `clusters/<name>/cluster.ts` files that import the library by file URL.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** The CLI entry of the library. */
export const CLI = join(here, "..", "bin", "typed-gitops.js");

/** `import` specifiers a fixture's cluster files use. */
export const LIB_URL = pathToFileURL(join(here, "..", "src", "index.ts")).href;

/** Resolves a `kubernetes-models` class module to a file URL usable from any folder. */
export function modelUrl(subpath: string): string {
  return pathToFileURL(join(here, "..", "node_modules", "kubernetes-models", `${subpath}.js`)).href;
}

/** A temporary project. */
export interface Project {
  /** Its root folder. */
  readonly root: string;
  /** Writes a file relative to the root. */
  write(path: string, content: string): void;
  /** Runs the CLI synchronously with the given arguments in the root. */
  cli(args: readonly string[], env?: NodeJS.ProcessEnv): SpawnSyncReturns<string>;
  /** Starts the CLI without waiting. */
  spawnCli(args: readonly string[], env?: NodeJS.ProcessEnv): ReturnType<typeof spawn>;
  /** Every file under `generated/<cluster>` with its contents, keyed by relative path. */
  tree(cluster: string): Map<string, string>;
  /** Removes the project. */
  remove(): void;
}

/** Creates an empty temporary project. */
export function createProject(): Project {
  const root = mkdtempSync(join(tmpdir(), "typed-gitops-test-"));
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  return {
    root,
    write,
    cli: (args, env) =>
      spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } }),
    spawnCli: (args, env) => spawn(process.execPath, [CLI, ...args], { cwd: root, env: { ...process.env, ...env }, stdio: "pipe" }),
    tree: (cluster) => readTree(join(root, "generated", cluster)),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Reads every file below `dir` (dotfiles included), keyed by relative path. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, "utf8"));
    }
  };
  try {
    if (statSync(dir).isDirectory()) walk(dir);
  } catch {
    // no tree
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Source of a cluster file with `count` apps, each a Namespace, a ConfigMap,
 * a Deployment and a default-deny NetworkPolicy in its own folder. `variant` changes the ConfigMaps' data, so
 * two variants render different trees of the same shape; `order` lists the
 * components (and each one's objects) forward or backward.
 */
export function syntheticCluster(name: string, count: number, variant = "a", order: "forward" | "backward" = "forward"): string {
  const loop = order === "forward" ? `let i = 0; i < ${count}; i++` : `let i = ${count - 1}; i >= 0; i--`;
  return `import { defineCluster } from ${JSON.stringify(LIB_URL)};
import { ConfigMap } from ${JSON.stringify(modelUrl("v1/ConfigMap"))};
import { Namespace } from ${JSON.stringify(modelUrl("v1/Namespace"))};
import { Deployment } from ${JSON.stringify(modelUrl("apps/v1/Deployment"))};
import { NetworkPolicy } from ${JSON.stringify(modelUrl("networking.k8s.io/v1/NetworkPolicy"))};

const container = {
  name: "app",
  image: "example.com/app:1.0.0",
  readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
  livenessProbe: { httpGet: { path: "/live", port: 8080 } },
  resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { memory: "32Mi" } },
  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
};
const components: Record<string, (Namespace | ConfigMap | Deployment | NetworkPolicy)[]> = {};
for (${loop}) {
  const namespace = "app-" + i;
  const labels = { app: "app-" + i };
  const objects = [
    new Namespace({ metadata: { name: namespace } }),
    new ConfigMap({ metadata: { name: "settings", namespace }, data: { variant: ${JSON.stringify(variant)}, index: String(i), "İstanbul": "ı", "Ilık": "i" } }),
    new Deployment({ metadata: { name: "app", namespace, labels }, spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container] } } } }),
    new NetworkPolicy({ metadata: { name: "default-deny", namespace }, spec: { podSelector: {}, policyTypes: ["Ingress"] } }),
  ];
  components["apps/app-" + i] = ${JSON.stringify(order)} === "forward" ? objects : objects.reverse();
}
export default defineCluster({ name: ${JSON.stringify(name)}, components });
`;
}

/**
 * Source of a layered cluster for a GitOps engine: a controller with its
 * namespace, a configuration component and `apps` applications.
 */
export function gitopsCluster(name: string, engine: "flux" | "argocd", apps: number): string {
  return `import { defineCluster } from ${JSON.stringify(LIB_URL)};
import { ConfigMap } from ${JSON.stringify(modelUrl("v1/ConfigMap"))};
import { Namespace } from ${JSON.stringify(modelUrl("v1/Namespace"))};
import { Deployment } from ${JSON.stringify(modelUrl("apps/v1/Deployment"))};

const components: Record<string, (Namespace | ConfigMap | Deployment)[]> = {
  "infrastructure/controllers/operator": [
    new Namespace({ metadata: { name: "operator" } }),
    new Deployment({ metadata: { name: "operator", namespace: "operator" }, spec: { selector: { matchLabels: { app: "operator" } }, template: { metadata: { labels: { app: "operator" } }, spec: { containers: [{
      name: "operator",
      image: "example.com/operator:2.0.0",
      readinessProbe: { httpGet: { path: "/ready", port: 8080 } },
      livenessProbe: { httpGet: { path: "/live", port: 8080 } },
      resources: { requests: { cpu: "50m", memory: "32Mi" }, limits: { memory: "32Mi" } },
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    }] } } } }),
  ],
  "infrastructure/configs/settings": [new ConfigMap({ metadata: { name: "platform", namespace: "operator" }, data: { tier: "gold" } })],
};
for (let i = 0; i < ${apps}; i++) {
  const namespace = "app-" + i;
  components["apps/app-" + i] = [
    new Namespace({ metadata: { name: namespace } }),
    new ConfigMap({ metadata: { name: "settings", namespace }, data: { index: String(i) } }),
  ];
}
export default defineCluster({
  name: ${JSON.stringify(name)},
  gitops: { engine: ${JSON.stringify(engine)}, repository: { url: "https://git.example.com/platform.git" } },
  components,
});
`;
}
