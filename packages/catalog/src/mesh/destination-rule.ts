/**
 * The Istio DestinationRule (`networking.istio.io/v1`): how sidecars talk
 * to a service once routing chose it: mutual TLS, subsets by pod labels
 * (the versions a VirtualService splits traffic between), load balancing,
 * connection limits and outlier detection.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { DestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1/DestinationRule";
import { z } from "zod";
import { istioDuration, serviceHost, workloadSelector } from "./props.ts";

const count = z.number().int().min(1);

/** The props of {@link destinationRule}. */
export const destinationRuleProps = z
  .object({
    name: objectName().describe("The DestinationRule's name."),
    namespace: namespaceName().describe("Its namespace."),
    host: serviceHost.describe("The service it applies to, e.g. reviews or reviews.shop.svc.cluster.local."),
    tls: z.enum(["ISTIO_MUTUAL", "DISABLE"]).default("ISTIO_MUTUAL").describe("ISTIO_MUTUAL (mesh mutual TLS) or DISABLE (plaintext, for a service outside the mesh). Default: ISTIO_MUTUAL."),
    loadBalancer: z.enum(["ROUND_ROBIN", "LEAST_REQUEST", "RANDOM", "PASSTHROUGH"]).optional().describe("The load-balancing algorithm. Default: Istio's (LEAST_REQUEST)."),
    subsets: z
      .array(z.object({ name: objectName().describe("The subset's name, e.g. v1."), labels: workloadSelector.describe("The pod labels of the subset, e.g. { version: \"v1\" }.") }).strict())
      .default([])
      .describe("Named subsets of the service's pods. Default: none."),
    connectionPool: z
      .object({
        maxConnections: count.optional().describe("The most TCP connections to the service. Default: Istio's (unlimited)."),
        connectTimeout: istioDuration.optional().describe("The TCP connect timeout. Default: Istio's (10s)."),
        maxPendingRequests: count.optional().describe("The most requests waiting for a connection. Default: Istio's."),
        maxRequests: count.optional().describe("The most concurrent requests (HTTP/2). Default: Istio's."),
        maxRequestsPerConnection: count.optional().describe("Requests per connection before it is closed; 1 turns keep-alive off. Default: unlimited."),
        maxRetries: count.optional().describe("The most concurrent retries. Default: Istio's."),
        idleTimeout: istioDuration.optional().describe("How long an idle connection stays open. Default: 1h."),
      })
      .strict()
      .optional()
      .describe("Connection limits, the circuit breaker. Default: none."),
    outlierDetection: z
      .object({
        consecutive5xxErrors: count.default(5).describe("5xx responses in a row that eject an endpoint. Default: 5."),
        interval: istioDuration.default("10s").describe("How often endpoints are checked. Default: 10s."),
        baseEjectionTime: istioDuration.default("30s").describe("How long an ejection lasts at first. Default: 30s."),
        maxEjectionPercent: z.number().int().min(0).max(100).default(10).describe("The most endpoints ejected at once, in percent. Default: 10."),
      })
      .strict()
      .optional()
      .describe("Ejects failing endpoints from the pool for a while. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const seen = new Set<string>();
    props.subsets.forEach((subset, index) => {
      if (seen.has(subset.name)) ctx.addIssue({ code: "custom", path: ["subsets", index, "name"], message: `subset ${subset.name} is defined twice` });
      seen.add(subset.name);
      if (Object.keys(subset.labels).length === 0) ctx.addIssue({ code: "custom", path: ["subsets", index, "labels"], message: "name at least one label" });
    });
  });

/** The input of {@link destinationRule}. */
export type DestinationRuleInput = z.input<typeof destinationRuleProps>;

/**
 * Builds a DestinationRule with mesh mutual TLS by default.
 *
 * @example
 * destinationRule({ name: "api", namespace: "shop", host: "api", subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }] });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function destinationRule(input: DestinationRuleInput): DestinationRule {
  const props = parseProps(destinationRuleProps, input, "destinationRule");
  const pool = props.connectionPool;
  const tcp = pool === undefined ? {} : Object.fromEntries(Object.entries({ maxConnections: pool.maxConnections, connectTimeout: pool.connectTimeout }).filter(([, value]) => value !== undefined));
  const http =
    pool === undefined
      ? {}
      : Object.fromEntries(
          Object.entries({
            http1MaxPendingRequests: pool.maxPendingRequests,
            http2MaxRequests: pool.maxRequests,
            maxRequestsPerConnection: pool.maxRequestsPerConnection,
            maxRetries: pool.maxRetries,
            idleTimeout: pool.idleTimeout,
          }).filter(([, value]) => value !== undefined),
        );
  const connectionPool = { ...(Object.keys(tcp).length === 0 ? {} : { tcp }), ...(Object.keys(http).length === 0 ? {} : { http }) };
  return new DestinationRule({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      host: props.host,
      trafficPolicy: {
        tls: { mode: props.tls },
        ...(props.loadBalancer === undefined ? {} : { loadBalancer: { simple: props.loadBalancer } }),
        ...(Object.keys(connectionPool).length === 0 ? {} : { connectionPool }),
        ...(props.outlierDetection === undefined ? {} : { outlierDetection: props.outlierDetection }),
      },
      ...(props.subsets.length === 0 ? {} : { subsets: props.subsets.map((subset) => ({ name: subset.name, labels: subset.labels })) }),
    },
  });
}
