/**
 * journal, the product: one web process with its SQLite database on a
 * persistent volume and its uploads in S3-compatible object storage outside
 * the server. Every runtime secret (the key that signs sessions, the object
 * storage keys, the telemetry endpoint and its token) comes from 1Password
 * through External Secrets; the cluster decides which 1Password vault.
 */
import { defineApp, type SecretStoreRef } from "@typed-gitops/catalog";

/** The ClusterSecretStore every cluster of this repository names `onepassword`, each reading its own vault. */
export const ONEPASSWORD_STORE: SecretStoreRef = { name: "onepassword", kind: "ClusterSecretStore" };

/** Where the SQLite database lives, on the app's persistent volume. */
export const DATA_DIR = "/var/lib/journal";

/** The 1Password items the app's Secrets are read from, in the cluster's vault; each field becomes one variable. */
export const ONEPASSWORD_ITEMS = {
  /** The key that signs session cookies. */
  app: { item: "journal-app", fields: { SECRET_KEY_BASE: "secret-key-base" } },
  /** The object storage credentials (an access key scoped to the cluster's bucket). */
  objectStorage: { item: "journal-object-storage", fields: { S3_ACCESS_KEY_ID: "access-key-id", S3_SECRET_ACCESS_KEY: "secret-access-key" } },
  /** The OpenTelemetry collector: its OTLP/HTTP endpoint and the Authorization header carrying its token. */
  telemetry: { item: "journal-telemetry", fields: { OTEL_EXPORTER_OTLP_ENDPOINT: "endpoint", OTEL_EXPORTER_OTLP_HEADERS: "headers" } },
} as const;

/** One ExternalSecret per 1Password item, named `journal-<item key>`. */
function externalSecretsOf(store: SecretStoreRef) {
  return Object.entries(ONEPASSWORD_ITEMS).map(([key, { item, fields }]) => ({
    name: `journal-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`,
    store,
    refreshInterval: "1h",
    data: Object.entries(fields).map(([variable, field]) => ({ secretKey: variable, key: item, property: field })),
  }));
}

const externalSecrets = externalSecretsOf(ONEPASSWORD_STORE);

/** journal, defined once; each cluster sets its host, issuer, tag and object storage. */
export const journal = defineApp({
  name: "journal",
  image: "ghcr.io/example-org/journal:1.8.0",
  port: 8080,
  probes: { readiness: "/healthz/ready", liveness: "/healthz/live" },
  // SQLite has one writer: one replica, and (ReadWriteOnce) the Recreate strategy.
  replicas: 1,
  resources: { cpu: "100m", memory: "256Mi" },
  volumes: [{ name: "data", mountPath: DATA_DIR, size: "10Gi", storageClassName: "local-path-retain" }],
  env: {
    DATABASE_URL: `sqlite://${DATA_DIR}/journal.sqlite3`,
    OTEL_SERVICE_NAME: "journal",
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
  },
  externalSecrets,
  envFromSecrets: externalSecrets.map((secret) => secret.name),
  // The object storage and the telemetry collector are HTTPS services outside the server.
  egressCidrs: [
    { cidr: "0.0.0.0/0", port: 443 },
    { cidr: "::/0", port: 443 },
  ],
  expose: { host: "journal.example.org", via: "traefik", tls: { issuer: { name: "letsencrypt-production" } } },
});
