/**
 * The ExternalSecret (`external-secrets.io/v1`): a Secret written by the
 * External Secrets Operator from a store's provider, so that no secret
 * value is ever committed.
 */
import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { builderWhere, namespaceName, objectName } from "../flux/props.ts";
import { parseProps } from "../props/parse-props.ts";
import { externalSecretSpecOf, externalSecretSpecShape, refineExternalSecretSpec } from "./external-secret-spec.ts";

/** The ExternalSecret model, loaded when the builder first runs. */
const externalSecretModel = lazyModel<typeof import("@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret")>(import.meta.resolve("@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret"));

/** The props of {@link externalSecret}. */
export const externalSecretProps = z
  .object({
    /** The ExternalSecret's name, a DNS-1123 subdomain; by default also the target Secret's name. */
    name: objectName().describe("The ExternalSecret's name, a DNS-1123 subdomain."),
    /** The namespace of the ExternalSecret and of the Secret it writes. */
    namespace: namespaceName().describe("The namespace of the ExternalSecret and of the Secret it writes."),
    ...externalSecretSpecShape,
  })
  .strict()
  .superRefine((props, ctx) => refineExternalSecretSpec(props, ctx, []));

/** The input of {@link externalSecret}. */
export type ExternalSecretInput = z.input<typeof externalSecretProps>;

/**
 * Builds an ExternalSecret that writes the Secret `target.name` (by
 * default, its own name) from `data` and `dataFrom` every `refreshInterval`.
 *
 * @example
 * externalSecret({
 *   name: "database", namespace: "web", secretStoreRef: { name: "vault" },
 *   data: [{ secretKey: "password", remoteRef: { key: "web/database", property: "password" } }],
 * });
 * @throws {UserError} naming every invalid or unknown field, and a spec with neither data nor dataFrom.
 */
export function externalSecret(input: ExternalSecretInput): ExternalSecret {
  const props = parseProps(externalSecretProps, input, builderWhere("externalSecret", input));
  return new (externalSecretModel().ExternalSecret)({ metadata: { name: props.name, namespace: props.namespace }, spec: externalSecretSpecOf(props, props.name) });
}
