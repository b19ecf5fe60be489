import { describe, expect, it } from "vitest";
import type { CelRule, CelRuleSet } from "../schemas/cel-rules.ts";
import type { JsonObject } from "../schemas/json.ts";
import { evaluateCelRules, type CelEvaluation } from "./evaluate.ts";

function ruleSet(...rules: CelRule[]): CelRuleSet {
  return { group: "example.com", version: "v1", kind: "Widget", rules };
}

/** A rule on `spec` (or the path given), its schema path derived from the path. */
function rule(fields: Partial<CelRule> & { readonly rule: string }): CelRule {
  const path = fields.path ?? "spec";
  const schemaPath = path
    .split(/\.|(?=\[\*\])|(?=\{\*\})/)
    .filter((segment) => segment !== "")
    .flatMap((segment) => (segment === "[*]" ? ["items"] : segment === "{*}" ? ["additionalProperties"] : ["properties", segment]));
  return { path, schemaPath, ...fields };
}

const SCHEMA: JsonObject = {
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: {
        replicas: { type: "integer" },
        ratio: { type: "number" },
        timeout: { type: "string", format: "duration" },
        expires: { type: "string", format: "date-time" },
        port: { "x-kubernetes-int-or-string": true },
        kind: { type: "string", default: "Service" },
        items: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
      },
    },
  },
};

interface Case {
  readonly name: string;
  readonly rules: readonly CelRule[];
  readonly spec: unknown;
  readonly schema?: JsonObject;
  readonly expected: CelEvaluation;
}

const none = { violations: [], unsupported: [] } as const;

const CASES: readonly Case[] = [
  {
    name: "a rule on list items runs once per item and reports the item's index",
    rules: [rule({ path: "spec.items[*]", rule: "self.name.startsWith('a')", message: "must start with a" })],
    spec: { items: [{ name: "ab" }, { name: "b" }, { name: "c" }] },
    expected: {
      violations: [
        { field: "spec.items[1]", rule: "self.name.startsWith('a')", message: "must start with a" },
        { field: "spec.items[2]", rule: "self.name.startsWith('a')", message: "must start with a" },
      ],
      unsupported: [],
    },
  },
  {
    name: "a rule on map values runs once per value and reports the key",
    rules: [rule({ path: "spec.labels{*}", rule: "!self.contains('*')", message: "no wildcards" })],
    spec: { labels: { app: "web", tier: "front*" } },
    expected: { violations: [{ field: "spec.labels[tier]", rule: "!self.contains('*')", message: "no wildcards" }], unsupported: [] },
  },
  {
    name: "a rule at an absent field is not evaluated",
    rules: [rule({ path: "spec.tls", rule: "false" })],
    spec: { replicas: 1 },
    expected: none,
  },
  {
    name: "a rule at a null field is not evaluated",
    rules: [rule({ path: "spec.tls", rule: "false" })],
    spec: { tls: null },
    expected: none,
  },
  {
    name: "a failed rule without a message reports the API server's default message",
    rules: [rule({ rule: " self.replicas > 1 " })],
    spec: { replicas: 1 },
    expected: { violations: [{ field: "spec", rule: " self.replicas > 1 ", message: "failed rule: self.replicas > 1" }], unsupported: [] },
  },
  {
    name: "a messageExpression's result is the message",
    rules: [rule({ rule: "self.replicas <= 3", message: "too many", messageExpression: "'replicas must be at most 3, not ' + string(self.replicas)" })],
    spec: { replicas: 5 },
    expected: { violations: [{ field: "spec", rule: "self.replicas <= 3", message: "replicas must be at most 3, not 5" }], unsupported: [] },
  },
  {
    name: "a messageExpression that fails at run time falls back to the message",
    rules: [rule({ rule: "self.replicas <= 3", message: "too many", messageExpression: "'name: ' + self.name" })],
    spec: { replicas: 5 },
    expected: { violations: [{ field: "spec", rule: "self.replicas <= 3", message: "too many" }], unsupported: [] },
  },
  {
    name: "a rule's fieldPath and reason are reported",
    rules: [rule({ rule: "!has(self.tls)", message: "tls is forbidden", fieldPath: ".tls", reason: "FieldValueForbidden" })],
    spec: { tls: { mode: "Terminate" } },
    expected: { violations: [{ field: "spec.tls", rule: "!has(self.tls)", message: "tls is forbidden", reason: "FieldValueForbidden" }], unsupported: [] },
  },
  {
    name: "a transition rule is skipped on creation",
    rules: [rule({ rule: "self == oldSelf", message: "immutable" })],
    spec: { replicas: 1 },
    expected: none,
  },
  {
    name: "a transition rule with optionalOldSelf sees no oldSelf on creation",
    rules: [
      rule({ rule: "!oldSelf.hasValue() || self.replicas >= oldSelf.value().replicas", optionalOldSelf: true }),
      rule({ rule: "oldSelf.hasValue()", message: "only on update", optionalOldSelf: true }),
    ],
    spec: { replicas: 1 },
    expected: { violations: [{ field: "spec", rule: "oldSelf.hasValue()", message: "only on update" }], unsupported: [] },
  },
  {
    name: "whole numbers compare as ints without a schema",
    rules: [rule({ rule: "self.minReplicas <= self.maxReplicas && type(self.minReplicas) == int", message: "min above max" })],
    spec: { minReplicas: 3, maxReplicas: 2 },
    expected: { violations: [{ field: "spec", rule: "self.minReplicas <= self.maxReplicas && type(self.minReplicas) == int", message: "min above max" }], unsupported: [] },
  },
  {
    name: "numbers are typed by the schema: integer as int, number as double, int-or-string as it is",
    rules: [rule({ rule: "type(self.replicas) == int && type(self.ratio) == double && type(self.port) == string" })],
    spec: { replicas: 2, ratio: 1, port: "http" },
    schema: SCHEMA,
    expected: none,
  },
  {
    name: "an int-or-string number is an int",
    rules: [rule({ rule: "self.port == 8080 && type(self.port) == int" })],
    spec: { port: 8080 },
    schema: SCHEMA,
    expected: none,
  },
  {
    name: "format duration and date-time strings are durations and timestamps",
    rules: [rule({ rule: "self.timeout < duration('1m') && self.expires > timestamp('2020-01-01T00:00:00Z')", message: "too long" })],
    spec: { timeout: "2 min", expires: "2030-01-01T00:00:00Z" },
    schema: SCHEMA,
    expected: { violations: [{ field: "spec", rule: "self.timeout < duration('1m') && self.expires > timestamp('2020-01-01T00:00:00Z')", message: "too long" }], unsupported: [] },
  },
  {
    name: "schema defaults are applied before the rules run, as the API server defaults objects",
    rules: [rule({ rule: "self.kind == 'Service'" })],
    spec: {},
    schema: SCHEMA,
    expected: none,
  },
  {
    name: "a rule that fails at run time is reported as the API server words it, as an invalid value",
    rules: [rule({ rule: "self.name == 'web'", message: "must be web", reason: "FieldValueForbidden", fieldPath: ".name" })],
    spec: { replicas: 1 },
    expected: { violations: [{ field: "spec", rule: "self.name == 'web'", message: "no such key: name evaluating rule: must be web" }], unsupported: [] },
  },
  {
    name: "a rule that cannot be compiled is listed as unsupported, never passed",
    rules: [rule({ rule: "self.replicas.frobnicate()" }), rule({ path: "spec.absent", rule: "self.frobnicate()" })],
    spec: { replicas: 1 },
    expected: { violations: [], unsupported: [{ path: "spec", rule: "self.replicas.frobnicate()", reason: "found no matching overload for 'dyn.frobnicate()'" }] },
  },
];

describe("evaluateCelRules", () => {
  it.each(CASES)("$name", ({ rules, spec, schema, expected }) => {
    const object = { apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec };
    expect(evaluateCelRules(object, ruleSet(...rules), schema === undefined ? {} : { schema })).toEqual(expected);
  });
});
