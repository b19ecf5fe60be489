/**
 * The ClusterExternalSecret (`external-secrets.io/v1`): the same
 * ExternalSecret created in every namespace that a selector or a list
 * names.
 */
import type { ClusterExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterExternalSecret";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { builderWhere, duration, namespaceName, objectName, requiredError } from "../flux/props.ts";
import { parseProps } from "../props/parse-props.ts";
import { externalSecretSpecOf, externalSecretSpecShape, refineExternalSecretSpec } from "./external-secret-spec.ts";
import { labelSelector } from "./props.ts";

/** The ClusterExternalSecret model, loaded when the builder first runs. */
const clusterExternalSecretModel = lazyModel<typeof import("@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterExternalSecret")>(import.meta.resolve("@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterExternalSecret"));

/** The props of {@link clusterExternalSecret}. */
export const clusterExternalSecretProps = z
  .object({
    /** The ClusterExternalSecret's name, a DNS-1123 subdomain. */
    name: objectName().describe("The ClusterExternalSecret's name, a DNS-1123 subdomain."),
    /**
     * The name of the ExternalSecret created in each namespace.
     * By default, the ClusterExternalSecret's name.
     */
    externalSecretName: objectName().optional().describe("The name of the ExternalSecret in each namespace. Default: the ClusterExternalSecret's name."),
    /**
     * Namespaces by label; a namespace matching any one selector gets the ExternalSecret.
     * @default none (give `namespaceSelectors`, `namespaces` or both)
     */
    namespaceSelectors: z
      .array(labelSelector())
      .min(1)
      .optional()
      .describe("Namespaces by label, any one selector matching. Default: none (give namespaceSelectors, namespaces or both)."),
    /**
     * Namespaces by name.
     * @default none (give `namespaceSelectors`, `namespaces` or both)
     */
    namespaces: z.array(namespaceName()).min(1).optional().describe("Namespaces by name. Default: none (give namespaceSelectors, namespaces or both)."),
    /**
     * How often the controller looks for new matching namespaces.
     * @default "1m"
     */
    refreshTime: duration().default("1m").describe("How often the controller looks for new matching namespaces. Default: 1m."),
    /** The spec of the ExternalSecret created in each namespace; `target.name` defaults to `externalSecretName`. */
    externalSecretSpec: z
      .object(externalSecretSpecShape, { error: requiredError })
      .strict()
      .describe("The spec of the ExternalSecret created in each namespace."),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.namespaceSelectors === undefined && props.namespaces === undefined) {
      ctx.addIssue({ code: "custom", message: "give namespaceSelectors, namespaces or both: without them the ExternalSecret is created nowhere" });
    }
    refineExternalSecretSpec(props.externalSecretSpec, ctx, ["externalSecretSpec"]);
  });

/** The input of {@link clusterExternalSecret}. */
export type ClusterExternalSecretInput = z.input<typeof clusterExternalSecretProps>;

/**
 * Builds a ClusterExternalSecret that creates the ExternalSecret
 * `externalSecretName` in every namespace matched by `namespaceSelectors`
 * or listed in `namespaces`.
 *
 * @example
 * clusterExternalSecret({
 *   name: "registry-pull", namespaceSelectors: [{ matchLabels: { "registry-pull": "true" } }],
 *   externalSecretSpec: { secretStoreRef: { name: "vault", kind: "ClusterSecretStore" }, dataFrom: [{ extract: { key: "shared/registry" } }] },
 * });
 * @throws {UserError} naming every invalid or unknown field, no namespaces to create in, and a spec with neither data nor dataFrom.
 */
export function clusterExternalSecret(input: ClusterExternalSecretInput): ClusterExternalSecret {
  const props = parseProps(clusterExternalSecretProps, input, builderWhere("clusterExternalSecret", input));
  const externalSecretName = props.externalSecretName ?? props.name;
  return new (clusterExternalSecretModel().ClusterExternalSecret)({
    metadata: { name: props.name },
    spec: {
      externalSecretName,
      namespaceSelectors: props.namespaceSelectors,
      namespaces: props.namespaces,
      refreshTime: props.refreshTime,
      externalSecretSpec: externalSecretSpecOf(props.externalSecretSpec, externalSecretName),
    },
  });
}
