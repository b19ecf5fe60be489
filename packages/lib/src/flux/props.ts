/**
 * Building blocks of the Flux and Argo CD builders' props: checked names,
 * durations, references and the "exactly one of" choices the CRDs express
 * only in prose. Each part reports its own problems with a field path, so
 * {@link parseProps} can list them all at once.
 */
import { z } from "zod";
import { dns1123LabelProblem, dns1123SubdomainProblem } from "../resource/names.ts";

/** The issue fields an error function reads. */
interface IssueInput {
  readonly input?: unknown;
}

/** An error function that says `is required` for a missing value and leaves other messages to zod. */
export function requiredError(iss: IssueInput): string | undefined {
  return iss.input === undefined ? "is required" : undefined;
}

/** A required string with the `is required` message; `min(1)` so an empty string is no value either. */
export function requiredString(): z.ZodString {
  return z.string({ error: requiredError }).min(1, "must not be empty");
}

/** An object name: a DNS-1123 subdomain (lower-case letters, digits, `-` and `.`, at most 253 characters). */
export function objectName(): z.ZodString {
  return z.string({ error: requiredError }).superRefine((value, ctx) => {
    const problem = dns1123SubdomainProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** A namespace: a DNS-1123 label (lower-case letters, digits and `-`, at most 63 characters). */
export function namespaceName(): z.ZodString {
  return z.string({ error: requiredError }).superRefine((value, ctx) => {
    const problem = dns1123LabelProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

/** The duration pattern of the Flux CRDs (`metav1.Duration` restricted to ms, s, m and h). */
export const DURATION_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;

/** A Go duration as the Flux CRDs accept it: `30s`, `5m`, `1h30m`. */
export function duration(): z.ZodString {
  return z.string({ error: requiredError }).regex(DURATION_PATTERN, "expected a Go duration such as 30s, 5m or 1h");
}

/**
 * A path inside a source artifact: starts with `./`, has no `..` segment and
 * no backslash. Flux resolves it from the artifact's root.
 */
export function relativePath(): z.ZodString {
  return z.string({ error: requiredError }).superRefine((value, ctx) => {
    if (!value.startsWith("./")) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} must start with "./" (it is relative to the root of the source)` });
    } else if (value.split("/").includes("..") || value.includes("\\")) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} must stay inside the source: no ".." segments and no backslashes` });
    }
  });
}

/** A reference to an object by name, in the referrer's namespace or another. */
const namespacedRefObject = z
  .object(
    {
      /** The object's name. */
      name: objectName().describe("The object's name."),
      /**
       * The object's namespace.
       * @default the namespace of the object that refers to it
       */
      namespace: namespaceName().optional().describe("The object's namespace. Default: the referrer's namespace."),
    },
    { error: (iss) => (iss.input === undefined ? "is required" : "expected a name or an object { name, namespace }") },
  )
  .strict();

/** The input of {@link namespacedRef}: a name, or `{ name, namespace }`. */
export type NamespacedRefInput = string | z.input<typeof namespacedRefObject>;

/**
 * A reference given as a name (same namespace) or as `{ name, namespace }`;
 * parsed to `{ name, namespace? }`.
 */
export function namespacedRef() {
  return z.preprocess((value: NamespacedRefInput) => (typeof value === "string" ? { name: value } : value), namespacedRefObject);
}

/** The field `Key` of `Shape`, every other field of `Shape` absent. */
type Choice<Shape extends Record<string, unknown>, Key extends keyof Shape> = { [P in Key]: Shape[P] } & { [P in Exclude<keyof Shape, Key>]?: never };

/** One of the variants of `Variants`, each a set of fields, the others absent. */
export type OneOfVariants<Variants extends Record<string, Record<string, unknown>>> = {
  [V in keyof Variants]: Variants[V] & { [P in Exclude<AllKeys<Variants>, keyof Variants[V]>]?: never };
}[keyof Variants];

type AllKeys<Variants extends Record<string, Record<string, unknown>>> = { [V in keyof Variants]: keyof Variants[V] }[keyof Variants];

/** Exactly one of the keys of `Shape`, the others absent. */
export type OneOfKeys<Shape extends Record<string, unknown>> = { [K in keyof Shape]: Choice<Shape, K> }[keyof Shape];

type ShapeInput<S extends z.ZodRawShape> = z.input<z.ZodObject<S, z.core.$strict>>;
type ShapeOutput<S extends z.ZodRawShape> = z.output<z.ZodObject<S, z.core.$strict>>;

function list(words: readonly string[], conjunction: "or" | "and"): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/**
 * Exactly one of several variants, each a set of fields: `{ branch } | { tag }`,
 * or `{ name, version, sourceRef } | { chartRef }`. Unknown fields, wrong
 * types, a missing field of the chosen variant and fields of two variants
 * are each reported at their own path.
 *
 * @param variants - the variants, each under a name of your choice; messages name their fields.
 */
export function oneOfVariants<const V extends Record<string, z.ZodRawShape>>(variants: V) {
  const shape: Record<string, z.ZodType> = {};
  for (const variant of Object.values(variants)) {
    for (const [key, schema] of Object.entries(variant)) shape[key] = (schema as z.ZodType).optional();
  }
  const fieldsOf = (name: string) => Object.keys(variants[name] ?? {});
  const choices = Object.keys(variants).map((name) => (fieldsOf(name).length === 1 ? fieldsOf(name).join("") : `{ ${fieldsOf(name).join(", ")} }`));
  const combined = z
    .object(shape, { error: requiredError })
    .strict()
    .superRefine((value, ctx) => {
      const given = Object.keys(variants).filter((name) => fieldsOf(name).some((key) => value[key] !== undefined));
      if (given.length === 0) {
        ctx.addIssue({ code: "custom", message: `give one of ${list(choices, "or")}` });
        return;
      }
      if (given.length > 1) {
        const fields = given.flatMap((name) => fieldsOf(name).filter((key) => value[key] !== undefined));
        ctx.addIssue({ code: "custom", message: `${list(fields, "and")} cannot be given together: give one of ${list(choices, "or")}` });
        return;
      }
      const [chosen] = given as [string];
      for (const [key, schema] of Object.entries(variants[chosen] ?? {})) {
        if (value[key] === undefined && !(schema as z.ZodType).safeParse(undefined).success) {
          ctx.addIssue({ code: "custom", path: [key], message: `is required with ${list(fieldsOf(chosen).filter((other) => value[other] !== undefined), "and")}` });
        }
      }
    });
  return combined as unknown as z.ZodType<
    OneOfVariants<{ [K in keyof V]: ShapeOutput<V[K]> }>,
    OneOfVariants<{ [K in keyof V]: ShapeInput<V[K]> }>
  >;
}

/**
 * Exactly one of the given fields: `{ branch } | { tag } | { semver }`.
 * A special case of {@link oneOfVariants} with one field per variant.
 */
export function oneOfKeys<const S extends z.ZodRawShape>(shape: S) {
  const variants: Record<string, z.ZodRawShape> = {};
  for (const [key, schema] of Object.entries(shape)) variants[key] = { [key]: schema };
  return oneOfVariants(variants) as unknown as z.ZodType<OneOfKeys<ShapeOutput<S>>, OneOfKeys<ShapeInput<S>>>;
}

/** A `{ name }` reference to a Secret in the same namespace, from its name. */
export function secretRefOf(name: string | undefined): { name: string } | undefined {
  return name === undefined ? undefined : { name };
}

/** A `{ name, namespace? }` reference without an undefined namespace key. */
export function refOf(ref: { readonly name: string; readonly namespace?: string | undefined }): { name: string; namespace?: string } {
  return ref.namespace === undefined ? { name: ref.name } : { name: ref.name, namespace: ref.namespace };
}

/**
 * Where a builder's problems are: `gitRepository "podinfo"`, or just the
 * builder's name when the input has no string `name`.
 */
export function builderWhere(builder: string, input: unknown): string {
  const name = typeof input === "object" && input !== null ? (input as { name?: unknown }).name : undefined;
  return typeof name === "string" ? `${builder} ${JSON.stringify(name)}` : builder;
}

/** The kinds of Flux object a notification Alert or Receiver can refer to. */
export const NOTIFICATION_OBJECT_KINDS = [
  "Bucket",
  "GitRepository",
  "Kustomization",
  "HelmRelease",
  "HelmChart",
  "HelmRepository",
  "ImageRepository",
  "ImagePolicy",
  "ImageUpdateAutomation",
  "OCIRepository",
  "ArtifactGenerator",
  "ExternalArtifact",
] as const;

/** A reference from an Alert or Receiver to Flux objects: one by name, or all of a kind with `*`. */
export function notificationObjectRef() {
  return z
    .object({
      /** The objects' kind, e.g. `Kustomization`. */
      kind: z.enum(NOTIFICATION_OBJECT_KINDS, { error: requiredError }).describe("The objects' kind."),
      /** The object's name, or `*` for every object of the kind in the namespace. */
      name: z
        .string({ error: requiredError })
        .superRefine((value, ctx) => {
          if (value === "*") return;
          const problem = dns1123SubdomainProblem(value);
          if (problem !== undefined) ctx.addIssue({ code: "custom", message: `${problem}, or "*" for every object of the kind` });
        })
        .describe("The object's name, or * for all of the kind."),
      /**
       * The objects' namespace.
       * @default the namespace of the Alert or Receiver
       */
      namespace: namespaceName().optional().describe("The objects' namespace. Default: the referrer's namespace."),
    })
    .strict();
}
