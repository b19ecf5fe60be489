/**
 * The content service: posts and their media. Posts live in the
 * environment's Postgres (database `content`); uploaded images go to an
 * EFS-backed ReadWriteMany volume that every replica mounts.
 */
import { defineApp } from "@typed-gitops/catalog";
import { SERVICE_PORT } from "../blog/call-graph.ts";

/** Where the media volume is mounted. */
export const MEDIA_PATH = "/var/lib/blog/media";

/** The content service, defined once; each environment sets its database, media volume size and wiring. */
export const content = defineApp({
  name: "content",
  image: "ghcr.io/example-org/blog-content:3.2.0",
  port: SERVICE_PORT,
  probes: { readiness: "/readyz", liveness: "/healthz" },
  resources: { cpu: "200m", memory: "256Mi" },
  createNamespace: false,
  mesh: "istio",
  env: { PORT: String(SERVICE_PORT), MEDIA_DIR: MEDIA_PATH },
});
