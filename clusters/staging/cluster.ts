/**
 * The staging cluster: smaller, chattier, and one Kubernetes minor ahead of
 * production. Every difference from production is a value here.
 */
import { defineCluster } from "@typed-gitops/lib";
import { podinfo } from "../../apps/podinfo/podinfo.ts";

export default defineCluster({
  name: "staging",
  kubernetesVersion: "1.36",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/platform.git", branch: "main", secretName: "flux-system" },
    layers: { interval: "5m" },
  },
  components: {
    "apps/podinfo": podinfo({
      replicas: 1,
      maxReplicas: 2,
      message: "Hello from staging",
      logLevel: "debug",
    }),
  },
});
