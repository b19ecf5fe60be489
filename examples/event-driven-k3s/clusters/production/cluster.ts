/**
 * The production cluster: three k3s nodes running an event-driven API —
 * a public gateway, a generation worker and an enrichment worker that talk
 * only through Kafka — reconciled by Flux from this repository, with
 * automated image updates, Prometheus alerting and SOPS-encrypted secrets.
 * Every value specific to this cluster is here.
 */
import { install } from "@typed-gitops/catalog";
import { defineCluster, imageRef, readImageTags, sopsSecretObject } from "@typed-gitops/lib";
import { pipeline } from "../../apps/pipeline/services.ts";
import { SERVICE_NAMES, type ServiceName } from "../../apps/pipeline/topology.ts";
import { edge } from "../../infrastructure/edge/edge.ts";
import { imageAutomation } from "../../infrastructure/image-automation/image-automation.ts";
import { eventBus, KAFKA_BROKER_POD_NAME, KAFKA_NAMESPACE } from "../../infrastructure/kafka/kafka.ts";
import { observability } from "../../infrastructure/observability/observability.ts";

const images = readImageTags(new URL("./images.yaml", import.meta.url));

// Secrets are SOPS-encrypted for the age recipient below (`pnpm exec typed-gitops
// secrets set production/<name> <key> --stdin`); Flux decrypts them with the
// private key in the flux-system Secret sops-age, created once at bootstrap.
const secret = (name: string) => sopsSecretObject(new URL(`./secrets/${name}.sops.yaml`, import.meta.url));
const perService = (name: (service: ServiceName) => string) =>
  Object.fromEntries(SERVICE_NAMES.map((service) => [service, secret(name(service))])) as Record<ServiceName, ReturnType<typeof secret>>;

const STORAGE_CLASS = "local-path"; // k3s' own provisioner

const front = edge({ acmeEmail: "ops@example.org", issuer: "production", traefikReplicas: 2 });
const bus = eventBus({
  nodes: 3,
  volumeSize: "20Gi",
  storageClass: STORAGE_CLASS,
  passwords: perService((service) => `kafka-user-${service}`),
});

export default defineCluster({
  name: "production",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/event-platform.git", branch: "main", secretName: "flux-system" },
    flux: {
      controllers: ["source-controller", "kustomize-controller", "helm-controller", "notification-controller", "image-reflector-controller", "image-automation-controller"],
    },
    // A cold k3s node pulls kube-prometheus-stack and brings up a Kafka quorum: give each layer time.
    layers: { timeout: "15m" },
  },
  secrets: { sops: { ageRecipients: ["age180u40p8gue488dmezatsmjqwrgtgrgj0k3tllepdt55tp9s4fa8quszdlc"] } },
  components: install(
    ...front.components,
    ...observability({
      clusterLabel: "production",
      storageClass: STORAGE_CLASS,
      eventNamespaces: [...SERVICE_NAMES, KAFKA_NAMESPACE],
      grafana: { host: "grafana.example.org", issuer: front.issuer },
      secrets: { alertmanager: secret("alertmanager-receivers"), grafanaAdmin: secret("grafana-admin") },
    }),
    ...bus.components,
    imageAutomation(images, {
      imagesFile: "./clusters/production/images.yaml",
      follow: { gateway: ">=1.4.0 <2.0.0", generation: ">=0.9.0 <1.0.0", enrichment: ">=2.3.0 <3.0.0" },
    }),
    ...pipeline({
      images: { gateway: imageRef(images, "gateway"), generation: imageRef(images, "generation"), enrichment: imageRef(images, "enrichment") },
      gatewayHost: "api.example.org",
      issuer: front.issuer,
      kafka: { bootstrap: bus.bootstrap.plain!, namespace: KAFKA_NAMESPACE, brokerPods: KAFKA_BROKER_POD_NAME, port: 9092 },
      passwords: perService((service) => `${service}-kafka`),
    }),
  ),
});
