/**
 * production: the server customers use. It reads the 1Password vault
 * `journal-production` through its own Connect server, with credentials
 * encrypted for this cluster's age key alone; nothing of CI can read them.
 */
import { defineCluster, readImageTags, sopsSecretObject } from "@typed-gitops/lib";
import { oneServerPlatform } from "../../infrastructure/platform/platform.ts";

const images = readImageTags(new URL("./images.yaml", import.meta.url));

export default defineCluster({
  name: "production",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/journal-platform.git", branch: "main", secretName: "flux-system" },
  },
  secrets: { sops: { ageRecipients: ["age1l5k5srhrufudwvdlrh4y7gn0tgu6a8hqwsnk8e3xkacc7wu6ne2s0ugqhj"] } },
  components: oneServerPlatform({
    environment: "production",
    host: "journal.example.org",
    tag: images.journal!.tag,
    onePasswordVault: "journal-production",
    connectSecrets: [
      sopsSecretObject(new URL("./secrets/op-credentials.sops.yaml", import.meta.url)),
      sopsSecretObject(new URL("./secrets/onepassword-token.sops.yaml", import.meta.url)),
    ],
    acmeEmail: "ops@example.org",
    objectStorage: { endpoint: "https://s3.eu-central-003.backblazeb2.com", bucket: "journal-assets", region: "eu-central-003" },
  }),
});
