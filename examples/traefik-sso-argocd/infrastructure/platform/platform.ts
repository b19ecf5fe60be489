/**
 * The platform of this example, composed from catalog components: Traefik
 * at the edge, cert-manager with Let's Encrypt over Cloudflare DNS-01,
 * Authentik in front of every admin UI, Argo CD itself, the Sealed Secrets
 * controller that turns the committed SealedSecrets into Secrets, and a
 * Cloudflare DDNS updater that keeps the zone pointed at the cluster.
 *
 * Every credential arrives as a SealedSecret, placed in the configs layer
 * of the component that reads it: the SealedSecret kind only exists once
 * the controllers layer has installed the controller and its CRD. For the
 * same reason Authentik, which brings no CRD but cannot start without its
 * sealed credentials, goes to the configs layer as a whole.
 */
import {
  argoCd,
  authentik,
  certManager,
  cloudflareDdns,
  sealedSecretsController,
  traefik,
  type AuthentikComponent,
  type Component,
  type KnownIssuerRef,
} from "@typed-gitops/catalog";
import { parseProps, type ApiObject } from "@typed-gitops/lib";
import { z } from "zod";

/** A SealedSecret made by `sealedSecretObject()`. */
const sealedSecret = () =>
  z.custom<ApiObject>(
    (value) => typeof value === "object" && value !== null && (value as ApiObject).kind === "SealedSecret",
    "expected a SealedSecret: sealedSecretObject(new URL(\"./sealed/<name>.yaml\", import.meta.url))",
  );

/** The names of the Secrets the SealedSecrets unseal to, and their keys. */
export const PLATFORM_SECRETS = {
  /** cert-manager's Cloudflare token (Zone:DNS:Edit), in cert-manager's namespace. */
  certManagerToken: { name: "cloudflare-api-token", key: "api-token" },
  /** The DDNS updater's Cloudflare token (Zone:DNS:Edit), in its own namespace. */
  ddnsToken: { name: "cloudflare-ddns-token", key: "api-token" },
  /** AUTHENTIK_SECRET_KEY and the akadmin bootstrap password, in authentik's namespace. */
  authentikCredentials: { name: "authentik-credentials" },
  /** The bundled PostgreSQL's passwords (`password`, `postgres-password`), in authentik's namespace. */
  authentikPostgresql: { name: "authentik-postgresql" },
} as const;

/** The props of {@link platform}. */
export const platformProps = z
  .object({
    zone: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/, "expected a DNS zone such as example.org")
      .describe("The Cloudflare zone every host is under: auth.<zone>, argocd.<zone>, traefik.<zone>."),
    acmeEmail: z.email().describe("The Let's Encrypt account's contact address."),
    issuer: z.enum(["staging", "production"]).default("production").describe("Which Let's Encrypt ClusterIssuer signs the platform's certificates. Default: production."),
    traefikReplicas: z.number().int().min(1).default(2).describe("Replicas of Traefik; two keep the edge up through a node drain. Default: 2."),
    sealed: z
      .object({
        certManagerToken: sealedSecret().describe(`The SealedSecret ${PLATFORM_SECRETS.certManagerToken.name} in cert-manager.`),
        ddnsToken: sealedSecret().describe(`The SealedSecret ${PLATFORM_SECRETS.ddnsToken.name} in cloudflare-ddns.`),
        authentikCredentials: sealedSecret().describe(`The SealedSecret ${PLATFORM_SECRETS.authentikCredentials.name} in authentik.`),
        authentikPostgresql: sealedSecret().describe(`The SealedSecret ${PLATFORM_SECRETS.authentikPostgresql.name} in authentik.`),
      })
      .strict()
      .describe("The cluster's SealedSecrets, sealed against its controller's certificate."),
  })
  .strict();

/** The input of {@link platform}. */
export type PlatformProps = z.input<typeof platformProps>;

/** What {@link platform} returns: its components, and the handles apps wire into. */
export interface Platform {
  /** The components, for `install(...)`. */
  readonly components: readonly Component[];
  /** The issuer of certificates (it solves DNS-01 for the zone, so wildcards too). */
  readonly issuer: KnownIssuerRef;
  /** Authentik, whose `forwardAuth` guards a route with one prop. */
  readonly sso: AuthentikComponent;
}

/** A component with more objects in its configs layer. */
function withConfigs(component: Component, ...objects: ApiObject[]): Component {
  return { ...component, configs: [...(component.configs ?? []), ...objects] };
}

/**
 * A component whose every object goes to the configs layer, with more
 * objects: for a chart that brings no CRD but cannot start without Secrets
 * that only the configs layer can hold (SealedSecrets need the controller's
 * CRD first). With its HelmRelease in the controllers layer, the release
 * would wait for Secrets that the next layer brings, and the controllers
 * layer would never turn healthy.
 */
function inConfigsLayer(component: Component, ...objects: ApiObject[]): Component {
  return { name: component.name, configs: [...(component.controllers ?? []), ...(component.configs ?? []), ...objects] };
}

/**
 * Argo CD's health check of an Application: the health its own status
 * reports. Argo CD dropped the built-in one in 1.8, so an app-of-apps moves
 * to the next sync wave without waiting for the layer before it; with this,
 * the root Application waits until each layer Application is Healthy (for
 * the controllers layer: every HelmRelease Ready, every CRD installed).
 */
export const APPLICATION_HEALTH_LUA = [
  "local health = { status = \"Progressing\", message = \"waiting for the Application's health\" }",
  "if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then",
  "  health.status = obj.status.health.status",
  "  health.message = obj.status.health.message or \"\"",
  "end",
  "return health",
  "",
].join("\n");

/**
 * The platform: sealed-secrets, cert-manager, Traefik (dashboard behind
 * Authentik), Authentik (server, worker, bundled PostgreSQL), Argo CD (UI
 * behind Authentik) and the Cloudflare DDNS updater for the zone's apex
 * and wildcard records.
 *
 * @throws {UserError} naming every invalid prop, here or in a component.
 */
export function platform(input: PlatformProps): Platform {
  const props = parseProps(platformProps, input, "platform");
  const { zone } = props;
  const certs = certManager({
    letsEncrypt: {
      email: props.acmeEmail,
      cloudflare: { apiToken: { secretName: PLATFORM_SECRETS.certManagerToken.name, key: PLATFORM_SECRETS.certManagerToken.key }, dnsZones: [zone] },
    },
    // Ask public resolvers whether the TXT record is there: a home network's resolver may answer for the zone itself.
    dns01RecursiveNameservers: ["1.1.1.1:53", "9.9.9.9:53"],
  });
  const issuer = certs.issuers[props.issuer];
  const sso = authentik({
    host: `auth.${zone}`,
    issuer,
    credentialsSecret: PLATFORM_SECRETS.authentikCredentials.name,
    postgresql: { mode: "bundled", passwordSecret: PLATFORM_SECRETS.authentikPostgresql.name, storageSize: "8Gi" },
  });
  const components: Component[] = [
    sealedSecretsController(),
    withConfigs(certs, props.sealed.certManagerToken),
    traefik({
      replicas: props.traefikReplicas,
      // Keep client addresses: the access log and Authentik see who is asking.
      service: { type: "LoadBalancer", externalTrafficPolicy: "Local" },
      dashboard: { host: `traefik.${zone}`, issuer, auth: { middleware: sso.forwardAuth } },
    }),
    inConfigsLayer(sso, props.sealed.authentikCredentials, props.sealed.authentikPostgresql),
    argoCd({
      host: `argocd.${zone}`,
      issuer,
      protect: sso.forwardAuth,
      values: { configs: { cm: { "resource.customizations.health.argoproj.io_Application": APPLICATION_HEALTH_LUA } } },
    }),
    withConfigs(
      cloudflareDdns({ zone, wildcard: true, tokenSecret: PLATFORM_SECRETS.ddnsToken.name, tokenKey: PLATFORM_SECRETS.ddnsToken.key }),
      props.sealed.ddnsToken,
    ),
  ];
  return { components, issuer, sso };
}
