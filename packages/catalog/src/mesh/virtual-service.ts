/**
 * The Istio VirtualService (`networking.istio.io/v1`): how requests to a
 * host are routed, in the mesh or through a Gateway: matches on path,
 * headers and method, weighted destinations (subsets of a
 * DestinationRule), timeouts and retries.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1/VirtualService";
import { z } from "zod";
import { istioDuration, portNumber, serviceHost } from "./props.ts";

/** A string match: exactly one of exact, prefix or regex. */
const stringMatch = z
  .object({
    exact: z.string().optional().describe("Equal to. Default: none."),
    prefix: z.string().optional().describe("Starts with. Default: none."),
    regex: z.string().optional().describe("Matches the RE2 expression. Default: none."),
  })
  .strict()
  .refine((match) => [match.exact, match.prefix, match.regex].filter((value) => value !== undefined).length === 1, "give exactly one of exact, prefix or regex");

const matchSchema = z
  .object({
    uri: stringMatch.optional().describe("The request path. Default: any."),
    headers: z.record(z.string().regex(/^[-_A-Za-z0-9]+$/, "expected a header name"), stringMatch).optional().describe("Header name → match; all must match. Default: none."),
    method: z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"]).optional().describe("The HTTP method. Default: any."),
    port: portNumber.optional().describe("The port the request arrived on. Default: any."),
  })
  .strict();

const destinationSchema = z
  .object({
    host: serviceHost.describe("The destination service, e.g. reviews or reviews.shop.svc.cluster.local."),
    port: portNumber.optional().describe("The service port; needed when the service has several. Default: its only port."),
    subset: objectName().optional().describe("A subset of the host's DestinationRule. Default: every endpoint."),
    weight: z.number().int().min(0).max(100).optional().describe("The share of traffic, in percent; with several destinations the weights add up to 100. Default: all traffic (one destination)."),
  })
  .strict();

const httpRouteSchema = z
  .object({
    name: z.string().min(1).optional().describe("The route's name, shown in access logs. Default: none."),
    match: z.array(matchSchema).optional().describe("The matches, any of which selects the route. Default: every request."),
    route: z.array(destinationSchema).min(1, "name at least one destination").describe("Where matching requests go."),
    timeout: istioDuration.optional().describe("The request timeout, e.g. 10s. Default: none (Envoy's own)."),
    retries: z
      .object({
        attempts: z.number().int().min(0).describe("How many retries; 0 turns retries off."),
        perTryTimeout: istioDuration.optional().describe("The timeout of each try. Default: the route's timeout."),
        retryOn: z.string().min(1).optional().describe("The Envoy retry conditions, e.g. 5xx,reset,connect-failure. Default: Istio's."),
      })
      .strict()
      .optional()
      .describe("Retries of failed requests. Default: Istio's (2 attempts)."),
    rewriteUri: z.string().startsWith("/").optional().describe("Replaces the matched path or prefix before forwarding. Default: none."),
  })
  .strict()
  .superRefine((route, ctx) => {
    if (route.route.length < 2) return;
    const weights = route.route.map((destination) => destination.weight);
    if (weights.some((weight) => weight === undefined)) ctx.addIssue({ code: "custom", path: ["route"], message: "give every destination a weight when there are several" });
    else if (weights.reduce((sum, weight) => sum! + weight!, 0) !== 100) ctx.addIssue({ code: "custom", path: ["route"], message: `weights must add up to 100, got ${weights.reduce((sum, weight) => sum! + weight!, 0)}` });
  });

/** The props of {@link virtualService}. */
export const virtualServiceProps = z
  .object({
    name: objectName().describe("The VirtualService's name."),
    namespace: namespaceName().describe("Its namespace."),
    hosts: z.array(serviceHost).min(1, "name at least one host").describe("The hosts it routes: external names served by a Gateway, or mesh service names."),
    gateways: z
      .array(z.string().regex(/^(mesh|([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?)$/, "expected mesh or <namespace>/<gateway>"))
      .default([])
      .describe("The Gateways it binds to, as <namespace>/<name>; add mesh to also route sidecar traffic. Default: none (mesh only)."),
    http: z.array(httpRouteSchema).min(1, "name at least one route").describe("The HTTP routes, first match wins."),
  })
  .strict();

/** The input of {@link virtualService}. */
export type VirtualServiceInput = z.input<typeof virtualServiceProps>;

function match(value: z.output<typeof stringMatch>) {
  return value.exact !== undefined ? { exact: value.exact } : value.prefix !== undefined ? { prefix: value.prefix } : { regex: value.regex! };
}

/**
 * Builds a VirtualService of HTTP routes.
 *
 * @example
 * virtualService({
 *   name: "shop", namespace: "shop", hosts: ["shop.example.com"], gateways: ["istio-ingress/shop"],
 *   http: [{ match: [{ uri: { prefix: "/api" } }], route: [{ host: "api", subset: "v1", weight: 90 }, { host: "api", subset: "v2", weight: 10 }], timeout: "10s" }],
 * });
 * @throws {UserError} naming every invalid or unknown prop, and weights that do not add up to 100.
 */
export function virtualService(input: VirtualServiceInput): VirtualService {
  const props = parseProps(virtualServiceProps, input, "virtualService");
  return new VirtualService({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      hosts: props.hosts,
      ...(props.gateways.length === 0 ? {} : { gateways: props.gateways }),
      http: props.http.map((route) => ({
        ...(route.name === undefined ? {} : { name: route.name }),
        ...(route.match === undefined
          ? {}
          : {
              match: route.match.map((item) => ({
                ...(item.uri === undefined ? {} : { uri: match(item.uri) }),
                ...(item.headers === undefined ? {} : { headers: Object.fromEntries(Object.entries(item.headers).map(([name, value]) => [name.toLowerCase(), match(value)])) }),
                ...(item.method === undefined ? {} : { method: { exact: item.method } }),
                ...(item.port === undefined ? {} : { port: item.port }),
              })),
            }),
        route: route.route.map((destination) => ({
          destination: {
            host: destination.host,
            ...(destination.subset === undefined ? {} : { subset: destination.subset }),
            ...(destination.port === undefined ? {} : { port: { number: destination.port } }),
          },
          ...(destination.weight === undefined ? {} : { weight: destination.weight }),
        })),
        ...(route.rewriteUri === undefined ? {} : { rewrite: { uri: route.rewriteUri } }),
        ...(route.timeout === undefined ? {} : { timeout: route.timeout }),
        ...(route.retries === undefined ? {} : { retries: { attempts: route.retries.attempts, ...(route.retries.perTryTimeout === undefined ? {} : { perTryTimeout: route.retries.perTryTimeout }), ...(route.retries.retryOn === undefined ? {} : { retryOn: route.retries.retryOn }) } }),
      })),
    },
  });
}
