/**
 * The spec of an ExternalSecret, shared by {@link externalSecret} and by
 * the `externalSecretSpec` of a ClusterExternalSecret: which store, how
 * often, which Secret to write and what to read into it.
 */
import type { IExternalSecretSpec } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecretSpec";
import { z } from "zod";
import { duration, objectName, oneOfKeys, requiredError, requiredString } from "../flux/props.ts";
import { secretDataKey } from "./props.ts";

/** The kinds of store an ExternalSecret can read from. */
export const STORE_KINDS = ["SecretStore", "ClusterSecretStore"] as const;

/** What the controller does with the target Secret when it creates it. */
export const CREATION_POLICIES = ["Owner", "Orphan", "Merge", "None"] as const;

/** What the controller does with the target Secret when the provider no longer has the data. */
export const DELETION_POLICIES = ["Delete", "Merge", "Retain"] as const;

/** How a value read from the provider is decoded. */
export const DECODING_STRATEGIES = ["Auto", "Base64", "Base64URL", "None"] as const;

/** The fields that point at one secret of the provider. */
const remoteKeyShape = {
  /** The secret's key (path or name) in the provider, e.g. `web/database`. */
  key: requiredString().describe("The secret's key (path or name) in the provider."),
  /**
   * One property of a structured secret, e.g. `password`.
   * @default none: the whole secret
   */
  property: requiredString().optional().describe("One property of a structured secret. Default: none (the whole secret)."),
  /**
   * The secret's version.
   * @default none: the current version
   */
  version: requiredString().optional().describe("The secret's version. Default: none (the current version)."),
  /**
   * How the value is decoded.
   * @default none: the value as stored (`None`)
   */
  decodingStrategy: z.enum(DECODING_STRATEGIES).optional().describe("How the value is decoded: Auto, Base64, Base64URL or None. Default: none (None)."),
};

/** One key of the target Secret and where its value is in the provider. */
const dataEntry = z
  .object({
    /** The key in the target Secret. */
    secretKey: secretDataKey().describe("The key in the target Secret."),
    /** Where the value is in the provider: `{ key, property?, version? }`. */
    remoteRef: z.object(remoteKeyShape, { error: requiredError }).strict().describe("Where the value is in the provider."),
  })
  .strict();

/** Every key of the target Secret taken from the provider at once: one secret's properties, or every secret found. */
const dataFromEntry = oneOfKeys({
  extract: z.object(remoteKeyShape).strict().describe("Every property of one structured secret, each a key of the target Secret."),
  find: z
    .object({
      /**
       * The path to search under.
       * @default none: the whole provider
       */
      path: requiredString().optional().describe("The path to search under. Default: none (the whole provider)."),
      /** The secrets whose names match `regexp`. */
      name: z
        .object({ regexp: requiredString().describe("A regular expression (RE2) over the secrets' names.") }, { error: requiredError })
        .strict()
        .describe("The secrets whose names match regexp."),
    })
    .strict()
    .describe("Every secret whose name matches, each a key of the target Secret."),
});

/** The target Secret's template: its type, metadata and data rendered from the values read. */
const templateProps = z
  .object({
    /**
     * The Secret's type, e.g. `kubernetes.io/dockerconfigjson`.
     * @default "Opaque"
     */
    type: requiredString().default("Opaque").describe("The Secret's type. Default: Opaque."),
    /**
     * Labels and annotations of the Secret.
     * @default none
     */
    metadata: z
      .object({
        /** Labels. @default none */
        labels: z.record(requiredString(), z.string()).optional().describe("Labels. Default: none."),
        /** Annotations. @default none */
        annotations: z.record(requiredString(), z.string()).optional().describe("Annotations. Default: none."),
      })
      .strict()
      .optional()
      .describe("Labels and annotations of the Secret. Default: none."),
    /** The Secret's data by key, each a Go template over the values read, e.g. `{ url: "postgres://app:{{ .password }}@db:5432/app" }`. */
    data: z.record(secretDataKey(), z.string(), { error: requiredError }).describe("The Secret's data by key, each a Go template over the values read."),
    /**
     * The template engine.
     * @default "v2"
     */
    engineVersion: z.enum(["v2"]).default("v2").describe("The template engine. Default: v2."),
  })
  .strict();

/** The target Secret: its name, ownership and template. */
const targetProps = z
  .object({
    /**
     * The Secret's name.
     * By default, the ExternalSecret's name.
     */
    name: objectName().optional().describe("The Secret's name. Default: the ExternalSecret's name."),
    /**
     * Who owns the Secret: `Owner` (deleted with the ExternalSecret), `Orphan`, `Merge` (into an existing Secret) or `None`.
     * @default "Owner"
     */
    creationPolicy: z.enum(CREATION_POLICIES).default("Owner").describe("Who owns the Secret: Owner, Orphan, Merge or None. Default: Owner."),
    /**
     * What happens to the Secret when the provider no longer has the data: `Delete`, `Merge` or `Retain`.
     * @default none: `Retain`, the CRD's default
     */
    deletionPolicy: z.enum(DELETION_POLICIES).optional().describe("What happens when the provider no longer has the data: Delete, Merge or Retain. Default: none (Retain)."),
    /**
     * The Secret's template.
     * @default none: the values read, as they are
     */
    template: templateProps.optional().describe("The Secret's template. Default: none (the values as read)."),
  })
  .strict();

/** The props of an ExternalSecret's spec, as a shape to spread into a builder's props. */
export const externalSecretSpecShape = {
  /** The store to read from: `{ name, kind? }`. */
  secretStoreRef: z
    .object(
      {
        /** The store's name. */
        name: objectName().describe("The store's name."),
        /**
         * The store's kind: a `SecretStore` of the same namespace, or a `ClusterSecretStore`.
         * @default "SecretStore"
         */
        kind: z.enum(STORE_KINDS).default("SecretStore").describe("SecretStore (same namespace) or ClusterSecretStore. Default: SecretStore."),
      },
      { error: requiredError },
    )
    .strict()
    .describe("The store to read from."),
  /**
   * How often the values are read again; `0s` reads them once.
   * @default "1h"
   */
  refreshInterval: duration().default("1h").describe("How often the values are read again; 0s reads them once. Default: 1h."),
  /**
   * The Secret to write.
   * @default { creationPolicy: "Owner" }, named after the ExternalSecret
   */
  target: targetProps.prefault({}).describe("The Secret to write. Default: { creationPolicy: Owner }, named after the ExternalSecret."),
  /**
   * Keys of the target Secret, each read from one secret of the provider.
   * @default none (give `data`, `dataFrom` or both)
   */
  data: z.array(dataEntry).optional().describe("Keys of the target Secret, each read from the provider. Default: none (give data, dataFrom or both)."),
  /**
   * Keys of the target Secret read in bulk: `{ extract }` or `{ find }` per entry.
   * @default none (give `data`, `dataFrom` or both)
   */
  dataFrom: z.array(dataFromEntry).optional().describe("Keys of the target Secret read in bulk: extract or find. Default: none (give data, dataFrom or both)."),
};

const specObject = z.object(externalSecretSpecShape).strict();

/** The parsed props of an ExternalSecret's spec. */
export type ExternalSecretSpecProps = z.output<typeof specObject>;

/** The issue sink of a zod refinement. */
interface RefinementContext {
  addIssue(issue: { code: "custom"; message: string; path?: PropertyKey[] }): void;
}

/**
 * Adds the problems the External Secrets webhook would reject to `ctx`:
 * neither `data` nor `dataFrom`, a `secretKey` given twice, and deletion
 * policies that need a Secret the controller owns.
 *
 * @param path - where the spec's fields are in the props (`[]` or `["externalSecretSpec"]`).
 */
export function refineExternalSecretSpec(spec: ExternalSecretSpecProps, ctx: RefinementContext, path: readonly PropertyKey[]): void {
  if ((spec.data?.length ?? 0) === 0 && (spec.dataFrom?.length ?? 0) === 0) {
    ctx.addIssue({ code: "custom", path: [...path], message: "give data, dataFrom or both: an ExternalSecret without them writes nothing" });
  }
  const seen = new Set<string>();
  spec.data?.forEach((entry, i) => {
    if (seen.has(entry.secretKey)) ctx.addIssue({ code: "custom", path: [...path, "data", i, "secretKey"], message: `${JSON.stringify(entry.secretKey)} is given twice` });
    seen.add(entry.secretKey);
  });
  const { creationPolicy, deletionPolicy } = spec.target;
  if (deletionPolicy === "Delete" && (creationPolicy === "Merge" || creationPolicy === "None")) {
    ctx.addIssue({
      code: "custom",
      path: [...path, "target", "deletionPolicy"],
      message: `deletionPolicy Delete needs a Secret the controller owns, not creationPolicy ${creationPolicy}: use creationPolicy Owner, or deletionPolicy Retain`,
    });
  }
  if (deletionPolicy === "Merge" && creationPolicy === "None") {
    ctx.addIssue({ code: "custom", path: [...path, "target", "deletionPolicy"], message: "deletionPolicy Merge needs a Secret to merge into, not creationPolicy None" });
  }
}

/**
 * Builds the model's `spec` from parsed props, writing every default
 * explicitly.
 *
 * @param targetName - the target Secret's name when `target.name` is not given.
 */
export function externalSecretSpecOf(spec: ExternalSecretSpecProps, targetName: string): IExternalSecretSpec {
  return {
    secretStoreRef: spec.secretStoreRef,
    refreshInterval: spec.refreshInterval,
    target: { ...spec.target, name: spec.target.name ?? targetName },
    data: spec.data,
    dataFrom: spec.dataFrom,
  };
}
