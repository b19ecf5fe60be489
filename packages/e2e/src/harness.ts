/**
 * The end-to-end harness: a real API server and Flux's kustomize-controller
 * reconcile one cluster of a project, from artifacts the harness serves.
 *
 * 1. start kine and kube-apiserver; install Flux's CRDs; start kustomize-controller;
 * 2. for each revision: stage the project's tree (test-only changes, see
 *    stage-tree.ts), install the CRDs of the components it uses, pack and
 *    serve it, publish it in the GitRepository's status; the first time,
 *    also apply the cluster's root objects (namespace, source, decryption
 *    key, sync Kustomization) as a bootstrap would;
 * 3. wait until every Flux Kustomization is Ready at that revision, or has
 *    failed; check the dependency order; compare every object of the tree
 *    with the API server, and check that objects the previous revision had
 *    and this one does not were pruned.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type KubeClient, type KubeObject } from "./kube/client.ts";
import { componentCrds, installCrds, loadUpstreamCrds, type UpstreamCrds } from "./kube/install-crds.ts";
import { waitForReconcile, type ReconcileOutcome } from "./kube/wait-for-reconcile.ts";
import { REPOSITORY_ROOT } from "./paths.ts";
import { publishArtifact, startArtifactServer, type Artifact, type ArtifactServer } from "./source/artifact-server.ts";
import { startStack, type Stack, type StackTimings } from "./stack/start-stack.ts";
import { compareObject } from "./tree/compare-objects.ts";
import { expectedState, objectId, syncKustomization, type ExpectedKustomization } from "./tree/expected-objects.ts";
import { stageTree, type StagedTree } from "./tree/stage-tree.ts";

/** The default folder of the pinned upstream CRDs: `shared/upstream` beside the repository. */
export const DEFAULT_UPSTREAM_DIR = join(REPOSITORY_ROOT, "..", "shared", "upstream");

/** Options of {@link E2EHarness.start}. */
export interface HarnessOptions {
  /** The cluster to reconcile. */
  readonly cluster: string;
  /** An empty folder for this run: the stack's state, logs, served trees. */
  readonly runDir: string;
  /**
   * The cluster's age private key, for SOPS decryption. Without one, the
   * served tree leaves decryption and the encrypted Secrets out.
   * @default `<projectRoot>/.secrets/age/<cluster>.agekey` of the first project reconciled, when it exists
   */
  readonly ageKeyFile?: string;
  /**
   * The pinned upstream CRDs.
   * @default {@link DEFAULT_UPSTREAM_DIR}
   */
  readonly upstreamDir?: string;
  /**
   * How long one revision may take to reconcile.
   * @default 300000 (5 minutes)
   */
  readonly timeoutMs?: number;
}

/** What happened to one revision. */
export interface RevisionReport {
  /** The artifact served. */
  readonly artifact: Artifact;
  /** The served tree. */
  readonly staged: StagedTree;
  /** The Flux Kustomizations and their objects, as the tree builds them. */
  readonly expected: readonly ExpectedKustomization[];
  /** The controller's verdict. */
  readonly outcome: ReconcileOutcome;
  /** Objects that differ from the tree, as `object: problem` (checked only when the outcome is ok). */
  readonly mismatches: readonly string[];
  /** Objects of the previous revision that this one dropped but the API server still holds. */
  readonly notPruned: readonly string[];
  /** How many objects were compared. */
  readonly objectsChecked: number;
  /** Timings in ms. */
  readonly timings: { readonly stage: number; readonly reconcile: number; readonly check: number };
}

/** Whether a revision reconciled and matches the tree. */
export function passed(report: RevisionReport): boolean {
  return report.outcome.ok && report.mismatches.length === 0 && report.notPruned.length === 0;
}

/** A readable account of a revision, for test failures and logs. */
export function describeReport(report: RevisionReport): string {
  const lines = [
    `revision ${report.artifact.revision}: ${report.outcome.end} after ${report.outcome.elapsedMs} ms; ${report.objectsChecked} objects checked`,
    ...report.outcome.states.map((state) => `  ${state.id}: Ready=${state.ready} ${state.reason}${state.seenReadyAfterMs === undefined ? "" : ` (seen Ready after ${state.seenReadyAfterMs} ms)`}`),
    ...report.outcome.notReady.map((line) => `  NOT READY ${line}`),
    ...report.outcome.orderProblems.map((line) => `  ORDER ${line}`),
    ...report.mismatches.map((line) => `  MISMATCH ${line}`),
    ...report.notPruned.map((line) => `  NOT PRUNED ${line}`),
  ];
  if (report.staged.droppedEncrypted.length > 0) lines.push(`  (no age key: left out ${report.staged.droppedEncrypted.join(", ")}; decryption dropped from ${report.staged.droppedDecryption.join(", ")})`);
  return lines.join("\n");
}

/** Options of {@link E2EHarness.reconcile}. */
export interface ReconcileOptions {
  /** Changes the staged tree before it is served (the negative tests break it here). */
  readonly edit?: (staged: StagedTree) => void;
}

/** A running harness for one cluster. */
export class E2EHarness {
  readonly #options: HarnessOptions;
  readonly #stack: Stack;
  readonly #server: ArtifactServer;
  readonly #upstream: UpstreamCrds;
  readonly #startup: { stack: StackTimings; fluxCrds: number };
  #revisions = 0;
  #previous: readonly ExpectedKustomization[] | undefined;
  #bootstrapped = false;
  #ageKeyFile: string | undefined;

  private constructor(options: HarnessOptions, stack: Stack, server: ArtifactServer, upstream: UpstreamCrds, fluxCrds: number) {
    this.#options = options;
    this.#stack = stack;
    this.#server = server;
    this.#upstream = upstream;
    this.#startup = { stack: stack.timings, fluxCrds };
    this.#ageKeyFile = options.ageKeyFile;
  }

  /**
   * Starts the stack: kine, kube-apiserver, Flux's CRDs, kustomize-controller,
   * and the artifact server. Call {@link stop} in a finally block.
   */
  static async start(options: HarnessOptions): Promise<E2EHarness> {
    mkdirSync(options.runDir, { recursive: true });
    const upstream = loadUpstreamCrds(options.upstreamDir ?? DEFAULT_UPSTREAM_DIR);
    const stack = await startStack(join(options.runDir, "stack"));
    let server: ArtifactServer | undefined;
    try {
      const started = Date.now();
      await installCrds(stack.client, upstream.flux);
      const fluxCrds = Date.now() - started;
      await stack.startController();
      server = await startArtifactServer(join(options.runDir, "artifacts"));
      return new E2EHarness(options, stack, server, upstream, fluxCrds);
    } catch (error) {
      await server?.close();
      await stack.stop();
      throw error;
    }
  }

  /** The API client (admin). */
  get client(): KubeClient {
    return this.#stack.client;
  }

  /** The admin kubeconfig, for kubectl while debugging. */
  get kubeconfig(): string {
    return this.#stack.kubeconfig;
  }

  /** The controller's log file. */
  get controllerLog(): string {
    return this.#stack.controllerLog;
  }

  /** How long start-up took, in ms. */
  get startup(): { readonly stack: StackTimings; readonly fluxCrds: number } {
    return this.#startup;
  }

  /**
   * Serves the project's current tree as a new revision and reports how the
   * controller reconciled it.
   */
  async reconcile(projectRoot: string, options: ReconcileOptions = {}): Promise<RevisionReport> {
    const { cluster } = this.#options;
    const client = this.#stack.client;
    let started = Date.now();
    if (this.#ageKeyFile === undefined) {
      const candidate = join(projectRoot, ".secrets", "age", `${cluster}.agekey`);
      if (existsSync(candidate)) this.#ageKeyFile = candidate;
    }
    const staged = stageTree({ projectRoot, cluster, destination: join(this.#options.runDir, "trees", String(++this.#revisions)), canDecrypt: this.#ageKeyFile !== undefined });
    options.edit?.(staged);
    const expected = await expectedState(staged.root, cluster);
    const objects = expected.flatMap((kustomization) => kustomization.objects);
    await installCrds(client, await componentCrds(client, this.#upstream, objects));
    const sync = syncKustomization(staged.root, cluster);
    const sourceRef = (sync.spec as { sourceRef: { kind: string; name: string; namespace?: string } }).sourceRef;
    const source = { kind: sourceRef.kind, name: sourceRef.name, namespace: sourceRef.namespace ?? sync.metadata.namespace ?? "flux-system" };
    const sourceObject = objects.find((object) => object.kind === source.kind && object.metadata.name === source.name && (object.metadata.namespace ?? "") === source.namespace);
    if (source.kind !== "GitRepository" || sourceObject === undefined) {
      throw new Error(`generated/${cluster}: the sync Kustomization's source must be a GitRepository in the tree (found ${source.kind} ${source.namespace}/${source.name}${sourceObject === undefined ? ", not in the tree" : ""})`);
    }
    const branch = ((sourceObject.spec as { ref?: { branch?: string } } | undefined)?.ref?.branch) ?? "main";
    const artifact = await this.#server.pack(staged.root, "generated", branch);
    const stage = Date.now() - started;

    started = Date.now();
    const publishedAtMs = Date.now();
    if (!this.#bootstrapped) {
      await this.#bootstrap(objects, sourceObject, sync, expected);
      await publishArtifact(client, source, artifact);
      await client.apply(sync);
      this.#bootstrapped = true;
    } else {
      await publishArtifact(client, source, artifact);
    }
    const outcome = await waitForReconcile(client, expected, artifact.revision, { timeoutMs: this.#options.timeoutMs ?? 300_000, publishedAtMs });
    const reconcile = Date.now() - started;

    started = Date.now();
    const mismatches: string[] = [];
    const notPruned: string[] = [];
    let objectsChecked = 0;
    if (outcome.ok) {
      for (const kustomization of expected) {
        for (const object of kustomization.objects) {
          const live = await client.get(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace);
          for (const problem of compareObject(object, live, kustomization)) mismatches.push(`${objectId(object)}: ${problem}`);
          objectsChecked++;
        }
      }
      const now = new Set(objects.map(objectId));
      for (const object of (this.#previous ?? []).flatMap((kustomization) => kustomization.objects)) {
        if (now.has(objectId(object)) || object.metadata.annotations?.["kustomize.toolkit.fluxcd.io/prune"] === "disabled") continue;
        const live = await client.get(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace);
        // deleted; without kube-controller-manager a Namespace or a PersistentVolumeClaim keeps its finalizer
        if (live !== undefined && live.metadata.deletionTimestamp === undefined) notPruned.push(objectId(object));
      }
      this.#previous = expected;
    }
    return { artifact, staged, expected, outcome, mismatches, notPruned, objectsChecked, timings: { stage, reconcile, check: Date.now() - started } };
  }

  /** Applies what a bootstrap creates before Flux syncs: the namespace, the source, the decryption keys. */
  async #bootstrap(objects: readonly KubeObject[], sourceObject: KubeObject, sync: KubeObject, expected: readonly ExpectedKustomization[]): Promise<void> {
    const client = this.#stack.client;
    const namespace = sync.metadata.namespace ?? "flux-system";
    const namespaceObject = objects.find((object) => object.kind === "Namespace" && object.metadata.name === namespace) ?? { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } };
    await client.apply(namespaceObject);
    await client.apply(sourceObject);
    if (this.#ageKeyFile === undefined) return;
    const key = readFileSync(this.#ageKeyFile, "utf8");
    const secrets = new Set<string>();
    for (const kustomization of expected) {
      const object = objects.find((candidate) => candidate.kind === "Kustomization" && candidate.metadata.name === kustomization.name && candidate.apiVersion.startsWith("kustomize.toolkit.fluxcd.io/"));
      const name = (object?.spec as { decryption?: { secretRef?: { name?: string } } } | undefined)?.decryption?.secretRef?.name;
      if (name !== undefined) secrets.add(`${kustomization.namespace}/${name}`);
    }
    for (const id of secrets) {
      const [secretNamespace, name] = id.split("/") as [string, string];
      await client.apply({ apiVersion: "v1", kind: "Secret", metadata: { name, namespace: secretNamespace }, type: "Opaque", stringData: { "age.agekey": key } });
    }
  }

  /** Stops the controller, the API server, kine and the artifact server. */
  async stop(): Promise<void> {
    try {
      await this.#server.close();
    } finally {
      await this.#stack.stop();
    }
  }
}
