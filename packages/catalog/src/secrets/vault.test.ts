import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, itMatchesGoldenFiles, itRendersValidTrees, releaseValues } from "../../test/validate-components.ts";
import { VAULT_CHART } from "../versions.ts";
import { vault, type VaultProps } from "./vault.ts";

const richProps: VaultProps = {
  namespace: "secrets",
  version: "0.31.0",
  replicas: 5,
  storage: {
    type: "s3",
    endpoint: "http://minio.minio.svc:9000",
    bucket: "vault-data",
    region: "eu-central-1",
    credentialsSecret: { name: "vault-s3", accessKeyIdKey: "access-key", secretAccessKeyKey: "secret-key" },
    haStorage: { size: "2Gi", storageClass: "fast" },
  },
  tls: { secretName: "vault-tls" },
  telemetry: { prometheusRetentionTime: "1h", disableHostname: false },
  metrics: { interval: "1m", labels: { release: "kube-prometheus-stack" } },
  injector: true,
  ui: {
    ingress: {
      host: "vault.example.org",
      entryPoints: ["websecure", "internal"],
      issuerRef: { name: "letsencrypt-production" },
      middlewares: [{ name: "authentik", namespace: "authentik" }],
    },
  },
  kubernetesAuth: {
    mountPath: "k8s-production",
    externalSecrets: { role: "eso", policy: "eso-read", serviceAccount: "eso", namespace: "eso", kvMount: "kv", paths: ["apps/*", "shared/*"], tokenTtl: "15m", audience: "vault" },
  },
  audit: { size: "20Gi", storageClass: "standard" },
  extraConfig: 'seal "transit" {\n  address    = "https://vault-transit.example.org:8200"\n  key_name   = "autounseal"\n  mount_path = "transit/"\n}',
  values: { server: { resources: { requests: { cpu: "100m", memory: "256Mi" } } } },
};

const cases = [
  { file: "vault.default", build: () => vault() },
  { file: "vault.rich", build: () => vault(richProps) },
] as const;

function bootstrapScript(props: VaultProps = {}): string {
  const map = vault(props).controllers!.find((object) => object.kind === "ConfigMap") as unknown as { data: Record<string, string> };
  return map.data["bootstrap.sh"]!;
}

describe("vault", () => {
  itMatchesGoldenFiles(cases, ({ build }) => emitComponent(build()));

  itRendersValidTrees(cases, ({ build }) => [build()]);

  it("pins the vault chart of Vault 1.21.2", () => {
    expect(VAULT_CHART).toMatchObject({ version: "0.32.0", appVersion: "1.21.2" });
  });

  it("runs three pods in HA mode on integrated storage, with Kubernetes auth, an audit volume and no injector by default", () => {
    expect(releaseValues(vault())).toMatchObject({
      global: { tlsDisable: true },
      injector: { enabled: false },
      server: {
        ha: { enabled: true, replicas: 3, raft: { enabled: true, setNodeId: true }, disruptionBudget: { enabled: true } },
        dataStorage: { enabled: true, size: "10Gi" },
        auditStorage: { enabled: true, size: "10Gi" },
        authDelegator: { enabled: true },
      },
      ui: { enabled: true },
    });
  });

  it("renders the server config from the props, the same text for the same props", () => {
    const config = releaseValues(vault()).server.ha.raft.config as string;
    expect(config).toBe(
      [
        "ui = true",
        "",
        'listener "tcp" {',
        '  address         = "[::]:8200"',
        '  cluster_address = "[::]:8201"',
        "  tls_disable     = 1",
        "}",
        "",
        'storage "raft" {',
        '  path = "/vault/data"',
        "",
        "  retry_join {",
        '    leader_api_addr = "http://vault-0.vault-internal:8200"',
        "  }",
        "",
        "  retry_join {",
        '    leader_api_addr = "http://vault-1.vault-internal:8200"',
        "  }",
        "",
        "  retry_join {",
        '    leader_api_addr = "http://vault-2.vault-internal:8200"',
        "  }",
        "}",
        "",
        'service_registration "kubernetes" {}',
        "",
        "telemetry {",
        '  prometheus_retention_time = "24h"',
        "  disable_hostname          = true",
        "}",
        "",
      ].join("\n"),
    );
    expect(releaseValues(vault()).server.ha.raft.config).toBe(config);
  });

  it("reads the S3 credentials from the named Secret as environment variables, never from the config", () => {
    const values = releaseValues(vault(richProps));
    expect(values.server.extraSecretEnvironmentVars).toEqual([
      { envName: "AWS_ACCESS_KEY_ID", secretName: "vault-s3", secretKey: "access-key" },
      { envName: "AWS_SECRET_ACCESS_KEY", secretName: "vault-s3", secretKey: "secret-key" },
    ]);
    const config = values.server.ha.raft.config as string;
    expect(config).toContain('storage "s3" {');
    expect(config).toContain('ha_storage "raft" {');
    expect(config).not.toMatch(/access_key|secret_key/);
  });

  it("prepares Kubernetes auth for the External Secrets Operator with exact, idempotent commands, and runs no Job", () => {
    const script = bootstrapScript();
    expect(script).toContain("vault secrets list -format=json | grep -q '\"secret/\"' || vault secrets enable -path=secret kv-v2\n");
    expect(script).toContain("vault auth list -format=json | grep -q '\"kubernetes/\"' || vault auth enable -path=kubernetes kubernetes\n");
    expect(script).toContain("vault write auth/kubernetes/config kubernetes_host=https://kubernetes.default.svc:443\n");
    expect(script).toContain(
      [
        "vault policy write external-secrets - <<'EOF'",
        'path "secret/data/*" {',
        '  capabilities = ["read"]',
        "}",
        'path "secret/metadata/*" {',
        '  capabilities = ["read", "list"]',
        "}",
        "EOF",
      ].join("\n"),
    );
    expect(script).toContain(
      [
        "vault write auth/kubernetes/role/external-secrets \\",
        "  bound_service_account_names=external-secrets \\",
        "  bound_service_account_namespaces=external-secrets \\",
        "  policies=external-secrets \\",
        "  ttl=1h",
      ].join("\n"),
    );
    expect(script).toContain("vault audit list -format=json | grep -q '\"file/\"' || vault audit enable file file_path=/vault/audit/vault_audit.log\n");
    expect(vault().controllers!.map((object) => object.kind)).not.toContain("Job");
  });

  it("leaves the audit device out of the bootstrap when the audit volume is off", () => {
    expect(bootstrapScript({ audit: { enabled: false } })).not.toContain("vault audit");
    expect(releaseValues(vault({ audit: { enabled: false } })).server.auditStorage).toEqual({ enabled: false });
  });

  it("scrapes /v1/sys/metrics in Prometheus format and alerts on sealed pods and a missing leader", () => {
    const configs = vault({ metrics: {} }).configs!;
    const monitor = configs.find((object) => object.kind === "ServiceMonitor") as unknown as { spec: { endpoints: Record<string, unknown>[] } };
    expect(monitor.spec.endpoints[0]).toMatchObject({ port: "http", path: "/v1/sys/metrics", params: { format: ["prometheus"] } });
    const rule = configs.find((object) => object.kind === "PrometheusRule") as unknown as { spec: { groups: { rules: { alert: string }[] }[] } };
    expect(rule.spec.groups[0]!.rules.map(({ alert }) => alert)).toEqual(["VaultSealed", "VaultDown", "VaultNoActiveNode", "VaultAuditLogFailures", "VaultRaftUnhealthy"]);
    expect(vault({ metrics: {}, alerts: false }).configs!.map((object) => object.kind)).toEqual(["ServiceMonitor"]);
    expect(vault().configs).toEqual([]);
  });
});

const invalid = [
  {
    label: "an unknown prop and no replica",
    build: () => vault({ replicas: 0, ha: true } as never),
    message: [`vault: replicas: must be at least 1`, `vault: unknown field "ha"\n  hint: remove it, or check its spelling against the documented props`].join("\n"),
  },
  {
    label: "a storage backend that does not exist",
    build: () => vault({ storage: { type: "consul" } as never }),
    message: `vault: storage.type: expected type "raft" (integrated storage) or "s3" (an S3-compatible bucket)`,
  },
  {
    label: "an S3 storage without bucket or credentials, with an endpoint that is not a URL",
    build: () => vault({ storage: { type: "s3", endpoint: "minio:9000" } as never }),
    message: [
      `vault: storage.endpoint: expected an https:// or http:// URL, e.g. https://minio.minio.svc:9000`,
      `vault: storage.bucket: is required`,
      `vault: storage.credentialsSecret: is required`,
    ].join("\n"),
  },
  {
    label: "a route without an issuer to a host that is not a DNS name",
    build: () => vault({ ui: { ingress: { host: "Vault.Example.org" } as never } }),
    message: [`vault: ui.ingress.host: "Vault.Example.org" is not a fully qualified host name such as app.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`, `vault: ui.ingress.issuerRef: Invalid input: expected object, received undefined`].join("\n"),
  },
  {
    label: "a volume size and a token TTL that are not quantities or durations",
    build: () => vault({ audit: { size: "ten gigs" }, kubernetesAuth: { externalSecrets: { tokenTtl: "1 hour", paths: ["apps/$(id)"] } } }),
    message: [
      `vault: kubernetesAuth.externalSecrets.paths[0]: expected a path pattern such as * or team-a/*, of letters, digits and _ . / * + -`,
      `vault: kubernetesAuth.externalSecrets.tokenTtl: expected a Go duration such as 30s, 5m or 1h`,
      `vault: audit.size: expected a Kubernetes quantity such as 10Gi`,
    ].join("\n"),
  },
] as const;

describeRejections("vault", invalid);
