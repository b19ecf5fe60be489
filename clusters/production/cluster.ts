/**
 * The production cluster. Every difference from staging is a value here.
 */
import { defineCluster, imageRef, readImageTags, sealedSecretObject, sopsSecretObject } from "@typed-gitops/lib";
import { podinfo } from "../../apps/podinfo/podinfo.ts";
import { externalSecrets } from "../../infrastructure/external-secrets/external-secrets.ts";
import { vaultSecretStore } from "../../infrastructure/external-secrets/secret-stores.ts";
import { sealedSecrets } from "../../infrastructure/sealed-secrets/sealed-secrets.ts";

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
  name: "production",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/platform.git", branch: "main", secretName: "flux-system" },
    layers: { interval: "10m" },
  },
  secrets: { sops: { ageRecipients: ["age1kuy922uncvk5wn0z8ftwgwzu4nrjezp486twkum7447403dn8a7qc4p0u2"] } },
  components: {
    "infrastructure/controllers/sealed-secrets": sealedSecrets(),
    "infrastructure/controllers/external-secrets": externalSecrets(),
    "infrastructure/configs/secret-stores": vaultSecretStore({ server: "https://vault.example.org" }),
    "apps/podinfo": podinfo({
      image: imageRef(images, "podinfo"),
      tokenSecret: "podinfo-token",
      envSecrets: ["podinfo-webhook"],
      externalSecret: { store: "vault", key: "podinfo/database", property: "password" },
      host: "podinfo.example.org",
      clusterIssuer: "letsencrypt-production",
      replicas: 3,
      maxReplicas: 10,
      message: "Hello from production",
      resources: { cpu: "250m", memory: "128Mi" },
    }),
    "apps/podinfo-secrets": [
      sopsSecretObject(new URL("./secrets/podinfo-token.sops.yaml", import.meta.url)),
      sealedSecretObject(new URL("./sealed/podinfo-webhook.yaml", import.meta.url)),
    ],
  },
});
