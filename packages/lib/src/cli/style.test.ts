import { describe, expect, it } from "vitest";
import { startProgress, withProgress } from "./progress.ts";
import { colourDiff, styleFor } from "./style.ts";

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { write: (chunk: string) => chunks.push(chunk), isTTY, chunks };
}

describe("colour", () => {
  it("is on only for a terminal without NO_COLOR", () => {
    expect(styleFor(sink(true), {}).red("x")).toBe("\u001b[31mx\u001b[39m");
    expect(styleFor(sink(true), { NO_COLOR: "" }).enabled).toBe(true);
    expect(styleFor(sink(true), { NO_COLOR: "1" }).red("x")).toBe("x");
    expect(styleFor(sink(false), {}).red("x")).toBe("x");
    expect(styleFor({ write: () => undefined }, {}).enabled).toBe(false);
  });

  it("colours the lines of a unified diff, and leaves them alone without colour", () => {
    const diff = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same";
    expect(colourDiff(diff, styleFor(sink(false), {}))).toBe(diff);
    expect(colourDiff(diff, styleFor(sink(true), {}))).toContain("\u001b[32m+new\u001b[39m");
  });
});

describe("progress", () => {
  it("draws nothing when stderr is not a terminal, but still prints result lines", async () => {
    const stderr = sink(false);
    expect(await withProgress(stderr, "validating", async (progress) => {
      progress.print("built kubeconform v0.7.0 in 31.0 s\n");
      return 42;
    })).toBe(42);
    expect(stderr.chunks).toEqual(["built kubeconform v0.7.0 in 31.0 s\n"]);
  });

  it("prints a result line above the progress line on a terminal, then draws it again", () => {
    const stderr = sink(true);
    const progress = startProgress(stderr, "building sops");
    progress.print("built age v1.3.2 in 12.0 s\n");
    progress.done();
    expect(stderr.chunks.slice(1, 3)).toEqual(["\r\u001b[2K", "built age v1.3.2 in 12.0 s\n"]);
    expect(stderr.chunks[3]).toMatch(/building sops/);
  });

  it("draws the step in place on a terminal, and clears the line when done", () => {
    const stderr = sink(true);
    const progress = startProgress(stderr, "building the schema store");
    progress.update("converting CRDs");
    progress.done();
    progress.done();
    expect(stderr.chunks[0]).toMatch(/^\r\u001b\[2K. building the schema store \(0\.\d s\)$/);
    expect(stderr.chunks[1]).toMatch(/converting CRDs/);
    expect(stderr.chunks.at(-1)).toBe("\r\u001b[2K");
    expect(stderr.chunks).toHaveLength(3);
  });
});
