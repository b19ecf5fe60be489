/**
 * The API behind the web app. It has its own public host (for the mobile
 * client) through the same tunnel, and takes in-cluster calls from web only.
 * Its credentials (a token for an upstream service and the key that signs
 * its own tokens) are read from Vault by External Secrets.
 */
import { defineApp } from "@typed-gitops/catalog";
import { podinfoCommand, podinfoDefaults, VAULT_STORE } from "../podinfo-defaults.ts";

/** The API's namespace, which web's egress policy names. */
export const API_NAMESPACE = "api";

/** The API, defined once; the cluster sets its host, tag and sizes. */
export const api = defineApp({
  name: "api",
  namespace: API_NAMESPACE,
  image: "ghcr.io/stefanprodan/podinfo:6.9.2",
  command: podinfoCommand(),
  ...podinfoDefaults,
  replicas: 1,
  resources: { cpu: "50m", memory: "64Mi" },
  expose: { host: "api.home.example.org", via: "ingress", ingressClassName: "nginx" },
  allowFrom: [{ namespace: "web", app: "web" }],
  // The upstream service the API calls over HTTPS, outside the cluster.
  egressCidrs: [{ cidr: "0.0.0.0/0", port: 443 }],
  externalSecrets: [
    {
      name: "api-credentials",
      store: VAULT_STORE,
      refreshInterval: "15m",
      data: [
        { secretKey: "UPSTREAM_TOKEN", key: "apps/api", property: "upstream-token" },
        { secretKey: "TOKEN_SIGNING_KEY", key: "apps/api", property: "token-signing-key" },
      ],
    },
  ],
  envFromSecrets: ["api-credentials"],
});
