/**
 * The production cluster: a small k3s (or any) cluster at home or on a VPS,
 * reconciled by Argo CD as an app-of-apps, reached through Traefik on
 * example.org with a wildcard Let's Encrypt certificate, every admin UI
 * behind Authentik. Every value that is specific to this cluster is here.
 */
import { install } from "@typed-gitops/catalog";
import { defineCluster, sealedSecretObject } from "@typed-gitops/lib";
import { demo } from "../../apps/demo/demo.ts";
import { fluxHelm } from "../../infrastructure/flux-helm/flux-helm.ts";
import { platform } from "../../infrastructure/platform/platform.ts";

// Argo CD cannot decrypt SOPS without a plugin, so every credential of this
// cluster is a SealedSecret: ./sealed/<name>.yaml, sealed offline with
// `pnpm exec typed-gitops secrets seal` against ./sealed-secrets.pem, the
// public certificate of this cluster's controller. On a real cluster that file
// is fetched once the controller has started (see the README); the one
// committed here is a self-signed stand-in whose private key was thrown away.
const sealed = (name: string) => sealedSecretObject(new URL(`./sealed/${name}.yaml`, import.meta.url));

const edge = platform({
  zone: "example.org",
  acmeEmail: "ops@example.org",
  issuer: "production",
  traefikReplicas: 2,
  sealed: {
    certManagerToken: sealed("cloudflare-api-token"),
    ddnsToken: sealed("cloudflare-ddns-token"),
    authentikCredentials: sealed("authentik-credentials"),
    authentikPostgresql: sealed("authentik-postgresql"),
  },
});

export default defineCluster({
  name: "production",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "argocd",
    repository: { url: "https://github.com/example-org/homelab.git", branch: "main" },
  },
  components: install(
    fluxHelm(),
    ...edge.components,
    ...demo({ zone: "example.org", issuer: edge.issuer, protect: edge.sso.forwardAuth, replicas: 2 }),
  ),
});
