/**
 * A data component's web UI behind Traefik (MinIO's console): an
 * IngressRoute for one host, TLS from a cert-manager Certificate, optional
 * Middlewares (such as authentik's ForwardAuth) and, for a backend that
 * serves HTTPS itself, a ServersTransport that trusts its CA.
 */
import type { ApiObject } from "@typed-gitops/lib";
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { ServersTransport } from "@kubernetes-models/traefik/traefik.io/v1alpha1/ServersTransport";
import { z } from "zod";
import { issuerRefSchema, middlewareRefSchema } from "../wiring.ts";
import { entryPointSchema, hostNameSchema } from "./props.ts";

/** The props of a route to a web UI. */
export const webRouteSchema = z
  .object({
    host: hostNameSchema.describe("The public host name, e.g. minio.example.com."),
    entryPoint: entryPointSchema,
    issuerRef: issuerRefSchema
      .optional()
      .describe("The cert-manager issuer of the host's certificate (a Certificate `<name>-route-tls` is rendered). Default: none, Traefik's default certificate."),
    middlewares: z
      .array(middlewareRefSchema)
      .default([])
      .describe("Traefik Middlewares every request passes through, in order, e.g. authentik's ForwardAuth. Default: none."),
  })
  .strict();

/** The input of {@link webRouteSchema}. */
export type WebRouteInput = z.input<typeof webRouteSchema>;

/** What {@link webRouteObjects} routes to. */
export interface WebRouteTarget {
  /** The name of the IngressRoute, Certificate (`<name>-route-tls` Secret) and ServersTransport. */
  readonly name: string;
  /** The namespace of the objects and of the Service. */
  readonly namespace: string;
  /** The Service's name. */
  readonly service: string;
  /** The Service's port. */
  readonly port: number;
  /** The backend's own TLS: the Secret with its CA (`ca.crt`) and the name its certificate is for. @default plain HTTP */
  readonly backendTls?: { readonly caSecret: string; readonly serverName: string };
}

/**
 * The IngressRoute of a host and, when an issuer is given, the Certificate
 * whose Secret it serves; with backend TLS, the ServersTransport too. All
 * belong to the configs layer.
 */
export function webRouteObjects(route: z.output<typeof webRouteSchema>, target: WebRouteTarget): ApiObject[] {
  const objects: ApiObject[] = [];
  const secretName = `${target.name}-route-tls`;
  if (route.issuerRef !== undefined) {
    objects.push(
      new Certificate({
        metadata: { name: `${target.name}-route`, namespace: target.namespace },
        spec: { secretName, dnsNames: [route.host], issuerRef: { group: "cert-manager.io", kind: route.issuerRef.kind, name: route.issuerRef.name } },
      }),
    );
  }
  if (target.backendTls !== undefined) {
    objects.push(
      new ServersTransport({
        metadata: { name: target.name, namespace: target.namespace },
        spec: { serverName: target.backendTls.serverName, rootCAs: [{ secret: target.backendTls.caSecret }] },
      }),
    );
  }
  objects.push(
    new IngressRoute({
      metadata: { name: target.name, namespace: target.namespace },
      spec: {
        entryPoints: [route.entryPoint],
        routes: [
          {
            kind: "Rule",
            match: `Host(\`${route.host}\`)`,
            ...(route.middlewares.length === 0 ? {} : { middlewares: route.middlewares.map((ref) => ({ name: ref.name, namespace: ref.namespace })) }),
            services: [
              {
                kind: "Service",
                name: target.service,
                port: target.port,
                ...(target.backendTls === undefined ? {} : { scheme: "https", serversTransport: target.name }),
              },
            ],
          },
        ],
        ...(route.issuerRef === undefined ? {} : { tls: { secretName } }),
      },
    }),
  );
  return objects;
}
