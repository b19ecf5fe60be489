import { describe, expect, it } from "vitest";
import { existingSecretProp, secretKey, secretKeyProblem } from "./secret-ref.ts";

describe("secretKey", () => {
  it("accepts the keys Kubernetes accepts, and names one problem per bad key", () => {
    expect(secretKeyProblem("tls.crt")).toBeUndefined();
    expect(secretKeyProblem("AWS_ACCESS_KEY_ID")).toBeUndefined();
    expect(secretKeyProblem("")).toBe("must not be empty");
    expect(secretKeyProblem("a".repeat(254))).toBe("must be at most 253 characters");
    expect(secretKeyProblem("my key")).toBe("expected a Secret key: letters, digits, '-', '_' and '.'");
    expect(secretKey().safeParse("").error?.issues.map((issue) => issue.message)).toEqual(["must not be empty"]);
  });
});

describe("existingSecretProp", () => {
  it("defaults the name and the key when both have defaults", () => {
    expect(existingSecretProp({ name: "op-credentials", key: "token", holds: "a token" }).parse(undefined)).toEqual({ name: "op-credentials", key: "token" });
  });

  it("requires the name when it has no default", () => {
    const prop = existingSecretProp({ key: "password", holds: "the password" });
    expect(prop.parse({ name: "db" })).toEqual({ name: "db", key: "password" });
    expect(prop.safeParse(undefined).error?.issues[0]?.message).toBe("is required");
    expect(prop.safeParse({ name: "db", value: "hunter2" }).success).toBe(false);
  });
});
