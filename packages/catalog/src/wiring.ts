/**
 * The props by which components wire into each other: "certificate from
 * issuer X", "protect with Authentik", "metrics scraped by Prometheus",
 * "secret from store Y". Each is one small, validated object, so wiring is
 * a prop and never copy-paste.
 */
import { namespaceName, objectName } from "@typed-gitops/lib";
import { z } from "zod";

/** A cert-manager issuer that signs a component's certificates. */
export const issuerRefSchema = z
  .object({
    name: objectName().describe("The issuer's name, e.g. letsencrypt-production."),
    kind: z.enum(["ClusterIssuer", "Issuer"]).default("ClusterIssuer").describe("ClusterIssuer (any namespace) or Issuer (the component's namespace). Default: ClusterIssuer."),
  })
  .strict()
  .describe("The cert-manager issuer that signs the certificate.");

/** The input of {@link issuerRefSchema}. */
export type IssuerRef = z.input<typeof issuerRefSchema>;

/** A Traefik Middleware, such as the Authentik ForwardAuth one, that a route goes through. */
export const middlewareRefSchema = z
  .object({
    name: objectName().describe("The Middleware's name."),
    namespace: namespaceName().describe("The Middleware's namespace."),
    bypass: z
      .array(
        z
          .object({
            pathPrefix: z.string().startsWith("/").describe("The path prefix, e.g. /outpost.goauthentik.io/."),
            service: z
              .object({
                name: objectName().describe("The Service's name."),
                namespace: namespaceName().describe("The Service's namespace."),
                port: z.number().int().min(1).max(65535).describe("The Service's port."),
              })
              .strict()
              .describe("Where requests under the prefix go."),
          })
          .strict(),
      )
      .optional()
      .describe("Paths of every protected host that must skip the middleware and reach a service of its own, such as authentik's outpost (login callback and sign-out). Routes render them as extra rules. Default: none."),
  })
  .strict()
  .describe("A Traefik Middleware (e.g. authentik's forwardAuth) that requests pass through.");

/** The input of {@link middlewareRefSchema}. */
export type MiddlewareRef = z.input<typeof middlewareRefSchema>;

/** An External Secrets store that a component's Secrets are read from. */
export const secretStoreRefSchema = z
  .object({
    name: objectName().describe("The store's name."),
    kind: z.enum(["ClusterSecretStore", "SecretStore"]).default("ClusterSecretStore").describe("ClusterSecretStore or SecretStore (in the component's namespace). Default: ClusterSecretStore."),
  })
  .strict()
  .describe("The External Secrets store the values come from.");

/** The input of {@link secretStoreRefSchema}. */
export type SecretStoreRef = z.input<typeof secretStoreRefSchema>;

/** Whether and how Prometheus (the prometheus-operator) scrapes a component's metrics. */
export const metricsSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Whether a ServiceMonitor (or PodMonitor) is rendered for the component. Default: true."),
    interval: z
      .string()
      .regex(/^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/, "expected a Prometheus duration such as 30s or 1m")
      .default("30s")
      .describe("How often Prometheus scrapes. Default: 30s."),
    labels: z.record(z.string(), z.string()).default({}).describe("Extra labels on the ServiceMonitor, for a Prometheus whose serviceMonitorSelector needs them. Default: none."),
  })
  .strict()
  .describe("Metrics scraped by Prometheus through the prometheus-operator. Default: off.");

/** The input of {@link metricsSchema}. */
export type MetricsInput = z.input<typeof metricsSchema>;

/** The parsed form of {@link metricsSchema}. */
export type Metrics = z.output<typeof metricsSchema>;
