import { describe, expect, it } from "vitest";
import { crdSchemaFile, kindSuffix, kubernetesSchemaFile, schemaLocations } from "./layout.ts";

describe("kubernetesSchemaFile", () => {
  it.each([
    ["Deployment", "apps/v1", "deployment-apps-v1.json"],
    ["ConfigMap", "v1", "configmap-v1.json"],
    ["ClusterRoleBinding", "rbac.authorization.k8s.io/v1", "clusterrolebinding-rbac-v1.json"],
    ["FlowSchema", "flowcontrol.apiserver.k8s.io/v1", "flowschema-flowcontrol-v1.json"],
    ["HorizontalPodAutoscaler", "autoscaling/v2", "horizontalpodautoscaler-autoscaling-v2.json"],
    ["Event", "events.k8s.io/v1", "event-events-v1.json"],
  ])("names %s %s like kubeconform's {{ .ResourceKind }}{{ .KindSuffix }}: %s", (kind, apiVersion, file) => {
    expect(kubernetesSchemaFile(kind, apiVersion)).toBe(file);
  });

  it("keeps only the first DNS label of the group in the suffix, lowercased", () => {
    expect(kindSuffix("Networking.Istio.io/v1Beta1")).toBe("-networking-v1beta1");
  });
});

describe("crdSchemaFile", () => {
  it("puts a custom resource under its full group, with the kind lowercased and the version as it is", () => {
    expect(crdSchemaFile("cert-manager.io", "ClusterIssuer", "v1")).toBe("crds/cert-manager.io/clusterissuer_v1.json");
  });
});

describe("schemaLocations", () => {
  it("lists a cluster's own CRDs first, then the Kubernetes kinds of the version, then the store's CRDs", () => {
    expect(schemaLocations({ store: "/s", kubernetesVersion: "1.35", clusterSchemas: ["/c"] })).toEqual([
      "/c/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json",
      "/s/v1.35-standalone-strict/{{ .ResourceKind }}{{ .KindSuffix }}.json",
      "/s/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json",
    ]);
  });
});
