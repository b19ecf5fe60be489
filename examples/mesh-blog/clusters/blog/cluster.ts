/**
 * The blog cluster: an EKS cluster running the blog twice, as `production`
 * and `staging`, two namespaces of one Istio mesh. Everything that differs
 * between the two environments is a value in this file.
 *
 * Secrets are Sealed Secrets only: ./sealed/*.yaml, sealed offline against
 * ./sealed-secrets.pem, the public certificate of this cluster's controller
 * (`pnpm exec typed-gitops secrets seal blog/<name> …`). On a real cluster that file is
 * fetched once the controller has first started:
 *   kubeseal --fetch-cert --controller-namespace sealed-secrets --controller-name sealed-secrets-controller > clusters/blog/sealed-secrets.pem
 * (here it is a self-signed stand-in whose private key was thrown away; see the README).
 */
import {
  argoRollouts,
  awsEfsCsiDriver,
  certManager,
  clusterAutoscaler,
  install,
  istio,
  kubePrometheusStack,
  metricsServer,
  postgresOperator,
  sealedSecretsController,
} from "@typed-gitops/catalog";
import { defineCluster, sealedSecretObject } from "@typed-gitops/lib";
import { blogEnvironment } from "../../apps/blog/environment.ts";
import { ingressGateway } from "../../infrastructure/ingress-gateway/ingress-gateway.ts";
import { ebsStorageClass } from "../../infrastructure/storage/ebs-storage-class.ts";

/** The Istio release of the base, istiod, gateway and cni charts, which move together. */
// renovate: datasource=helm depName=istiod registryUrl=https://istio-release.storage.googleapis.com/charts
const ISTIO_VERSION = "1.30.3";

const AWS_ACCOUNT = "123456789012";
const AWS_REGION = "eu-west-1";
const role = (name: string) => `arn:aws:iam::${AWS_ACCOUNT}:role/${name}`;
const sealed = (name: string) => sealedSecretObject(new URL(`./sealed/${name}.yaml`, import.meta.url));

const certs = certManager({
  replicas: 2,
  metrics: {},
  letsEncrypt: {
    email: "platform@example.org",
    // The zone example.org is on Cloudflare: DNS-01 works before the gateway serves anything,
    // and is untouched by the gateway's HTTP → HTTPS redirect.
    cloudflare: { apiToken: { secretName: "cloudflare-api-token", key: "api-token" } },
  },
});
const postgres = postgresOperator({ replicas: 2 });
const monitoring = kubePrometheusStack({
  prometheus: { retention: "15d", storage: { size: "50Gi", storageClassName: "gp3" } },
  alertmanager: { enabled: false },
});
const efs = awsEfsCsiDriver({
  roleArn: role("blog-efs-csi-controller"),
  storageClass: { name: "efs", fileSystemId: "fs-0a1b2c3d4e5f60718", uid: 65532, gid: 65532, reclaimPolicy: "Retain" },
});

/** What the two environments share. */
const shared = { storage: { block: "gp3", shared: "efs" }, operatorNamespace: postgres.namespace, prometheusNamespace: "monitoring" } as const;

export default defineCluster({
  name: "blog",
  kubernetesVersion: "1.35",
  gitops: {
    engine: "flux",
    repository: { url: "ssh://git@github.com/example-org/mesh-blog.git", branch: "main", secretName: "flux-system" },
    layers: { interval: "10m", timeout: "10m" },
  },
  components: {
    ...install(
      sealedSecretsController({ metrics: {} }),
      certs,
      istio({
        version: ISTIO_VERSION,
        mtls: "STRICT",
        defaultDeny: true,
        pilot: { replicas: 2 },
        ingressGateway: {
          autoscale: { min: 2, max: 5 },
          // An internet-facing Network Load Balancer; Local keeps the clients' addresses in the access logs.
          service: { annotations: { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" }, externalTrafficPolicy: "Local" },
        },
        meshConfig: { accessLogFile: "/dev/stdout", accessLogEncoding: "JSON" },
        metrics: {},
      }),
      argoRollouts({ metrics: {} }),
      postgres,
      monitoring,
      metricsServer(),
      clusterAutoscaler({ kubernetesVersion: "1.35", clusterName: "blog", awsRegion: AWS_REGION, roleArn: role("blog-cluster-autoscaler"), balanceSimilarNodeGroups: true }),
      efs,
      ebsStorageClass(),
      ingressGateway({
        sites: [
          { certificate: "blog-production-tls", hosts: ["blog.example.org"], issuer: certs.issuers.production },
          { certificate: "blog-staging-tls", hosts: ["staging.blog.example.org"], issuer: certs.issuers.staging },
        ],
      }),
    ),
    // The DNS-01 solver's Cloudflare token, beside the ClusterIssuers that read it.
    "infrastructure/configs/cert-manager-credentials": [sealed("cloudflare-api-token")],

    ...blogEnvironment({
      ...shared,
      namespace: "production",
      host: "blog.example.org",
      oidc: { issuerUrl: "https://login.example.org/realms/blog", clientId: "blog-production", clientSecret: sealed("user-oidc-production") },
      database: { replicas: 2, storage: "50Gi", backups: { bucket: "example-org-blog-backups", region: AWS_REGION, credentials: sealed("blog-pgbackrest-s3") } },
      media: { size: "100Gi" },
      apps: {
        frontend: { tag: "2.4.1", replicas: 3, autoscaling: { maxReplicas: 12, cpuUtilization: 70 }, resources: { cpu: "300m", memory: "384Mi" } },
        user: { tag: "1.9.0", replicas: 3 },
        content: { tag: "3.2.0", replicas: 3, autoscaling: { maxReplicas: 8 } },
        comment: { tag: "1.4.3", replicas: 2 },
      },
    }),

    ...blogEnvironment({
      ...shared,
      namespace: "staging",
      host: "staging.blog.example.org",
      oidc: { issuerUrl: "https://login.example.org/realms/blog-staging", clientId: "blog-staging", clientSecret: sealed("user-oidc-staging") },
      database: { replicas: 1, storage: "10Gi" },
      media: { size: "10Gi" },
      apps: {
        // Staging runs the next release candidates, one replica each, and promotes faster.
        frontend: {
          tag: "2.5.0-rc.2",
          replicas: 1,
          workload: { kind: "Rollout", trafficRouting: "istio", steps: [{ setWeight: 50 }, { pause: "1m" }, { analysis: true }, { setWeight: 100 }] },
          env: { LOG_LEVEL: "debug" },
        },
        user: { tag: "1.10.0-rc.1", replicas: 1, env: { LOG_LEVEL: "debug" } },
        content: { tag: "3.3.0-rc.1", replicas: 1, env: { LOG_LEVEL: "debug" } },
        comment: { tag: "1.4.3", replicas: 1, env: { LOG_LEVEL: "debug" } },
      },
    }),
  },
});
