/**
 * Prints the CEL functions and macros the real CRD rules of the upstream
 * mirror use, and which rules do not compile here.
 *
 * Run: `node src/cel/scripts/survey-functions.ts` (from packages/lib).
 */
import { compileCelExpression } from "../compile.ts";
import { celFunctionUsage } from "../function-usage.ts";
import { allMirrorRuleSets } from "../test-support.ts";

const rules = allMirrorRuleSets().flatMap(({ ruleSet }) => ruleSet.rules);
const expressions = rules.flatMap((rule) => (rule.messageExpression === undefined ? [rule.rule] : [rule.rule, rule.messageExpression]));
const usage = celFunctionUsage(expressions);
console.log(`${rules.length} rules (${new Set(rules.map((rule) => rule.rule)).size} distinct), ${expressions.length - rules.length} message expressions`);
console.log("\nuses  function or macro");
for (const [name, count] of usage.counts) console.log(`${String(count).padStart(4)}  ${name}`);
for (const { expression, error } of usage.unparsable) console.log(`unparsable: ${error}: ${expression}`);
const failed = rules.filter((rule) => compileCelExpression(rule.rule, { optionalOldSelf: rule.optionalOldSelf === true }).kind === "unsupported");
console.log(`\n${rules.length - failed.length} of ${rules.length} rules compile; ${rules.filter((rule) => rule.rule.includes("oldSelf")).length} reference oldSelf (skipped on create)`);
for (const rule of failed) console.log(`does not compile: ${rule.path}: ${rule.rule}`);
