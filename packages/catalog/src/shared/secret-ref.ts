/**
 * Props that point at a Secret the user creates (from SOPS, a SealedSecret
 * or an ExternalSecret) and names by prop: the catalog never inlines a
 * secret value, it only says which Secret and key hold it.
 */
import { objectName } from "@typed-gitops/lib";
import { z } from "zod";
import { requiredError } from "./required-error.ts";

/** A key of a Secret's data: letters, digits, `-`, `_` and `.`. */
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** Why `value` is not a key of a Secret's data, or `undefined` when it is one. */
export function secretKeyProblem(value: string): string | undefined {
  if (value.length === 0) return "must not be empty";
  if (value.length > 253) return "must be at most 253 characters";
  if (!SECRET_KEY.test(value)) return "expected a Secret key: letters, digits, '-', '_' and '.'";
  return undefined;
}

/** A prop naming a key of a Secret's data, such as `password` or `tls.crt`. */
export function secretKey(): z.ZodString {
  return z.string({ error: requiredError }).superRefine((value, ctx) => {
    const problem = secretKeyProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** What an {@link existingSecretProp} points at. */
export interface ExistingSecretDefaults {
  /** The key that holds the value. */
  readonly key: string;
  /** What the key holds, for the descriptions, e.g. `the Redis password`. */
  readonly holds: string;
}

const NEVER_INLINED = "never inlined: create it with SOPS, a SealedSecret or an ExternalSecret";

/** `{ name, key }` of a Secret whose name must be given. */
function namedSecret(options: ExistingSecretDefaults) {
  return z
    .object(
      {
        name: objectName().describe("The Secret's name, in the component's namespace."),
        key: secretKey().default(options.key).describe(`The key holding ${options.holds}. Default: ${options.key}.`),
      },
      { error: requiredError },
    )
    .strict()
    .describe(`An existing Secret (${NEVER_INLINED}) whose key holds ${options.holds}.`);
}

/** `{ name, key }` of a Secret whose name has a default too. */
function defaultedSecret(options: ExistingSecretDefaults & { readonly name: string }) {
  return z
    .object({
      name: objectName().default(options.name).describe(`The Secret's name, in the component's namespace. Default: ${options.name}.`),
      key: secretKey().default(options.key).describe(`The key holding ${options.holds}. Default: ${options.key}.`),
    })
    .strict()
    .prefault({})
    .describe(`An existing Secret (${NEVER_INLINED}) whose key holds ${options.holds}. Default: ${options.name}/${options.key}.`);
}

/**
 * A prop naming an existing Secret and the key that holds a value:
 * `{ name, key }`. The key always has a default; the name has one when
 * `name` is given, and is required otherwise.
 *
 * @example
 * passwordSecret: existingSecretProp({ key: "redis-password", holds: "the Redis password" })
 */
export function existingSecretProp(options: ExistingSecretDefaults & { readonly name: string }): ReturnType<typeof defaultedSecret>;
export function existingSecretProp(options: ExistingSecretDefaults): ReturnType<typeof namedSecret>;
export function existingSecretProp(options: ExistingSecretDefaults & { readonly name?: string }): ReturnType<typeof defaultedSecret> | ReturnType<typeof namedSecret> {
  const { name } = options;
  return name === undefined ? namedSecret(options) : defaultedSecret({ ...options, name });
}
