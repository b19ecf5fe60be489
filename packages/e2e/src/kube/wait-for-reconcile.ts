/**
 * Watching the Flux Kustomizations until a revision is reconciled: every
 * one Ready at that revision, or some failed at it (and those depending on
 * them blocked), or the time is up.
 */
import type { ExpectedKustomization } from "../tree/expected-objects.ts";
import type { KubeClient } from "./client.ts";

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** What the controller reports about one Kustomization. */
export interface KustomizationState {
  /** `namespace/name`. */
  readonly id: string;
  /** The Ready condition's status, or `missing` when the object does not exist yet. */
  readonly ready: "True" | "False" | "Unknown" | "missing";
  readonly reason: string;
  readonly message: string;
  readonly lastAppliedRevision: string;
  readonly lastAttemptedRevision: string;
  /** When the Ready condition last changed (RFC 3339, 1 s resolution). */
  readonly readySince: string;
  /** When the harness first saw it Ready at the revision, in ms since the wait began. */
  readonly seenReadyAfterMs?: number;
}

/** The result of {@link waitForReconcile}. */
export interface ReconcileOutcome {
  /** True when every Kustomization is Ready at the revision. */
  readonly ok: boolean;
  /** The revision waited for. */
  readonly revision: string;
  /** How long it took, in ms. */
  readonly elapsedMs: number;
  /** Why it ended: `ready`, `failed` (some failed, the rest done or blocked) or `timeout`. */
  readonly end: "ready" | "failed" | "timeout";
  /** Every Kustomization's last state. */
  readonly states: readonly KustomizationState[];
  /** The Kustomizations not Ready at the revision, each as `namespace/name: reason: message`. */
  readonly notReady: readonly string[];
  /** Kustomizations that became Ready before one they depend on. */
  readonly orderProblems: readonly string[];
}

/** Options of {@link waitForReconcile}. */
export interface WaitOptions {
  /** How long to wait, in ms. */
  readonly timeoutMs: number;
  /** When the revision was published (ms since the epoch). */
  readonly publishedAtMs: number;
}

/** A time as the API server writes it (RFC 3339, whole seconds), rounded down. */
function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** Reasons that mean "not yet", not "failed". */
const WAITING_REASONS = new Set(["DependencyNotReady", "Progressing"]);

async function readState(client: KubeClient, expected: ExpectedKustomization): Promise<Omit<KustomizationState, "seenReadyAfterMs"> & { generation: number; observedGeneration: number }> {
  const live = await client.get("kustomize.toolkit.fluxcd.io/v1", "Kustomization", expected.name, expected.namespace);
  if (live === undefined) {
    return { id: expected.id, ready: "missing", reason: "", message: "", lastAppliedRevision: "", lastAttemptedRevision: "", readySince: "", generation: 0, observedGeneration: -1 };
  }
  const status = (live.status ?? {}) as { conditions?: Condition[]; lastAppliedRevision?: string; lastAttemptedRevision?: string; observedGeneration?: number };
  const ready = status.conditions?.find((condition) => condition.type === "Ready");
  return {
    id: expected.id,
    ready: (ready?.status as "True" | "False" | "Unknown" | undefined) ?? "Unknown",
    reason: ready?.reason ?? "",
    message: ready?.message ?? "",
    lastAppliedRevision: status.lastAppliedRevision ?? "",
    lastAttemptedRevision: status.lastAttemptedRevision ?? "",
    readySince: ready?.lastTransitionTime ?? "",
    generation: live.metadata.generation ?? 0,
    observedGeneration: status.observedGeneration ?? -1,
  };
}

/**
 * Polls the Kustomizations every 500 ms until `revision` is reconciled or
 * has settled into failure, or `timeoutMs` passes.
 *
 * A Kustomization has failed at the revision when its Ready condition is
 * False for a reason other than waiting, and it either attempted the
 * revision or its condition changed after the revision was published (a
 * missing path fails before the controller records the attempt).
 */
export async function waitForReconcile(client: KubeClient, expected: readonly ExpectedKustomization[], revision: string, options: WaitOptions): Promise<ReconcileOutcome> {
  const started = Date.now();
  const { timeoutMs } = options;
  const publishedAt = rfc3339Seconds(options.publishedAtMs);
  const seenReady = new Map<string, number>();
  const byId = new Map(expected.map((kustomization) => [kustomization.id, kustomization]));
  let states: (Omit<KustomizationState, "seenReadyAfterMs"> & { generation: number; observedGeneration: number })[] = [];
  let end: ReconcileOutcome["end"] = "timeout";
  let failedSince: number | undefined;
  for (;;) {
    states = await Promise.all(expected.map((kustomization) => readState(client, kustomization)));
    const now = Date.now() - started;
    const isReady = (state: (typeof states)[number]): boolean =>
      state.ready === "True" && state.lastAppliedRevision === revision && state.observedGeneration === state.generation;
    for (const state of states) if (isReady(state) && !seenReady.has(state.id)) seenReady.set(state.id, now);
    const failed = new Set(
      states
        .filter((state) => state.ready === "False" && !WAITING_REASONS.has(state.reason) && (state.lastAttemptedRevision === revision || state.readySince >= publishedAt))
        .map((state) => state.id),
    );
    const blocked = (id: string, trail: Set<string> = new Set()): boolean => {
      if (failed.has(id)) return true;
      if (trail.has(id)) return false;
      trail.add(id);
      return (byId.get(id)?.dependsOn ?? []).some((dependency) => blocked(dependency, trail));
    };
    if (states.every(isReady)) {
      end = "ready";
      break;
    }
    // settled: every Kustomization is Ready, failed, or waits on a failed one, for 3 s in a row
    if (failed.size > 0 && states.every((state) => isReady(state) || blocked(state.id))) {
      failedSince ??= Date.now();
      if (Date.now() - failedSince >= 3_000) {
        end = "failed";
        break;
      }
    } else {
      failedSince = undefined;
    }
    if (now > timeoutMs) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const orderProblems: string[] = [];
  for (const kustomization of expected) {
    const own = seenReady.get(kustomization.id);
    const ownState = states.find((state) => state.id === kustomization.id);
    for (const dependency of kustomization.dependsOn) {
      const theirs = seenReady.get(dependency);
      const theirState = states.find((state) => state.id === dependency);
      if (own === undefined || theirs === undefined) continue;
      if (theirs > own) orderProblems.push(`${kustomization.id} was seen Ready ${theirs - own} ms before its dependency ${dependency}`);
      if (ownState !== undefined && theirState !== undefined && theirState.readySince > ownState.readySince) {
        orderProblems.push(`${kustomization.id} became Ready at ${ownState.readySince}, before its dependency ${dependency} (${theirState.readySince})`);
      }
    }
  }
  const final: KustomizationState[] = states.map(({ generation: _generation, observedGeneration: _observed, ...state }) => ({
    ...state,
    ...(seenReady.has(state.id) ? { seenReadyAfterMs: seenReady.get(state.id)! } : {}),
  }));
  const notReady = final
    .filter((state) => !(state.ready === "True" && state.lastAppliedRevision === revision))
    .map((state) => `${state.id}: ${state.ready === "missing" ? "does not exist" : `Ready=${state.ready} ${state.reason}: ${state.message}`}`);
  return { ok: end === "ready" && orderProblems.length === 0, revision, elapsedMs: Date.now() - started, end, states: final, notReady, orderProblems };
}
