/**
 * The NetworkPolicy of a CrunchyData Postgres cluster that lives in an
 * app's default-deny namespace: its pods (instances, repository host,
 * backup jobs) talk to each other, answer the app, the operator and
 * Prometheus, and reach DNS, the API server (Patroni keeps its leader lock
 * there) and, for S3 backups, object storage.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { POSTGRES_PORT } from "@typed-gitops/catalog";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyEgressRule } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule";
import type { INetworkPolicyIngressRule } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule";
import { z } from "zod";

/** The label PGO puts on every pod of a cluster. */
export const PGO_CLUSTER_LABEL = "postgres-operator.crunchydata.com/cluster";

/** The port of PGO's Postgres exporter sidecar. */
export const PGO_EXPORTER_PORT = 9187;

const NAMESPACE_NAME = "kubernetes.io/metadata.name";

/** The props of {@link postgresNetworkPolicy}. */
export const postgresNetworkPolicyProps = z
  .object({
    cluster: objectName().describe("The PostgresCluster's name."),
    namespace: namespaceName().describe("Its namespace."),
    clients: z.array(z.string().min(1)).min(1).describe("The app.kubernetes.io/name of the pods in the namespace that connect on 5432."),
    operatorNamespace: namespaceName().default("postgres-operator").describe("The namespace of PGO, which manages the pods through Patroni's API and pgBackRest. Default: postgres-operator."),
    prometheusNamespace: namespaceName().optional().describe("The namespace of Prometheus, which scrapes the exporter sidecar. Default: none (no metrics)."),
    apiServer: z
      .object({ cidr: z.string().min(1).describe("The API server's address range."), port: z.number().int().min(1).max(65535).describe("Its port.") })
      .strict()
      .describe("The API server, where Patroni keeps the leader lock."),
    objectStorage: z
      .object({ cidr: z.string().min(1).describe("The address range of the S3 endpoint."), port: z.number().int().min(1).max(65535).default(443).describe("Its port. Default: 443.") })
      .strict()
      .optional()
      .describe("The S3 endpoint backups go to. Default: none (backups on a volume)."),
  })
  .strict();

/** The input of {@link postgresNetworkPolicy}. */
export type PostgresNetworkPolicyInput = z.input<typeof postgresNetworkPolicyProps>;

/**
 * Renders the NetworkPolicy `<cluster>-postgres` that selects every pod of
 * the PostgresCluster.
 *
 * @throws {UserError} naming every invalid prop.
 */
export function postgresNetworkPolicy(input: PostgresNetworkPolicyInput): NetworkPolicy {
  const props = parseProps(postgresNetworkPolicyProps, input, "postgresNetworkPolicy");
  const ownPods = { podSelector: { matchLabels: { [PGO_CLUSTER_LABEL]: props.cluster } } };
  const ingress: INetworkPolicyIngressRule[] = [
    { from: [ownPods] },
    { from: props.clients.map((app) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": app } } })), ports: [{ protocol: "TCP", port: POSTGRES_PORT }] },
    { from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: props.operatorNamespace } } }] },
  ];
  if (props.prometheusNamespace !== undefined) {
    ingress.push({ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: props.prometheusNamespace } } }], ports: [{ protocol: "TCP", port: PGO_EXPORTER_PORT }] });
  }
  const egress: INetworkPolicyEgressRule[] = [
    {
      to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
      ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ],
    },
    { to: [ownPods] },
    { to: [{ ipBlock: { cidr: props.apiServer.cidr } }], ports: [{ protocol: "TCP", port: props.apiServer.port }] },
  ];
  if (props.objectStorage !== undefined) egress.push({ to: [{ ipBlock: { cidr: props.objectStorage.cidr } }], ports: [{ protocol: "TCP", port: props.objectStorage.port }] });
  return new NetworkPolicy({
    metadata: { name: `${props.cluster}-postgres`, namespace: props.namespace, labels: { [PGO_CLUSTER_LABEL]: props.cluster } },
    spec: { podSelector: { matchLabels: { [PGO_CLUSTER_LABEL]: props.cluster } }, policyTypes: ["Ingress", "Egress"], ingress, egress },
  });
}
