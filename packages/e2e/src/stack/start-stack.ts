/**
 * The test stack: kine (etcd's API on SQLite), kube-apiserver on top of it,
 * and Flux's kustomize-controller, all on 127.0.0.1, in a run folder of
 * their own. There are no nodes, no scheduler and no controller manager:
 * objects are stored and validated, nothing runs.
 */
import { mkdirSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { STACK_CACHE_DIR } from "../paths.ts";
import { KubeClient } from "../kube/client.ts";
import { resolveStackBinary } from "./build-stack.ts";
import { makeCredentials, writeKubeconfig, type StackCredentials } from "./certificates.ts";
import { logTail, reapOrphans, startProcess, stopProcess, type ManagedProcess } from "./processes.ts";

/** Where runs record their process groups, so a killed run's leftovers are reaped by the next. */
const RUN_REGISTRY = join(STACK_CACHE_DIR, "runs");

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitFor(what: string, processes: readonly ManagedProcess[], timeoutMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    for (const managed of processes) {
      if (managed.hasExited()) {
        throw new Error(`${managed.name} exited while waiting for ${what}; the end of its log (${managed.logFile}):\n${logTail(managed.logFile)}`);
      }
    }
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      const logs = processes.map((managed) => `--- ${managed.name} (${managed.logFile}):\n${logTail(managed.logFile)}`).join("\n");
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** How long each start-up step took, in milliseconds. */
export interface StackTimings {
  credentials: number;
  kine: number;
  apiserver: number;
  controller: number;
}

/** A running stack. */
export interface Stack {
  /** The run folder: credentials, kubeconfig, database, logs. */
  readonly dir: string;
  /** The admin kubeconfig (for kubectl while debugging). */
  readonly kubeconfig: string;
  /** The API server's URL. */
  readonly server: string;
  /** A client with the admin's credentials. */
  readonly client: KubeClient;
  /** The start-up timings. */
  readonly timings: StackTimings;
  /**
   * Starts kustomize-controller; call it once the CRDs it watches are
   * installed (its caches fail to start without them).
   */
  startController(): Promise<void>;
  /** The controller's log file. */
  readonly controllerLog: string;
  /** Stops everything that is running; safe to call more than once. */
  stop(): Promise<void>;
}

/**
 * Starts kine and kube-apiserver in `dir` and waits for `/readyz`. The
 * caller must call {@link Stack.stop} (in a finally block); the process
 * handlers in processes.ts kill the groups if the test process exits first.
 *
 * @throws {EnvironmentError} when a binary is not built.
 */
export async function startStack(dir: string): Promise<Stack> {
  const binaries = {
    kine: resolveStackBinary("kine"),
    apiserver: resolveStackBinary("kube-apiserver"),
    controller: resolveStackBinary("kustomize-controller"),
  };
  const reaped = reapOrphans(RUN_REGISTRY, Object.values(binaries));
  if (reaped.length > 0) process.stderr.write(`e2e: killed what an earlier run left behind: ${reaped.join(", ")}\n`);
  for (const sub of ["logs", "kine", "home", "tmp"]) mkdirSync(join(dir, sub), { recursive: true });
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: join(dir, "home"), TMPDIR: join(dir, "tmp") };
  const processes: ManagedProcess[] = [];
  const timings: StackTimings = { credentials: 0, kine: 0, apiserver: 0, controller: 0 };
  const stop = async (): Promise<void> => {
    // the controller first, then the API server, then its storage
    for (const managed of [...processes].reverse()) await stopProcess(managed);
  };
  try {
    let started = Date.now();
    const credentials: StackCredentials = await makeCredentials(join(dir, "pki"));
    timings.credentials = Date.now() - started;

    const kinePort = await freePort();
    processes.push(
      startProcess({
        name: "kine",
        command: binaries.kine,
        args: [
          `--listen-address=127.0.0.1:${kinePort}`,
          `--endpoint=sqlite://${join(dir, "kine", "state.db")}?_journal=WAL&cache=shared&_busy_timeout=30000`,
          "--metrics-bind-address=0",
        ],
        logFile: join(dir, "logs", "kine.log"),
        cwd: join(dir, "kine"),
        env,
        registry: RUN_REGISTRY,
      }),
    );
    timings.kine = await waitFor("kine to listen", processes, 30_000, () => canConnect(kinePort));

    const apiPort = await freePort();
    const server = `https://127.0.0.1:${apiPort}`;
    processes.push(
      startProcess({
        name: "kube-apiserver",
        command: binaries.apiserver,
        args: [
          `--etcd-servers=http://127.0.0.1:${kinePort}`,
          "--bind-address=127.0.0.1",
          "--advertise-address=127.0.0.1",
          `--secure-port=${apiPort}`,
          `--cert-dir=${join(dir, "pki", "apiserver")}`,
          `--tls-cert-file=${credentials.servingCertFile}`,
          `--tls-private-key-file=${credentials.servingKeyFile}`,
          `--client-ca-file=${credentials.caFile}`,
          `--service-account-issuer=https://kubernetes.default.svc.cluster.local`,
          `--service-account-key-file=${credentials.serviceAccountPublicKeyFile}`,
          `--service-account-signing-key-file=${credentials.serviceAccountKeyFile}`,
          "--service-cluster-ip-range=10.96.0.0/16",
          "--authorization-mode=RBAC",
          "--anonymous-auth=false",
          // no kube-controller-manager keeps the `kubernetes` Service's endpoints, and 127.0.0.1 is not a valid endpoint
          "--endpoint-reconciler-type=none",
          "--enable-priority-and-fairness=false",
          "--profiling=false",
          "--logging-format=text",
          "--v=1",
        ],
        logFile: join(dir, "logs", "kube-apiserver.log"),
        cwd: dir,
        env,
        registry: RUN_REGISTRY,
      }),
    );
    const client = new KubeClient({ server, caFile: credentials.caFile, certFile: credentials.adminCertFile, keyFile: credentials.adminKeyFile });
    timings.apiserver = await waitFor("kube-apiserver /readyz", processes, 180_000, () => client.ready());

    const kubeconfig = join(dir, "kubeconfig");
    writeKubeconfig(kubeconfig, server, credentials);
    const controllerLog = join(dir, "logs", "kustomize-controller.log");
    let controllerStarted = false;
    const startController = async (): Promise<void> => {
      if (controllerStarted) return;
      controllerStarted = true;
      const healthPort = await freePort();
      const metricsPort = await freePort();
      processes.push(
        startProcess({
          name: "kustomize-controller",
          command: binaries.controller,
          args: [
            `--metrics-addr=127.0.0.1:${metricsPort}`,
            `--health-addr=127.0.0.1:${healthPort}`,
            "--enable-leader-election=false",
            "--watch-all-namespaces=true",
            // dependents are retried every 2 s instead of 30 s, so a chain settles quickly
            "--requeue-dependency=2s",
            "--no-remote-bases=true",
            "--http-retry=2",
            "--log-level=info",
            "--log-encoding=json",
          ],
          logFile: controllerLog,
          cwd: dir,
          env: { ...env, KUBECONFIG: kubeconfig, RUNTIME_NAMESPACE: "flux-system" },
          registry: RUN_REGISTRY,
        }),
      );
      const begun = Date.now();
      await waitFor("kustomize-controller /readyz", processes, 60_000, () => httpOk(`http://127.0.0.1:${healthPort}/readyz`));
      timings.controller = Date.now() - begun;
    };
    return { dir, kubeconfig, server, client, timings, startController, controllerLog, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}
