/**
 * The staging cluster: smaller, chattier, and one Kubernetes minor ahead of
 * production. Every difference from production is a value here.
 */
import { defineCluster, imageRef, readImageTags, sealedSecretObject, sopsSecretObject } from "@typed-gitops/lib";
import { podinfo } from "../../apps/podinfo/podinfo.ts";
import { externalSecrets } from "../../infrastructure/external-secrets/external-secrets.ts";
import { vaultSecretStore } from "../../infrastructure/external-secrets/secret-stores.ts";
import { sealedSecrets } from "../../infrastructure/sealed-secrets/sealed-secrets.ts";
import { imageAutomation } from "../../infrastructure/image-automation/image-automation.ts";

const images = readImageTags(new URL("./images.yaml", import.meta.url));

// Secrets reach this cluster three ways, none of them in plaintext:
// - SOPS: ./secrets/*.sops.yaml, encrypted for the age recipients below, decrypted by Flux
//   (`pnpm secrets set|edit`).
// - Sealed Secrets: ./sealed/*.yaml, sealed offline against ./sealed-secrets.pem, the public
//   certificate of this cluster's controller (`pnpm secrets seal`). On a real cluster that file
//   is fetched once the controller has first started and created its key:
//     kubeseal --fetch-cert --controller-namespace sealed-secrets --controller-name sealed-secrets-controller > clusters/<cluster>/sealed-secrets.pem
//   (here it is a self-signed stand-in whose private key was never kept; see the README).
// - External Secrets: values stay in Vault; ExternalSecrets name them and the operator writes the Secrets.

export default defineCluster({
  name: "staging",
  kubernetesVersion: "1.36",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/platform.git", branch: "main", secretName: "flux-system" },
    flux: { controllers: ["source-controller", "kustomize-controller", "helm-controller", "notification-controller", "image-reflector-controller", "image-automation-controller"] },
    layers: { interval: "5m" },
  },
  secrets: { sops: { ageRecipients: ["age1njnmpyv6fdgy0afge4kn9ckpn6t3ujzh5urhacveft5n3qu9gqwqpx2qty"] } },
  components: {
    "infrastructure/controllers/sealed-secrets": sealedSecrets(),
    "infrastructure/controllers/external-secrets": externalSecrets(),
    "infrastructure/configs/secret-stores": vaultSecretStore({ server: "https://vault.staging.example.org" }),
    "infrastructure/configs/image-automation": imageAutomation({
      imagesFile: "./clusters/staging/images.yaml",
      images: { podinfo: { image: "ghcr.io/stefanprodan/podinfo", semver: ">=6.9.0 <7.0.0" } },
    }),
    "apps/podinfo": podinfo({
      image: imageRef(images, "podinfo"),
      tokenSecret: "podinfo-token",
      envSecrets: ["podinfo-webhook"],
      externalSecret: { store: "vault", key: "podinfo/database", property: "password" },
      host: "podinfo.staging.example.org",
      clusterIssuer: "letsencrypt-staging",
      replicas: 1,
      maxReplicas: 2,
      message: "Hello from staging",
      logLevel: "debug",
    }),
    "apps/podinfo-secrets": [
      sopsSecretObject(new URL("./secrets/podinfo-token.sops.yaml", import.meta.url)),
      sealedSecretObject(new URL("./sealed/podinfo-webhook.yaml", import.meta.url)),
    ],
  },
});
