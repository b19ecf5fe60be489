/**
 * The blog's frontend: server-rendered pages built from the user, content
 * and comment services. The only service reachable from outside, through
 * the Istio ingress gateway, and released as an Argo Rollouts canary whose
 * weight Istio shifts and whose success rate Prometheus measures from the
 * sidecars' own request metrics.
 */
import { defineApp } from "@typed-gitops/catalog";
import { SERVICE_PORT } from "../blog/call-graph.ts";

/** The ratio of requests matching `response` to all requests that reach the canary Service, as the receiving sidecars report them. */
const canaryRequests = (response: string) =>
  `sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="{{args.namespace}}",destination_service_name="{{args.service}}-canary"${response}}[2m]))`;

/**
 * The canary's success rate: the share of non-5xx responses among the
 * requests routed to `<service>-canary`, from `istio_requests_total`. No
 * traffic yet gives NaN, which the analysis does not count as a failure.
 */
export const CANARY_SUCCESS_RATE_QUERY = `${canaryRequests(',response_code!~"5.."')} / ${canaryRequests("")}`;

/**
 * The frontend, defined once; each environment sets its namespace,
 * wiring, replicas, host and tag (see `blogEnvironment`).
 */
export const frontend = defineApp({
  name: "frontend",
  image: "ghcr.io/example-org/blog-frontend:2.4.1",
  port: SERVICE_PORT,
  probes: { readiness: "/readyz", liveness: "/healthz" },
  resources: { cpu: "200m", memory: "256Mi" },
  createNamespace: false,
  mesh: "istio",
  workload: {
    kind: "Rollout",
    trafficRouting: "istio",
    steps: [{ setWeight: 10 }, { pause: "2m" }, { analysis: true }, { setWeight: 30 }, { pause: "5m" }, { analysis: true }, { setWeight: 60 }, { pause: "5m" }, { setWeight: 100 }],
    analysis: { query: CANARY_SUCCESS_RATE_QUERY, successRate: 0.99, interval: "1m", count: 5, failureLimit: 1 },
  },
  expose: { host: "blog.example.org", via: "istio" },
  env: { PORT: String(SERVICE_PORT) },
});
