/**
 * The staging cluster: smaller, chattier, and one Kubernetes minor ahead of
 * production. Every difference from production is a value here.
 */
import { defineCluster, imageRef, readImageTags } from "@typed-gitops/lib";
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
  components: {
    "infrastructure/configs/image-automation": imageAutomation({
      imagesFile: "./clusters/staging/images.yaml",
      images: { podinfo: { image: "ghcr.io/stefanprodan/podinfo", semver: ">=6.9.0 <7.0.0" } },
    }),
    "apps/podinfo": podinfo({
      image: imageRef(images, "podinfo"),
      replicas: 1,
      maxReplicas: 2,
      message: "Hello from staging",
      logLevel: "debug",
    }),
  },
});
