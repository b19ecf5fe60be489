/**
 * The production cluster. Every difference from staging is a value here.
 */
import { defineCluster, imageRef, readImageTags } from "@typed-gitops/lib";
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
  components: {
    "apps/podinfo": podinfo({
      image: imageRef(images, "podinfo"),
      replicas: 3,
      maxReplicas: 10,
      message: "Hello from production",
      resources: { cpu: "250m", memory: "128Mi" },
    }),
  },
});
