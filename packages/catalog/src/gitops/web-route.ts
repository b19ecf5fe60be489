/**
 * A web UI behind Traefik: an IngressRoute for one host, with TLS from a
 * cert-manager Certificate signed by the given issuer, optionally behind a
 * Traefik Middleware such as Authentik's ForwardAuth. Argo CD and the Argo
 * Rollouts dashboard are published this way.
 */
import { dns1123SubdomainProblem, type ApiObject } from "@typed-gitops/lib";
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { z } from "zod";
import type { issuerRefSchema, MiddlewareRef } from "../wiring.ts";

/** A host name routed by Traefik: a DNS-1123 subdomain such as `argocd.example.com`. */
export function hostName(): z.ZodString {
  return z.string().superRefine((value, ctx) => {
    const problem = dns1123SubdomainProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem.replace("DNS-1123 subdomain", "host name") });
  });
}

/** A Traefik entry point name, such as `websecure`. */
export const entryPointSchema = z
  .string()
  .regex(/^[A-Za-z0-9][-A-Za-z0-9_]*$/, "expected a Traefik entry point name such as websecure")
  .default("websecure")
  .describe("The Traefik entry point that serves the host. Default: websecure.");

/** The parsed issuer of a route's certificate. */
type Issuer = z.output<typeof issuerRefSchema>;

/** One backend route of a {@link webRoute}. */
export interface WebRouteService {
  /** The Service's name, in the route's namespace. */
  readonly name: string;
  /** The Service port: a number or its name. */
  readonly port: number | string;
  /** `h2c` for cleartext HTTP/2 (gRPC) backends. @default Traefik's http */
  readonly scheme?: "h2c";
  /** An extra matcher ANDed to the host, e.g. a gRPC content-type header. @default none */
  readonly extraMatch?: string;
  /** The route's priority; higher wins. @default Traefik's (the rule's length) */
  readonly priority?: number;
}

/** What {@link webRoute} publishes. */
export interface WebRouteInput {
  /** The name of the IngressRoute, and of the Certificate and its Secret (`<name>-tls`). */
  readonly name: string;
  /** The namespace of the routed Services. */
  readonly namespace: string;
  /** The host name. */
  readonly host: string;
  /** The Traefik entry point. */
  readonly entryPoint: string;
  /** The routes, in order; the first one is the UI. */
  readonly services: readonly WebRouteService[];
  /** The issuer that signs the certificate. @default none: Traefik's default certificate */
  readonly issuer?: Issuer;
  /** A Middleware every route goes through. @default none */
  readonly protect?: MiddlewareRef;
}

/**
 * Returns the IngressRoute of a host and, when an issuer is given, the
 * Certificate whose Secret it serves; both go to the configs layer.
 */
export function webRoute(input: WebRouteInput): ApiObject[] {
  const secretName = `${input.name}-tls`;
  const middlewares = input.protect === undefined ? undefined : [{ name: input.protect.name, namespace: input.protect.namespace }];
  const objects: ApiObject[] = [];
  if (input.issuer !== undefined) {
    objects.push(
      new Certificate({
        metadata: { name: input.name, namespace: input.namespace },
        spec: { secretName, dnsNames: [input.host], issuerRef: { name: input.issuer.name, kind: input.issuer.kind, group: "cert-manager.io" } },
      }),
    );
  }
  objects.push(
    new IngressRoute({
      metadata: { name: input.name, namespace: input.namespace },
      spec: {
        entryPoints: [input.entryPoint],
        routes: input.services.map((service) => ({
          kind: "Rule" as const,
          match: service.extraMatch === undefined ? `Host(\`${input.host}\`)` : `Host(\`${input.host}\`) && ${service.extraMatch}`,
          ...(service.priority === undefined ? {} : { priority: service.priority }),
          ...(middlewares === undefined ? {} : { middlewares }),
          services: [{ name: service.name, port: service.port, ...(service.scheme === undefined ? {} : { scheme: service.scheme }) }],
        })),
        tls: input.issuer === undefined ? {} : { secretName },
      },
    }),
  );
  return objects;
}

