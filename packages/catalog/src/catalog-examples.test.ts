/**
 * Every example on the catalog page compiles against the catalog's API:
 * the examples are type-checked by tsc, so the page cannot show a prop that
 * does not exist.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as catalogModule from "./index.ts";
import { CATALOG } from "./registry.ts";

const CATALOG_DIR = fileURLToPath(new URL("..", import.meta.url));
const TSC = fileURLToPath(new URL("../../../node_modules/typescript/bin/tsc", import.meta.url));

/**
 * Names examples may use without defining them: the objects other
 * components return, as a cluster definition would hold them.
 */
const PREAMBLE = `
const certs = certManager({ letsEncrypt: { email: "ops@example.org", http01: { ingressClassName: "traefik" } } });
declare const sso: ReturnType<typeof authentik>;
declare const storage: ReturnType<typeof minio>;
declare const events: ReturnType<typeof kafkaCluster>;
declare const orders: ReturnType<typeof kafkaTopic>;
declare const shop: ReturnType<typeof kafkaUser>;
declare function web(): Component;
`;

/** The source file that holds every example, each in a function of its own, and the line each starts at. */
function examplesSource(): { source: string; starts: { name: string; line: number }[] } {
  const values = Object.keys(catalogModule).sort();
  const lines = [
    `import { ${values.join(", ")} } from "${join(CATALOG_DIR, "src/index.ts")}";`,
    `import type { Component } from "${join(CATALOG_DIR, "src/index.ts")}";`,
    `import { defineCluster } from "@typed-gitops/lib";`,
    PREAMBLE,
  ];
  const starts: { name: string; line: number }[] = [];
  CATALOG.forEach((entry, index) => {
    starts.push({ name: entry.name, line: lines.join("\n").split("\n").length + 1 });
    lines.push(`export function example${index}() {`, entry.example, "}");
  });
  return { source: `${lines.join("\n")}\n`, starts };
}

describe("the catalog page's examples", () => {
  it("all compile against the catalog's API", () => {
    const dir = mkdtempSync(join(CATALOG_DIR, ".examples-check-"));
    try {
      const { source, starts } = examplesSource();
      writeFileSync(join(dir, "examples.ts"), source);
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", include: ["examples.ts"], compilerOptions: { noUnusedLocals: false } }));
      let output = "";
      try {
        execFileSync(process.execPath, [TSC, "-p", join(dir, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
      } catch (error) {
        const { stdout, stderr } = error as { stdout?: string; stderr?: string };
        // A failure that names no example (a broken tsconfig, a missing tsc) fails the test too.
        output = `${stdout ?? ""}${stderr ?? ""}`.trim() || String(error);
      }
      const problems = output
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => {
          const at = Number(/examples\.ts\((\d+),/.exec(line)?.[1] ?? 0);
          const entry = [...starts].reverse().find((start) => start.line <= at);
          return `${entry?.name ?? "?"}: ${line.replace(/^.*examples\.ts\(\d+,\d+\): /, "")}`;
        });
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
