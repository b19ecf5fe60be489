/**
 * The External Secrets Operator as a component: its namespace, the chart
 * repository and a HelmRelease of the upstream chart with its CRDs. The
 * operator writes Secrets from a secrets manager, so no secret value is
 * ever committed; the stores it reads from come from `vaultSecretStore` (secret-stores.ts).
 */
import { chartVersionProblem, dns1123LabelProblem, helmRelease, helmRepository, parseProps, type ComponentOutput } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";

/**
 * The chart version: the external-secrets chart is versioned like the
 * operator, so 2.9.0 is External Secrets v2.9.0, the version whose CRDs the
 * schema store pins and the ExternalSecret builders target.
 */
// renovate: datasource=helm depName=external-secrets registryUrl=https://charts.external-secrets.io
export const EXTERNAL_SECRETS_CHART_VERSION = "2.9.0";

/** The chart repository of the upstream chart. */
export const EXTERNAL_SECRETS_CHART_REPOSITORY = "https://charts.external-secrets.io";

/** The chart values this component sets. */
export interface ExternalSecretsValues {
  /** Whether the chart installs (and upgrades) the external-secrets.io CRDs. */
  readonly installCRDs?: boolean;
}

/** The props of {@link externalSecrets}. */
export const externalSecretsProps = z
  .object({
    namespace: z
      .string()
      .default("external-secrets")
      .superRefine((value, ctx) => {
        const problem = dns1123LabelProblem(value);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      })
      .describe("The namespace of the operator, its HelmRepository and HelmRelease; a DNS-1123 label. Default: external-secrets."),
    version: z
      .string()
      .default(EXTERNAL_SECRETS_CHART_VERSION)
      .superRefine((value, ctx) => {
        const problem = chartVersionProblem(value);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      })
      .describe(`The exact version of the external-secrets chart (the operator's version without the v), no ranges. Default: ${EXTERNAL_SECRETS_CHART_VERSION}.`),
  })
  .strict();

/** The input of {@link externalSecrets}; every field has a default. */
export type ExternalSecretsProps = z.input<typeof externalSecretsProps>;

/**
 * Renders the External Secrets Operator: a Namespace, a HelmRepository of
 * the upstream chart and a HelmRelease that installs the operator with its
 * CRDs (`installCRDs: true`), so the layers after it can use them.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function externalSecrets(input: ExternalSecretsProps = {}): ComponentOutput {
  const props = parseProps(externalSecretsProps, input, "externalSecrets");
  const { namespace } = props;
  return [
    new Namespace({ metadata: { name: namespace } }),
    helmRepository({ name: "external-secrets", namespace, url: EXTERNAL_SECRETS_CHART_REPOSITORY }),
    helmRelease<ExternalSecretsValues>({
      name: "external-secrets",
      namespace,
      chart: { name: "external-secrets", version: props.version, sourceRef: { name: "external-secrets" } },
      values: { installCRDs: true },
    }),
  ];
}
