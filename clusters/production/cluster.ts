/**
 * The production cluster. Every difference from staging is a value here.
 */
import { defineCluster, imageRef, readImageTags, sopsSecretObject } from "@typed-gitops/lib";
import { podinfo } from "../../apps/podinfo/podinfo.ts";

const images = readImageTags(new URL("./images.yaml", import.meta.url));

export default defineCluster({
  name: "production",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/platform.git", branch: "main", secretName: "flux-system" },
    layers: { interval: "10m" },
  },
  secrets: { sops: { ageRecipients: ["age1kuy922uncvk5wn0z8ftwgwzu4nrjezp486twkum7447403dn8a7qc4p0u2"] } },
  components: {
    "apps/podinfo": podinfo({
      image: imageRef(images, "podinfo"),
      tokenSecret: "podinfo-token",
      host: "podinfo.example.org",
      clusterIssuer: "letsencrypt-production",
      replicas: 3,
      maxReplicas: 10,
      message: "Hello from production",
      resources: { cpu: "250m", memory: "128Mi" },
    }),
    "apps/podinfo-secrets": [sopsSecretObject(new URL("./secrets/podinfo-token.sops.yaml", import.meta.url))],
  },
});
