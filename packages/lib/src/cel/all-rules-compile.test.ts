import { describe, expect, it } from "vitest";
import { compileCelExpression } from "./compile.ts";
import { allMirrorRuleSets } from "./test-support.ts";

/** Every rule of the mirror, with the component folder it comes from (`crds/istio`, `flux-install/v2.9.4`). */
const RULES = allMirrorRuleSets().flatMap(({ file, ruleSet }) =>
  ruleSet.rules.map((rule) => ({ component: file.split("/").slice(0, 2).join("/"), kind: `${ruleSet.kind} ${ruleSet.version}`, rule })),
);

const COMPONENTS = [...new Set(RULES.map(({ component }) => component))].map((component) => ({
  component,
  rules: RULES.filter((entry) => entry.component === component),
}));

function notCompiling(rules: typeof RULES): string[] {
  return rules.flatMap(({ kind, rule }) => {
    const compiled = compileCelExpression(rule.rule, { optionalOldSelf: rule.optionalOldSelf === true });
    const message = rule.messageExpression === undefined ? undefined : compileCelExpression(rule.messageExpression, { resultType: "string" });
    return [
      ...(compiled.kind === "unsupported" ? [`${kind} ${rule.path}: ${compiled.reason}: ${rule.rule}`] : []),
      ...(message?.kind === "unsupported" ? [`${kind} ${rule.path} messageExpression: ${message.reason}`] : []),
    ];
  });
}

describe("the CEL rules of the upstream mirror's CRDs", () => {
  it("are 964 rules in 268 distinct expressions", () => {
    expect({ rules: RULES.length, distinct: new Set(RULES.map(({ rule }) => rule.rule)).size }).toEqual({ rules: 964, distinct: 268 });
  });

  it.each(COMPONENTS)("compile, all $rules.length of $component", ({ rules }) => {
    expect(notCompiling(rules)).toEqual([]);
  });
});
