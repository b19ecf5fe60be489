import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { PGO_CHART } from "../versions.ts";
import { postgresOperator, type PostgresOperatorProps } from "./postgres-operator.ts";

const rich: PostgresOperatorProps = {
  namespace: "databases",
  scope: "namespace",
  replicas: 2,
  debug: true,
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  values: { tolerations: [{ key: "dedicated", operator: "Equal", value: "databases", effect: "NoSchedule" }] },
};

const renders = [
  { file: "postgres-operator.default", props: {} },
  { file: "postgres-operator.rich", props: rich },
] as const;

describe("postgresOperator", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(postgresOperator(props)));

  it.each(renders)("renders $file into a tree that validates (schemas, CEL, policies, kustomize build)", async ({ props }) => {
    await expectValidTree([postgresOperator(props)]);
  });

  it("pins the chart of PGO v6.0.3, whose CRDs the schema store pins, from Crunchy's OCI registry", () => {
    expect(PGO_CHART).toMatchObject({ version: "6.0.3", repository: "oci://registry.developers.crunchydata.com/crunchydata/pgo" });
    const source = postgresOperator().controllers!.find((object) => object.kind === "OCIRepository") as unknown as { spec: { ref: unknown; url: string } };
    expect(source.spec).toMatchObject({ url: "oci://registry.developers.crunchydata.com/crunchydata/pgo", ref: { tag: "6.0.3" } });
  });
});

const invalid = [
  {
    label: "an unknown scope and too many replicas",
    build: () => postgresOperator({ scope: "all" as never, replicas: 9 }),
    message: [`postgresOperator: scope: Invalid option: expected one of "cluster"|"namespace"`, "postgresOperator: replicas: Too big: expected number to be <=5"].join("\n"),
  },
  {
    label: "a chart version that is not a version",
    build: () => postgresOperator({ version: "latest" }),
    message: `postgresOperator: version: "latest" is not an exact version: give major.minor.patch, such as "1.2.3"`,
  },
] as const;

describeRejections("postgresOperator", invalid);
