import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isUserError } from "../errors/user-error.ts";
import { acquireLock, LOCK_FILE } from "./lock.ts";

let generated: string;

beforeEach(() => {
  generated = mkdtempSync(join(tmpdir(), "typed-gitops-lock-"));
});

afterEach(() => rmSync(generated, { recursive: true, force: true }));

describe("acquireLock", () => {
  it("writes its pid and removes the lock on release", () => {
    const release = acquireLock(generated);
    expect(readFileSync(join(generated, LOCK_FILE), "utf8")).toBe(`${process.pid}\n`);
    release();
    expect(existsSync(join(generated, LOCK_FILE))).toBe(false);
  });

  it("takes over a lock left by a process that no longer exists", () => {
    const dead = spawn(process.execPath, ["-e", ""]);
    return new Promise<void>((resolve) => {
      dead.on("exit", () => {
        writeFileSync(join(generated, LOCK_FILE), `${dead.pid}\n`);
        const release = acquireLock(generated, { waitMs: 0 });
        expect(readFileSync(join(generated, LOCK_FILE), "utf8")).toBe(`${process.pid}\n`);
        release();
        resolve();
      });
    });
  });

  it("waits for a live holder, then gives up with a clear error", () => {
    const holder = spawn("sleep", ["30"]);
    try {
      writeFileSync(join(generated, LOCK_FILE), `${holder.pid}\n`);
      const waited: number[] = [];
      let caught: unknown;
      const started = Date.now();
      try {
        acquireLock(generated, { waitMs: 300, onWait: (pid) => waited.push(pid) });
      } catch (error) {
        caught = error;
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(waited).toEqual([holder.pid]);
      expect(isUserError(caught)).toBe(true);
      expect((caught as Error).message).toContain(`another gen (pid ${holder.pid}) is still writing generated/`);
      expect(readFileSync(join(generated, LOCK_FILE), "utf8")).toBe(`${holder.pid}\n`);
    } finally {
      holder.kill();
    }
  });
});
