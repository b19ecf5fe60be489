import { describe, expect, it } from "vitest";
import { registerComponent } from "./register.ts";

const shop = { key: "apps/shop", identifier: "shop", specifier: "../../apps/shop/shop.ts" };

const valid = [
  {
    label: "after the last import and the last entry, indented like the entries",
    source: `import { defineCluster } from "@typed-gitops/lib";\nimport { web } from "../../apps/web/web.ts";\n\nexport default defineCluster({\n  name: "prod",\n  components: {\n    "apps/web": web({ replicas: 2 }),\n  },\n});\n`,
    expected: `import { defineCluster } from "@typed-gitops/lib";\nimport { web } from "../../apps/web/web.ts";\nimport { shop } from "../../apps/shop/shop.ts";\n\nexport default defineCluster({\n  name: "prod",\n  components: {\n    "apps/web": web({ replicas: 2 }),\n    "apps/shop": shop(),\n  },\n});\n`,
  },
  {
    label: "with a comma after a last entry that had none, past braces in strings and comments",
    source: `import {\n  defineCluster,\n} from "@typed-gitops/lib";\n// components: { not this one }\nexport default defineCluster({ name: "p", components: {\n      "apps/web": web("}"), // a { brace\n      "apps/x": [] /* } */\n    } });\n`,
    expected: `import {\n  defineCluster,\n} from "@typed-gitops/lib";\nimport { shop } from "../../apps/shop/shop.ts";\n// components: { not this one }\nexport default defineCluster({ name: "p", components: {\n      "apps/web": web("}"), // a { brace\n      "apps/x": [] /* } */,\n      "apps/shop": shop(),\n    } });\n`,
  },
  {
    label: "into an empty components object on one line",
    source: `import { defineCluster } from "@typed-gitops/lib";\nexport default defineCluster({ name: "p", components: {} });\n`,
    expected: `import { defineCluster } from "@typed-gitops/lib";\nimport { shop } from "../../apps/shop/shop.ts";\nexport default defineCluster({ name: "p", components: { "apps/shop": shop(), } });\n`,
  },
  {
    label: "beside components made by a function, spread into an object",
    source: `import { defineCluster } from "@typed-gitops/lib";\nimport { platform } from "../../infrastructure/platform.ts";\n\nexport default defineCluster({\n  name: "prod",\n  components: platform({\n    domain: "example.org",\n    apps: { web: { replicas: 2 } },\n  }),\n});\n`,
    expected: `import { defineCluster } from "@typed-gitops/lib";\nimport { platform } from "../../infrastructure/platform.ts";\nimport { shop } from "../../apps/shop/shop.ts";\n\nexport default defineCluster({\n  name: "prod",\n  components: {\n    ...platform({\n      domain: "example.org",\n      apps: { web: { replicas: 2 } },\n    }),\n    "apps/shop": shop(),\n  },\n});\n`,
  },
] as const;

const invalid = [
  { label: "a component already registered under that key", source: `export default { components: { "apps/shop": [] } };\n`, message: 'it already has a component "apps/shop"' },
  { label: "the function name already in use", source: `import { shop } from "./x.ts";\nexport default { components: { "apps/web": shop() } };\n`, message: "it already uses the name shop" },
  { label: "no components property", source: `const components: Record<string, unknown[]> = {};\nexport default { components };\n`, message: "it has no `components:` property" },
] as const;

describe("registerComponent", () => {
  it.each(valid)("registers $label", ({ source, expected }) => {
    expect(registerComponent(source, shop)).toBe(expected);
  });

  it.each(invalid)("refuses $label", ({ source, message }) => {
    expect(() => registerComponent(source, shop)).toThrow(message);
  });

  it("does not mistake a longer name or a property for the function", () => {
    const source = `import { shopping } from "./x.ts";\nexport default { components: { "apps/web": shopping(), "apps/x": config.shop } };\n`;
    expect(registerComponent(source, shop)).toContain('"apps/shop": shop()');
  });
});
