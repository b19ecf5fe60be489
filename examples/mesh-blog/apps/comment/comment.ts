/**
 * The comment service: comments on posts, in the environment's Postgres
 * (database `comment`). It checks the commenter with the user service and
 * the post with the content service.
 */
import { defineApp } from "@typed-gitops/catalog";
import { SERVICE_PORT } from "../blog/call-graph.ts";

/** The comment service, defined once; each environment sets its database and wiring. */
export const comment = defineApp({
  name: "comment",
  image: "ghcr.io/example-org/blog-comment:1.4.3",
  port: SERVICE_PORT,
  probes: { readiness: "/readyz", liveness: "/healthz" },
  resources: { cpu: "100m", memory: "128Mi" },
  createNamespace: false,
  mesh: "istio",
  env: { PORT: String(SERVICE_PORT) },
});
