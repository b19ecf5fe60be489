/**
 * The public web front end. Reached only through the Cloudflare tunnel and
 * ingress-nginx; it calls the API inside the cluster. Its one secret, the
 * key that signs session cookies, is read from Vault by External Secrets;
 * nothing about it is in git.
 */
import { defineApp } from "@typed-gitops/catalog";
import { podinfoCommand, podinfoDefaults, VAULT_STORE } from "../podinfo-defaults.ts";
import { API_NAMESPACE } from "../api/api.ts";

/** The web app, defined once; the cluster sets its host, tag and sizes. */
export const web = defineApp({
  name: "web",
  image: "ghcr.io/stefanprodan/podinfo:6.9.2",
  command: podinfoCommand("--ui-message=Served from the home cluster", `--backend-url=http://api.${API_NAMESPACE}.svc.cluster.local/echo`),
  ...podinfoDefaults,
  replicas: 1,
  resources: { cpu: "50m", memory: "64Mi" },
  // TLS ends at Cloudflare's edge; the tunnel carries the request to ingress-nginx over plain HTTP inside the node.
  expose: { host: "home.example.org", via: "ingress", ingressClassName: "nginx" },
  calls: [{ namespace: API_NAMESPACE, app: "api", port: podinfoDefaults.port }],
  externalSecrets: [
    {
      name: "web-session",
      store: VAULT_STORE,
      // secret/data/apps/web → property session-key (KV v2, mount "secret").
      data: [{ secretKey: "SESSION_KEY", key: "apps/web", property: "session-key" }],
    },
  ],
  secretEnv: { SESSION_KEY: { secret: "web-session", key: "SESSION_KEY" } },
});
