/**
 * 1Password Connect as a catalog component: the Connect server (API and
 * sync) on the upstream chart with its credentials from an existing
 * Secret, optionally the 1Password operator (OnePasswordItem → Secret), and
 * optionally an External Secrets store wired to Connect's Service.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import { z } from "zod";
import type { Component } from "../component.ts";
import { chartVersionProp, namespaceProp, valuesProp } from "../shared/chart-props.ts";
import { helmChart } from "../shared/helm-chart.ts";
import { requiredError } from "../shared/required-error.ts";
import { existingSecretProp } from "../shared/secret-ref.ts";
import { ONEPASSWORD_CONNECT_CHART } from "../versions.ts";
import { onePasswordSecretStore } from "./onepassword-secret-store.ts";

/** The chart's default `connect.applicationName`: the name of Connect's Deployment and Service. */
const CONNECT_SERVICE = "onepassword-connect";

/** The port of Connect's API on its Service (the chart's `connect.api.httpPort`). */
const CONNECT_PORT = 8080;

/** The in-cluster URL of the Connect API that `onePasswordConnect()` runs in `namespace`. */
export function onePasswordConnectHost(namespace: string): string {
  return `http://${CONNECT_SERVICE}.${namespace}.svc:${CONNECT_PORT}`;
}

/**
 * The connect chart values (2.4.1) this component sets, plus the ones most
 * often overridden; any other key of the chart is accepted too.
 */
export interface OnePasswordConnectChartValues {
  readonly connect?: {
    readonly create?: boolean;
    readonly replicas?: number;
    readonly credentialsName?: string;
    readonly credentialsKey?: string;
    readonly serviceType?: "ClusterIP" | "NodePort" | "LoadBalancer";
    readonly api?: { readonly resources?: IResourceRequirements; readonly logLevel?: string; readonly [key: string]: unknown };
    readonly sync?: { readonly resources?: IResourceRequirements; readonly logLevel?: string; readonly [key: string]: unknown };
    readonly [key: string]: unknown;
  };
  readonly operator?: {
    readonly create?: boolean;
    readonly authMethod?: "connect" | "service-account";
    readonly token?: { readonly name?: string; readonly key?: string };
    readonly watchNamespace?: readonly string[];
    readonly pollingInterval?: number;
    readonly autoRestart?: boolean;
    readonly resources?: IResourceRequirements;
    readonly [key: string]: unknown;
  };
  /** Any other value of the chart. */
  readonly [key: string]: unknown;
}

/** The props of {@link onePasswordConnect}. */
export const onePasswordConnectProps = z
  .object({
    namespace: namespaceProp("onepassword", "Connect, its HelmRepository and HelmRelease, and the Secrets it reads"),
    version: chartVersionProp(ONEPASSWORD_CONNECT_CHART, `Connect ${ONEPASSWORD_CONNECT_CHART.appVersion} and operator v1.12.0, the version of the pinned OnePasswordItem CRD`),
    replicas: z.number().int("must be a whole number").min(1, "must be at least 1").default(1).describe("Replicas of the Connect server. Default: 1."),
    credentialsSecret: existingSecretProp({
      name: "op-credentials",
      key: "1password-credentials.json",
      holds:
        "the Connect server's 1password-credentials.json, base64-encoded once more as the chart expects (kubectl create secret generic op-credentials --from-literal=1password-credentials.json=\"$(base64 -w0 1password-credentials.json)\")",
    }),
    operator: z
      .object({
        tokenSecret: existingSecretProp({ name: "onepassword-token", key: "token", holds: "a Connect access token for the operator" }),
        watchNamespaces: z.array(namespaceName()).default([]).describe("The namespaces whose OnePasswordItems the operator serves. Default: none (every namespace)."),
        pollingInterval: z.number().int("must be a whole number of seconds").min(1, "must be at least 1 second").default(600).describe("How often the operator polls 1Password for changes, in seconds. Default: 600."),
        autoRestart: z.boolean().default(false).describe("Whether the operator restarts Deployments whose Secrets it updated. Default: false."),
      })
      .strict()
      .optional()
      .describe("The 1Password operator, which turns OnePasswordItems (see onePasswordItem()) into Secrets, authenticated to Connect with a token. Default: none (no operator)."),
    externalSecrets: z
      .object({
        name: objectName().default("onepassword").describe("The ClusterSecretStore's name. Default: onepassword."),
        vaults: z
          .record(z.string().min(1, "a vault name must not be empty"), z.number().int("a priority is a whole number").min(1, "a priority starts at 1"), { error: requiredError })
          .refine((vaults) => Object.keys(vaults).length > 0, "give at least one vault: { name: priority }")
          .describe("The 1Password vaults to search, by name, each with its priority (1 first). Required."),
        tokenSecret: existingSecretProp({ name: "onepassword-token", key: "token", holds: "a Connect access token for the External Secrets Operator" }),
      })
      .strict()
      .optional()
      .describe("A ClusterSecretStore (onePasswordSecretStore()) for the External Secrets Operator, pointing at this Connect server, in the configs layer. Default: none."),
    values: valuesProp(ONEPASSWORD_CONNECT_CHART.chart),
  })
  .strict();

/** The input of {@link onePasswordConnect}; every field has a default. */
export type OnePasswordConnectProps = Omit<z.input<typeof onePasswordConnectProps>, "values"> & {
  /** Chart values merged last (objects key by key). @default none */
  readonly values?: OnePasswordConnectChartValues;
};

/**
 * 1Password Connect: a Namespace, a HelmRepository and a HelmRelease of the
 * upstream chart running the Connect server (API and sync, ClusterIP
 * Service `onepassword-connect:8080`) with its credentials from an existing
 * Secret, and with `operator` the 1Password operator and its
 * OnePasswordItem CRD (controllers layer); with `externalSecrets`, a
 * ClusterSecretStore reading Connect (configs layer). No credential is ever
 * a chart value: the chart creates no Secret.
 *
 * @example
 * onePasswordConnect({ operator: {}, externalSecrets: { vaults: { production: 1 } } });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function onePasswordConnect(input: OnePasswordConnectProps = {}): Component {
  const props = parseProps(onePasswordConnectProps, input, "onePasswordConnect");
  const { namespace, operator, externalSecrets } = props;
  const values: OnePasswordConnectChartValues = {
    connect: {
      create: true,
      replicas: props.replicas,
      credentialsName: props.credentialsSecret.name,
      credentialsKey: props.credentialsSecret.key,
      serviceType: "ClusterIP",
    },
    operator:
      operator === undefined
        ? { create: false }
        : {
            create: true,
            authMethod: "connect",
            token: { name: operator.tokenSecret.name, key: operator.tokenSecret.key },
            watchNamespace: operator.watchNamespaces,
            pollingInterval: operator.pollingInterval,
            autoRestart: operator.autoRestart,
          },
  };
  return {
    name: "onepassword-connect",
    controllers: helmChart<OnePasswordConnectChartValues>({
      name: "connect",
      namespace,
      chart: ONEPASSWORD_CONNECT_CHART,
      version: props.version,
      source: "onepassword",
      values,
      overrides: props.values,
    }),
    configs:
      externalSecrets === undefined
        ? []
        : [
            onePasswordSecretStore({
              name: externalSecrets.name,
              connectHost: onePasswordConnectHost(namespace),
              vaults: externalSecrets.vaults,
              tokenSecret: { ...externalSecrets.tokenSecret, namespace },
            }),
          ],
  };
}
