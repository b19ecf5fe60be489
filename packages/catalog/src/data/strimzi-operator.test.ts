import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { STRIMZI_CHART } from "../versions.ts";
import { strimziOperator, type StrimziOperatorProps } from "./strimzi-operator.ts";

const rich: StrimziOperatorProps = {
  namespace: "kafka-system",
  watchNamespaces: ["events", "analytics"],
  replicas: 2,
  resources: { requests: { cpu: "200m", memory: "512Mi" }, limits: { memory: "512Mi" } },
  networkPolicies: false,
  metrics: { interval: "1m" },
  values: { logLevel: "DEBUG" },
};

const renders = [
  { file: "strimzi-operator.default", props: {} },
  { file: "strimzi-operator.rich", props: rich },
] as const;

describe("strimziOperator", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(strimziOperator(props)));

  it.each(renders)("renders $file into a tree that validates (schemas, CEL, policies, kustomize build)", async ({ props }) => {
    await expectValidTree([strimziOperator(props)]);
  });

  it("pins the Strimzi 1.2.0 chart, whose kafka.strimzi.io/v1 CRDs the schema store pins", () => {
    expect(STRIMZI_CHART).toMatchObject({ version: "1.2.0", repository: "oci://quay.io/strimzi-helm/strimzi-kafka-operator" });
  });

  it("renders the watched namespaces, which the chart's RoleBindings need first", () => {
    const operator = strimziOperator(rich);
    expect(operator.watchedNamespaces).toEqual(["kafka-system", "events", "analytics"]);
    expect(operator.controllers!.filter((object) => object.kind === "Namespace").map((object) => object.metadata?.name)).toEqual(["kafka-system", "events", "analytics"]);
    expect(strimziOperator({ watchAnyNamespace: true, watchNamespaces: [] }).watchedNamespaces).toEqual([]);
  });
});

const invalid = [
  {
    label: "its own namespace among the watched ones, twice a namespace, and an invalid one",
    build: () => strimziOperator({ namespace: "kafka", watchNamespaces: ["kafka", "events", "events", "Events"] }),
    message: [
      `strimziOperator: watchNamespaces[3]: "Events" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
      `strimziOperator: watchNamespaces[0]: "kafka" is the operator's own namespace, which it always watches: remove it (the chart would fail on duplicate RoleBindings)`,
      `strimziOperator: watchNamespaces[2]: "events" is listed twice`,
    ].join("\n"),
  },
  {
    label: "every namespace and a list at once",
    build: () => strimziOperator({ watchAnyNamespace: true }),
    message: "strimziOperator: watchNamespaces: watchAnyNamespace already covers every namespace: set watchNamespaces: []",
  },
] as const;

describeRejections("strimziOperator", invalid);
