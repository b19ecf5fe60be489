/**
 * ci: a small server where every build of main is deployed and the
 * end-to-end suite runs. It reads only the 1Password vault `journal-ci`
 * (test object storage, a test telemetry project) through its own Connect
 * server, with credentials encrypted for this cluster's age key alone: a
 * leaked CI credential reaches no production secret.
 */
import { defineCluster, readImageTags, sopsSecretObject } from "@typed-gitops/lib";
import { oneServerPlatform } from "../../infrastructure/platform/platform.ts";

const images = readImageTags(new URL("./images.yaml", import.meta.url));

export default defineCluster({
  name: "ci",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/journal-platform.git", branch: "main", secretName: "flux-system" },
    // CI waits for each rollout: reconcile often, fail fast.
    layers: { interval: "2m", timeout: "5m", retryInterval: "1m" },
  },
  secrets: { sops: { ageRecipients: ["age1alsrj54uzu4hq8kgkleefxuzphjt36eymhgs4falqkp6892p3srsrr6vp3"] } },
  components: oneServerPlatform({
    environment: "ci",
    host: "journal.ci.example.org",
    tag: images.journal!.tag,
    onePasswordVault: "journal-ci",
    connectSecrets: [
      sopsSecretObject(new URL("./secrets/op-credentials.sops.yaml", import.meta.url)),
      sopsSecretObject(new URL("./secrets/onepassword-token.sops.yaml", import.meta.url)),
    ],
    acmeEmail: "ops@example.org",
    objectStorage: { endpoint: "https://s3.eu-central-003.backblazeb2.com", bucket: "journal-ci-assets", region: "eu-central-003" },
  }),
});
