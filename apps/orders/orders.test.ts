/**
 * orders as a component: what goes to which layer, its database backups
 * either way, and the inputs it rejects.
 */
import { isUserError } from "@typed-gitops/lib";
import { kafkaCluster } from "@typed-gitops/catalog";
import { describe, expect, it } from "vitest";
import { orders, type OrdersInput } from "./orders.ts";

const events = kafkaCluster({ name: "events" });
const base: OrdersInput = {
  issuer: { name: "letsencrypt-staging" },
  kafka: events.ref,
  kafkaBootstrap: events.bootstrap.plain!,
  database: { replicas: 1, storageSize: "5Gi", backups: { type: "volume", size: "10Gi" }, fullBackupsKept: 1 },
  apiServer: { cidr: "10.0.0.0/28", port: 6443 },
};

/** The message of the UserError a call throws. */
function thrownMessage(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(isUserError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("expected the call to be rejected");
}

const kindsOf = (objects: readonly { kind: string }[] | undefined) => (objects ?? []).map((object) => object.kind).sort();

describe("orders", () => {
  it("puts its Kafka user in the configs layer and everything in its namespace in the apps layer", () => {
    const component = orders(base);
    expect(kindsOf(component.configs)).toEqual(["ExternalSecret", "KafkaUser"]);
    for (const object of component.apps ?? []) expect(object.kind === "Namespace" ? object.metadata?.name : object.metadata?.namespace, object.kind).toBe("orders");
    expect(kindsOf(component.apps)).toEqual(expect.arrayContaining(["Deployment", "PostgresCluster", "NetworkPolicy", "HorizontalPodAutoscaler", "ServiceMonitor", "PrometheusRule", "IngressRoute", "Certificate"]));
  });

  it("backs up to a volume without credentials, and to S3 with keys read from Vault as a pgBackRest config", () => {
    expect(orders(base).apps!.filter((object) => object.kind === "ExternalSecret").map((object) => object.metadata?.name)).toEqual(["orders-kafka-password"]);
    const s3 = orders({ ...base, database: { ...base.database, backups: { type: "s3", endpoint: "s3.eu-central-1.amazonaws.com", region: "eu-central-1", bucket: "backups", vaultKey: "orders/pgbackrest-s3" } } });
    const credentials = s3.apps!.find((object) => object.metadata?.name === "orders-db-pgbackrest-s3") as unknown as { spec: { target: { template: { data: Record<string, string> } } } };
    expect(Object.keys(credentials.spec.target.template.data)).toEqual(["s3.conf"]);
    const policy = s3.apps!.find((object) => object.metadata?.name === "orders-db-postgres") as unknown as { spec: { egress: { to: { ipBlock?: { cidr: string } }[] }[] } };
    expect(policy.spec.egress.flatMap((rule) => rule.to.map((peer) => peer.ipBlock?.cidr)).filter(Boolean)).toEqual(["10.0.0.0/28", "0.0.0.0/0"]);
  });

  it("rejects an unknown field and a database without replicas, naming both", () => {
    expect(thrownMessage(() => orders({ ...base, replicas: 2, database: { ...base.database, replicas: 0 } } as never))).toBe(
      ["orders: database.replicas: Too small: expected number to be >=1", `orders: unknown field "replicas"\n  hint: remove it, or check its spelling against the documented props`].join("\n"),
    );
  });
});
