import { Namespace } from "kubernetes-models/v1/Namespace";
import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { onePasswordItem } from "./onepassword-item.ts";

const cases = [
  { file: "onepassword-item.default", build: () => onePasswordItem({ name: "database", namespace: "web", vault: "production", item: "web-database" }) },
  { file: "onepassword-item.rich", build: () => onePasswordItem({ name: "web-tls", namespace: "web", vault: "k5wtbbgkmxubgdvwbyuh3ephnu", item: "Web TLS certificate", secretType: "kubernetes.io/tls" }) },
] as const;

describe("onePasswordItem", () => {
  itMatchesGoldenFiles(cases, ({ build }) => emitComponent({ name: "web", apps: [build()] }));

  it("renders items that validate against the pinned OnePasswordItem CRD (operator v1.12.0)", async () => {
    await expectValidTree([{ name: "web", controllers: [new Namespace({ metadata: { name: "web" } })], apps: cases.map(({ build }) => build()) }]);
  });

  it("points at the item by its path in the vault", () => {
    expect(cases[0].build().spec?.itemPath).toBe("vaults/production/items/web-database");
  });
});

const invalid = [
  {
    label: "an item path given instead of vault and item",
    build: () => onePasswordItem({ name: "db", namespace: "web", itemPath: "vaults/a/items/b" } as never),
    message: [
      `onePasswordItem: vault: is required`,
      `onePasswordItem: item: is required`,
      `onePasswordItem: unknown field "itemPath"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
  {
    label: "a vault with a slash and a name that is not a DNS-1123 subdomain",
    build: () => onePasswordItem({ name: "DB", namespace: "web", vault: "prod/eu", item: "db" }),
    message: [
      `onePasswordItem: name: "DB" is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`,
      `onePasswordItem: vault: a vault name or id has no '/'`,
    ].join("\n"),
  },
] as const;

describeRejections("onePasswordItem", invalid);
