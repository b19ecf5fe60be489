/**
 * The whole server, as one composition both clusters use: k3s's local-path
 * storage with a Retain class for the database volume, Traefik with Let's
 * Encrypt certificates from cert-manager, 1Password Connect and the External
 * Secrets Operator with one store for the cluster's own 1Password vault, and
 * journal. Everything that differs between `ci` and `production` is a value
 * of {@link OneServerSettings}, given in each `cluster.ts`.
 */
import {
  certManager,
  externalSecretsOperator,
  install,
  localPathStorage,
  onePasswordConnect,
  onePasswordConnectHost,
  onePasswordSecretStore,
  traefik,
} from "@typed-gitops/catalog";
import type { ApiObject, ComponentOutput } from "@typed-gitops/lib";
import { journal } from "../../apps/journal/journal.ts";
import { connectPolicies } from "./network-policies.ts";

/** The namespaces of the platform. */
export const NAMESPACES = { traefik: "traefik", onePassword: "onepassword", externalSecrets: "external-secrets", journal: "journal" } as const;

/** The port of 1Password Connect's API on its Service. */
const CONNECT_API_PORT = 8080;

/** The Secrets in 1Password Connect's namespace that the cluster supplies from SOPS, by name. */
export const CONNECT_SECRETS = {
  /** `1password-credentials.json`: the Connect server's credentials file, base64-encoded once more (the chart's format). */
  credentials: { name: "op-credentials", key: "1password-credentials.json" },
  /** `token`: the Connect access token the External Secrets Operator presents. */
  token: { name: "onepassword-token", key: "token" },
} as const;

/** What differs between the clusters. */
export interface OneServerSettings {
  /** The environment, `ci` or `production`: the telemetry's `deployment.environment`. */
  readonly environment: "ci" | "production";
  /** journal's public host name. */
  readonly host: string;
  /** The journal image tag, from the cluster's images.yaml. */
  readonly tag: string;
  /**
   * The 1Password vault this cluster reads, and only this one: its Connect
   * server and token have access to it alone.
   */
  readonly onePasswordVault: string;
  /**
   * The SOPS-encrypted Secrets `op-credentials` and `onepassword-token` in
   * the `onepassword` namespace, encrypted for this cluster's age key only.
   */
  readonly connectSecrets: readonly ApiObject[];
  /** The contact address of the Let's Encrypt account. */
  readonly acmeEmail: string;
  /** The S3-compatible bucket for uploads (its keys are in 1Password). */
  readonly objectStorage: { readonly endpoint: string; readonly bucket: string; readonly region: string };
}

/** The components of one server, keyed by folder. */
export function oneServerPlatform(settings: OneServerSettings): Record<string, ComponentOutput> {
  // HTTP-01 through Traefik: the server answers on 80 and 443 anyway, and no DNS API token is needed.
  const certificates = certManager({ letsEncrypt: { email: settings.acmeEmail, http01: { ingressClassName: "traefik" } } });
  const app = journal({
    tag: settings.tag,
    expose: { host: settings.host, via: "traefik", tls: { issuer: certificates.issuers.production } },
    env: {
      S3_ENDPOINT: settings.objectStorage.endpoint,
      S3_BUCKET: settings.objectStorage.bucket,
      S3_REGION: settings.objectStorage.region,
      OTEL_RESOURCE_ATTRIBUTES: `deployment.environment=${settings.environment}`,
    },
  });
  return {
    ...install(
      // The database's volume outlives its claim: a pruned or renamed app does not delete the data.
      localPathStorage({ retainClass: { name: "local-path-retain" } }),
      // k3s's ServiceLB binds the LoadBalancer's ports 80 and 443 on the node.
      traefik({ namespace: NAMESPACES.traefik, service: { type: "LoadBalancer" } }),
      certificates,
      onePasswordConnect({ namespace: NAMESPACES.onePassword, credentialsSecret: CONNECT_SECRETS.credentials }),
      externalSecretsOperator({
        namespace: NAMESPACES.externalSecrets,
        stores: [
          onePasswordSecretStore({
            name: "onepassword",
            connectHost: onePasswordConnectHost(NAMESPACES.onePassword),
            vaults: { [settings.onePasswordVault]: 1 },
            tokenSecret: { ...CONNECT_SECRETS.token, namespace: NAMESPACES.onePassword },
          }),
        ],
      }),
      app,
    ),
    // The only SOPS documents of the cluster: what 1Password cannot hand over itself.
    "infrastructure/controllers/onepassword-credentials": settings.connectSecrets,
    "infrastructure/controllers/network-policies": connectPolicies(NAMESPACES.onePassword, NAMESPACES.externalSecrets, CONNECT_API_PORT),
  };
}
