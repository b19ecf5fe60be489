/**
 * The fixture projects under `packages/e2e/fixtures/`: small projects with
 * their own cluster definitions, made ready in a temporary copy (age key,
 * encrypted secret, rendered tree) for each run.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateAgeKey, setSecretValue } from "@typed-gitops/lib/tooling";
import { E2E_PACKAGE_DIR, REPOSITORY_ROOT } from "../paths.ts";
import { copyProject, renderCluster } from "./copy-project.ts";

/** A project ready to reconcile. */
export interface PreparedProject {
  /** The project root. */
  readonly root: string;
  /** The cluster to reconcile. */
  readonly cluster: string;
  /** The cluster's age private key. */
  readonly ageKeyFile: string;
}

/** The SOPS-encrypted value the fixture's Secret holds, to compare after decryption. */
export const FIXTURE_TOKEN = "e2e-token-value";

/**
 * Copies the `tiny-platform` fixture to `destination`, gives its cluster a
 * throwaway age key, encrypts its Secret for it, and renders the tree.
 */
export async function prepareTinyPlatform(destination: string): Promise<PreparedProject> {
  const root = copyProject(join(E2E_PACKAGE_DIR, "fixtures", "tiny-platform"), destination);
  const cluster = "e2e";
  const ageKeyFile = join(root, ".secrets", "age", `${cluster}.agekey`);
  const { recipient } = await generateAgeKey(ageKeyFile, { toolsRoot: REPOSITORY_ROOT });
  writeFileSync(join(root, "clusters", cluster, "age-recipient.txt"), `${recipient}\n`);
  await setSecretValue({
    root,
    cluster,
    recipients: [recipient],
    name: "hello-token",
    key: "token",
    value: new TextEncoder().encode(FIXTURE_TOKEN),
    namespace: "hello",
    keyFile: ageKeyFile,
    toolsRoot: REPOSITORY_ROOT,
  });
  await renderCluster(root, cluster);
  return { root, cluster, ageKeyFile };
}
