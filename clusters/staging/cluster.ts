/**
 * The staging cluster: smaller, chattier, and one Kubernetes minor ahead of
 * production. Every difference from production is a value here.
 */
import { defineCluster, imageRef, readImageTags, sopsSecretObject } from "@typed-gitops/lib";
import { podinfo } from "../../apps/podinfo/podinfo.ts";
import { imageAutomation } from "../../infrastructure/image-automation/image-automation.ts";

const images = readImageTags(new URL("./images.yaml", import.meta.url));

export default defineCluster({
  name: "staging",
  kubernetesVersion: "1.36",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/platform.git", branch: "main", secretName: "flux-system" },
    flux: { controllers: ["source-controller", "kustomize-controller", "helm-controller", "notification-controller", "image-reflector-controller", "image-automation-controller"] },
    layers: { interval: "5m" },
  },
  secrets: { sops: { ageRecipients: ["age1njnmpyv6fdgy0afge4kn9ckpn6t3ujzh5urhacveft5n3qu9gqwqpx2qty"] } },
  components: {
    "infrastructure/configs/image-automation": imageAutomation({
      imagesFile: "./clusters/staging/images.yaml",
      images: { podinfo: { image: "ghcr.io/stefanprodan/podinfo", semver: ">=6.9.0 <7.0.0" } },
    }),
    "apps/podinfo": podinfo({
      image: imageRef(images, "podinfo"),
      tokenSecret: "podinfo-token",
      host: "podinfo.staging.example.org",
      clusterIssuer: "letsencrypt-staging",
      replicas: 1,
      maxReplicas: 2,
      message: "Hello from staging",
      logLevel: "debug",
    }),
    "apps/podinfo-secrets": [sopsSecretObject(new URL("./secrets/podinfo-token.sops.yaml", import.meta.url))],
  },
});
