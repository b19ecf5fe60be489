/**
 * The Sealed Secrets controller as a component: its namespace, the chart
 * repository and a HelmRelease of the upstream chart. The controller holds
 * the private keys; the cluster's public sealing certificate is committed
 * as `clusters/<cluster>/sealed-secrets.pem`, and `pnpm secrets seal`
 * seals values against it offline.
 */
import { chartVersionProblem, dns1123LabelProblem, helmRelease, helmRepository, parseProps, type ComponentOutput } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";

/**
 * The chart version: sealed-secrets chart 2.18.5 ships controller 0.36.6,
 * the version whose CRD the schema store pins and whose kubeseal the tools pin.
 */
// renovate: datasource=helm depName=sealed-secrets registryUrl=https://bitnami-labs.github.io/sealed-secrets
export const SEALED_SECRETS_CHART_VERSION = "2.18.5";

/** The chart repository of the upstream chart. */
export const SEALED_SECRETS_CHART_REPOSITORY = "https://bitnami-labs.github.io/sealed-secrets";

/**
 * The controller's name: kubeseal's default `--controller-name`, so
 * `kubeseal --fetch-cert --controller-namespace <namespace>` finds it.
 */
export const SEALED_SECRETS_CONTROLLER_NAME = "sealed-secrets-controller";

/** A Go duration as the controller's `--key-renew-period` reads it: `720h`, `8760h`, or `0` to never renew. */
const KEY_RENEW_PERIOD = /^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;

/** The chart values this component sets. */
export interface SealedSecretsValues {
  /** The name of the controller's Deployment and Service. */
  readonly fullnameOverride?: string;
  /** How often the controller creates a new sealing key (`--key-renew-period`); `0` never. */
  readonly keyrenewperiod?: string;
}

/** The props of {@link sealedSecrets}. */
export const sealedSecretsProps = z
  .object({
    namespace: z
      .string()
      .default("sealed-secrets")
      .superRefine((value, ctx) => {
        const problem = dns1123LabelProblem(value);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      })
      .describe("The namespace of the controller, its HelmRepository and HelmRelease; a DNS-1123 label. Default: sealed-secrets."),
    version: z
      .string()
      .default(SEALED_SECRETS_CHART_VERSION)
      .superRefine((value, ctx) => {
        const problem = chartVersionProblem(value);
        if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
      })
      .describe(`The exact version of the sealed-secrets chart, no ranges. Default: ${SEALED_SECRETS_CHART_VERSION} (controller 0.36.6).`),
    keyRenewPeriod: z
      .string()
      .regex(KEY_RENEW_PERIOD, "expected a Go duration such as 720h, or 0 to never renew the key")
      .default("720h")
      .describe("How often the controller creates a new sealing key (the chart's keyrenewperiod); 0 never. Old keys are kept, so sealed values stay readable. Default: 720h (30 days, the controller's own default)."),
  })
  .strict();

/** The input of {@link sealedSecrets}; every field has a default. */
export type SealedSecretsProps = z.input<typeof sealedSecretsProps>;

/**
 * Renders the Sealed Secrets controller: a Namespace, a HelmRepository of
 * the upstream chart and a HelmRelease whose controller is named
 * `sealed-secrets-controller`.
 *
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function sealedSecrets(input: SealedSecretsProps = {}): ComponentOutput {
  const props = parseProps(sealedSecretsProps, input, "sealedSecrets");
  const { namespace } = props;
  return [
    new Namespace({ metadata: { name: namespace } }),
    helmRepository({ name: "sealed-secrets", namespace, url: SEALED_SECRETS_CHART_REPOSITORY }),
    helmRelease<SealedSecretsValues>({
      name: "sealed-secrets",
      namespace,
      chart: { name: "sealed-secrets", version: props.version, sourceRef: { name: "sealed-secrets" } },
      values: { fullnameOverride: SEALED_SECRETS_CONTROLLER_NAME, keyrenewperiod: props.keyRenewPeriod },
    }),
  ];
}
