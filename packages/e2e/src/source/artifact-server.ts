/**
 * The harness's stand-in for source-controller: it packs a tree into a
 * tar.gz artifact, serves it over HTTP on 127.0.0.1, and writes the
 * artifact into the status of the cluster's GitRepository, exactly where
 * source-controller would. kustomize-controller then downloads it from
 * `.status.artifact.url` and checks it against `.status.artifact.digest`,
 * as it does in a real cluster.
 *
 * Why not source-controller with a Git server: it would add a third large Go
 * build and a `git http-backend` to the stack, and test source-controller's
 * Git checkout, which is not what this test is about. The GitRepository is
 * the one the tree renders (name, namespace, spec), so every Flux
 * Kustomization's sourceRef stays as rendered.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import type { KubeClient } from "../kube/client.ts";

const run = promisify(execFile);

/** An artifact as `.status.artifact` of a Flux source describes it. */
export interface Artifact {
  /** Where it is served, `http://127.0.0.1:<port>/<file>`. */
  readonly url: string;
  /** `sha256:<hex>` of the tar.gz. */
  readonly digest: string;
  /** `<branch>@sha1:<hex>`: the branch, and a stand-in commit id (the SHA-1 of the tar.gz). */
  readonly revision: string;
  /** The size in bytes. */
  readonly size: number;
  /** The path source-controller would store it under. */
  readonly path: string;
  /** When it was made (RFC 3339). */
  readonly lastUpdateTime: string;
}

/** A running artifact server. */
export interface ArtifactServer {
  /** Packs `root/<folder>` into an artifact and serves it. */
  pack(root: string, folder: string, branch: string): Promise<Artifact>;
  /** Stops serving. */
  close(): Promise<void>;
}

/** Starts an artifact server storing its files in `dir`. */
export async function startArtifactServer(dir: string): Promise<ArtifactServer> {
  mkdirSync(dir, { recursive: true });
  const server: Server = createServer((request, response) => {
    const name = (request.url ?? "/").slice(1);
    const file = join(dir, name);
    if (request.method !== "GET" || !/^[0-9a-f]{64}\.tar\.gz$/.test(name) || !existsSync(file)) {
      response.writeHead(404).end("not found\n");
      return;
    }
    response.writeHead(200, { "content-type": "application/gzip", "content-length": statSync(file).size });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the artifact server has no address");
  const base = `http://127.0.0.1:${address.port}`;
  let count = 0;
  return {
    async pack(root, folder, branch) {
      const scratch = join(dir, `pack-${++count}.tar.gz`);
      // deterministic: sorted names, no owners, a fixed time
      await run("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-czf", scratch, "-C", root, folder]);
      const bytes = readFileSync(scratch);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const sha1 = createHash("sha1").update(bytes).digest("hex");
      const file = `${sha256}.tar.gz`;
      await run("mv", [scratch, join(dir, file)]);
      return {
        url: `${base}/${file}`,
        digest: `sha256:${sha256}`,
        revision: `${branch}@sha1:${sha1}`,
        size: bytes.length,
        path: `gitrepository/flux-system/flux-system/${sha1}.tar.gz`,
        lastUpdateTime: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      };
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * Publishes an artifact as source-controller would: in the status of the
 * GitRepository, with a Ready condition.
 */
export async function publishArtifact(client: KubeClient, source: { name: string; namespace: string }, artifact: Artifact): Promise<void> {
  const live = await client.get("source.toolkit.fluxcd.io/v1", "GitRepository", source.name, source.namespace);
  if (live === undefined) throw new Error(`GitRepository ${source.namespace}/${source.name} does not exist`);
  const generation = live.metadata.generation ?? 1;
  await client.patchStatus("source.toolkit.fluxcd.io/v1", "GitRepository", source.name, source.namespace, {
    observedGeneration: generation,
    artifact,
    conditions: [
      {
        type: "Ready",
        status: "True",
        reason: "Succeeded",
        message: `stored artifact for revision '${artifact.revision}' (served by the e2e harness)`,
        lastTransitionTime: artifact.lastUpdateTime,
        observedGeneration: generation,
      },
    ],
  });
}
