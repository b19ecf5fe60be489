import { describe, expect, it } from "vitest";
import { isUserError } from "../errors/user-error.ts";
import { emitDocument } from "../render/yaml-emit.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { clusterExternalSecret } from "./cluster-external-secret.ts";
import { clusterSecretStore } from "./cluster-secret-store.ts";
import { externalSecret } from "./external-secret.ts";
import { secretStore } from "./secret-store.ts";

/** Each builder with its minimal props (`default`) and rich sets, by the golden file's name. */
const builds: readonly { readonly file: string; readonly build: () => ApiObject & { validate(): void } }[] = [
  {
    file: "secret-store.default",
    build: () => secretStore({ name: "fake", namespace: "web", provider: { fake: { data: [{ key: "web/database", value: "not-a-secret" }] } } }),
  },
  {
    file: "secret-store.vault",
    build: () =>
      secretStore({
        name: "vault",
        namespace: "web",
        refreshInterval: 600,
        provider: {
          vault: {
            server: "https://vault.example.com:8200",
            path: "secret",
            auth: { kubernetes: { role: "web", serviceAccountRef: { name: "web-secrets", audiences: ["vault"] } } },
          },
        },
      }),
  },
  {
    file: "secret-store.vault-token",
    build: () =>
      secretStore({
        name: "vault-kv1",
        namespace: "legacy",
        provider: { vault: { server: "http://vault.vault.svc:8200", path: "kv", version: "v1", auth: { tokenSecretRef: { name: "vault-token", key: "token" } } } },
      }),
  },
  {
    file: "secret-store.onepassword",
    build: () =>
      secretStore({
        name: "onepassword",
        namespace: "web",
        provider: {
          onepassword: {
            connectHost: "http://onepassword-connect.onepassword.svc:8080",
            vaults: { production: 1, shared: 2 },
            auth: { secretRef: { connectTokenSecretRef: { name: "onepassword-connect", key: "token" } } },
          },
        },
      }),
  },
  {
    file: "secret-store.onepassword-sdk",
    build: () =>
      secretStore({
        name: "onepassword-sdk",
        namespace: "web",
        provider: { onepasswordSDK: { vault: "production", auth: { serviceAccountSecretRef: { name: "onepassword-sa", key: "token" } } } },
      }),
  },
  {
    file: "secret-store.aws",
    build: () =>
      secretStore({
        name: "aws",
        namespace: "web",
        provider: {
          aws: {
            region: "eu-west-1",
            auth: {
              secretRef: {
                accessKeyIDSecretRef: { name: "aws-credentials", key: "access-key-id" },
                secretAccessKeySecretRef: { name: "aws-credentials", key: "secret-access-key" },
              },
            },
          },
        },
      }),
  },
  {
    file: "cluster-secret-store.default",
    build: () => clusterSecretStore({ name: "aws", provider: { aws: { region: "eu-west-1" } } }),
  },
  {
    file: "cluster-secret-store.rich",
    build: () =>
      clusterSecretStore({
        name: "aws-parameters",
        refreshInterval: 300,
        provider: {
          aws: {
            service: "ParameterStore",
            region: "us-gov-west-1",
            role: "arn:aws-us-gov:iam::123456789012:role/external-secrets",
            auth: { jwt: { serviceAccountRef: { name: "external-secrets", namespace: "external-secrets", audiences: ["sts.amazonaws.com"] } } },
          },
        },
        conditions: [{ namespaces: ["web", "shop"] }, { namespaceSelector: { matchLabels: { "secrets.example.com/aws": "true" } } }, { namespaceRegexes: ["^team-"] }],
      }),
  },
  {
    file: "cluster-secret-store.vault",
    build: () =>
      clusterSecretStore({
        name: "vault",
        provider: {
          vault: {
            server: "https://vault.example.com",
            path: "secret",
            auth: { kubernetes: { mountPath: "kubernetes-production", role: "external-secrets", serviceAccountRef: { name: "external-secrets", namespace: "external-secrets" } } },
          },
        },
      }),
  },
  {
    file: "external-secret.default",
    build: () =>
      externalSecret({ name: "database", namespace: "web", secretStoreRef: { name: "vault" }, data: [{ secretKey: "password", remoteRef: { key: "web/database" } }] }),
  },
  {
    file: "external-secret.rich",
    build: () =>
      externalSecret({
        name: "database",
        namespace: "web",
        secretStoreRef: { name: "vault", kind: "ClusterSecretStore" },
        refreshInterval: "15m",
        target: {
          name: "database-url",
          creationPolicy: "Owner",
          deletionPolicy: "Delete",
          template: {
            metadata: { labels: { "app.kubernetes.io/name": "web" }, annotations: { "reloader.stakater.com/match": "true" } },
            data: { url: "postgres://{{ .username }}:{{ .password }}@postgres.web.svc:5432/web?sslmode=require" },
          },
        },
        data: [
          { secretKey: "username", remoteRef: { key: "web/database", property: "username" } },
          { secretKey: "password", remoteRef: { key: "web/database", property: "password", version: "3", decodingStrategy: "None" } },
        ],
        dataFrom: [{ extract: { key: "web/common" } }, { find: { path: "web/feature-flags", name: { regexp: "^flag-" } } }],
      }),
  },
  {
    file: "external-secret.dockerconfig",
    build: () =>
      externalSecret({
        name: "registry",
        namespace: "web",
        secretStoreRef: { name: "onepassword" },
        target: { creationPolicy: "Merge", template: { type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": "{{ .dockerconfig | toString }}" } } },
        dataFrom: [{ extract: { key: "registry" } }],
      }),
  },
  {
    file: "cluster-external-secret.default",
    build: () =>
      clusterExternalSecret({
        name: "registry-pull",
        namespaceSelectors: [{ matchLabels: { "registry-pull": "true" } }],
        externalSecretSpec: { secretStoreRef: { name: "vault", kind: "ClusterSecretStore" }, dataFrom: [{ extract: { key: "shared/registry" } }] },
      }),
  },
  {
    file: "cluster-external-secret.rich",
    build: () =>
      clusterExternalSecret({
        name: "tls-wildcard",
        externalSecretName: "wildcard-tls",
        namespaceSelectors: [{ matchExpressions: [{ key: "ingress", operator: "In", values: ["public", "internal"] }] }],
        namespaces: ["web", "shop"],
        refreshTime: "10m",
        externalSecretSpec: {
          secretStoreRef: { name: "aws", kind: "ClusterSecretStore" },
          refreshInterval: "24h",
          target: { template: { type: "kubernetes.io/tls", data: { "tls.crt": "{{ .certificate }}", "tls.key": "{{ .private_key }}" } } },
          data: [
            { secretKey: "certificate", remoteRef: { key: "tls/wildcard", property: "certificate" } },
            { secretKey: "private_key", remoteRef: { key: "tls/wildcard", property: "private_key" } },
          ],
        },
      }),
  },
];

describe("External Secrets builders", () => {
  it.each(builds)("$file renders as its golden file", async ({ file, build }) => {
    await expect(emitDocument(build() as unknown as Record<string, unknown>)).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it.each(builds)("$file passes its model's schema validation", ({ build }) => {
    expect(() => build().validate()).not.toThrow();
  });

  it("uses external-secrets.io/v1, the version External Secrets v2.9 stores", () => {
    expect(new Set(builds.map(({ build }) => build().apiVersion))).toEqual(new Set(["external-secrets.io/v1"]));
  });

  it("names the target Secret after the ExternalSecret, and after externalSecretName in a ClusterExternalSecret", () => {
    const single = externalSecret({ name: "api", namespace: "web", secretStoreRef: { name: "vault" }, dataFrom: [{ extract: { key: "web/api" } }] });
    expect(single.spec?.target?.name).toBe("api");
    const cluster = clusterExternalSecret({
      name: "api-everywhere",
      externalSecretName: "api",
      namespaces: ["web"],
      externalSecretSpec: { secretStoreRef: { name: "vault" }, dataFrom: [{ extract: { key: "web/api" } }] },
    });
    expect(cluster.spec?.externalSecretSpec.target?.name).toBe("api");
  });

  it("writes the defaults explicitly: store kind, refresh interval, creation policy, template type and engine", () => {
    const object = externalSecret({
      name: "api",
      namespace: "web",
      secretStoreRef: { name: "vault" },
      target: { template: { data: { token: "{{ .token }}" } } },
      data: [{ secretKey: "token", remoteRef: { key: "web/api" } }],
    });
    expect(object.spec?.secretStoreRef).toEqual({ name: "vault", kind: "SecretStore" });
    expect(object.spec?.refreshInterval).toBe("1h");
    expect(object.spec?.target).toEqual({ name: "api", creationPolicy: "Owner", template: { type: "Opaque", data: { token: "{{ .token }}" }, engineVersion: "v2" } });
  });

  it("defaults Vault to KV v2 and the Kubernetes auth method's mount path to kubernetes", () => {
    const store = secretStore({ name: "vault", namespace: "web", provider: { vault: { server: "https://vault.example.com", auth: { kubernetes: { role: "web" } } } } });
    expect(store.spec?.provider.vault).toEqual({ server: "https://vault.example.com", version: "v2", auth: { kubernetes: { mountPath: "kubernetes", role: "web" } } });
  });
});

/** Builds with invalid input; each must fail with exactly `message`. */
const invalid: readonly { readonly label: string; readonly build: () => unknown; readonly message: string }[] = [
  {
    label: "an unknown field",
    build: () =>
      externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "vault" }, data: [{ secretKey: "password", remoteRef: { key: "web/db" } }], refresh: "1h" } as never),
    message: `externalSecret "db": unknown field "refresh"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a missing remoteRef.key",
    build: () => externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "vault" }, data: [{ secretKey: "password", remoteRef: { property: "password" } }] } as never),
    message: `externalSecret "db": data[0].remoteRef.key: is required`,
  },
  {
    label: "neither data nor dataFrom",
    build: () => externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "vault" } }),
    message: `externalSecret "db": give data, dataFrom or both: an ExternalSecret without them writes nothing`,
  },
  {
    label: "empty data and dataFrom",
    build: () => externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "vault" }, data: [], dataFrom: [] }),
    message: `externalSecret "db": give data, dataFrom or both: an ExternalSecret without them writes nothing`,
  },
  {
    label: "a provider with two kinds at once",
    build: () =>
      secretStore({
        name: "vault",
        namespace: "web",
        provider: { vault: { server: "https://vault.example.com", auth: { kubernetes: { role: "web" } } }, fake: { data: [{ key: "a", value: "b" }] } } as never,
      }),
    message: `secretStore "vault": provider: vault and fake cannot be given together: give one of vault, onepassword, onepasswordSDK, aws or fake`,
  },
  {
    label: "a store without a provider",
    build: () => secretStore({ name: "vault", namespace: "web" } as never),
    message: `secretStore "vault": provider: is required`,
  },
  {
    label: "an empty provider",
    build: () => clusterSecretStore({ name: "vault", provider: {} as never }),
    message: `clusterSecretStore "vault": provider: give one of vault, onepassword, onepasswordSDK, aws or fake`,
  },
  {
    label: "a Secret namespace in a namespaced SecretStore",
    build: () =>
      secretStore({
        name: "sdk",
        namespace: "web",
        provider: { onepasswordSDK: { vault: "production", auth: { serviceAccountSecretRef: { name: "op", key: "token", namespace: "ops" } } } },
      }),
    message: `secretStore "sdk": provider.onepasswordSDK.auth.serviceAccountSecretRef.namespace: a SecretStore reads only objects of its own namespace: remove namespace, or use a ClusterSecretStore`,
  },
  {
    label: "a Vault store without auth and with a server without a scheme",
    build: () => secretStore({ name: "vault", namespace: "web", provider: { vault: { server: "vault.example.com:8200" } as never } }),
    message: [
      `secretStore "vault": provider.vault.server: expected an https:// or http:// URL, e.g. https://vault.example.com:8200`,
      `secretStore "vault": provider.vault.auth: is required`,
    ].join("\n"),
  },
  {
    label: "a Vault KV version that does not exist and a Kubernetes auth without a role",
    build: () => secretStore({ name: "vault", namespace: "web", provider: { vault: { server: "https://vault.example.com", version: "v3" as never, auth: { kubernetes: {} as never } } } }),
    message: [
      `secretStore "vault": provider.vault.version: Invalid option: expected one of "v1"|"v2"`,
      `secretStore "vault": provider.vault.auth.kubernetes.role: is required`,
    ].join("\n"),
  },
  {
    label: "a 1Password Connect store without vaults",
    build: () =>
      secretStore({
        name: "op",
        namespace: "web",
        provider: { onepassword: { connectHost: "http://connect:8080", vaults: {}, auth: { secretRef: { connectTokenSecretRef: { name: "op", key: "token" } } } } },
      }),
    message: `secretStore "op": provider.onepassword.vaults: give at least one vault: { name: order }`,
  },
  {
    label: "an AWS region and role that are not AWS's, and two auth methods",
    build: () =>
      clusterSecretStore({
        name: "aws",
        provider: {
          aws: {
            region: "Europe",
            role: "external-secrets",
            auth: {
              jwt: { serviceAccountRef: { name: "eso" } },
              secretRef: { accessKeyIDSecretRef: { name: "aws", key: "id" }, secretAccessKeySecretRef: { name: "aws", key: "secret" } },
            } as never,
          },
        },
      }),
    message: [
      `clusterSecretStore "aws": provider.aws.region: expected an AWS region such as eu-west-1`,
      `clusterSecretStore "aws": provider.aws.role: expected an IAM role ARN such as arn:aws:iam::123456789012:role/external-secrets`,
      `clusterSecretStore "aws": provider.aws.auth: jwt and secretRef cannot be given together: give one of jwt or secretRef`,
    ].join("\n"),
  },
  {
    label: "a fake store without entries",
    build: () => secretStore({ name: "fake", namespace: "web", provider: { fake: { data: [] } } }),
    message: `secretStore "fake": provider.fake.data: give at least one entry { key, value }`,
  },
  {
    label: "a dataFrom entry with extract and find at once",
    build: () =>
      externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "vault" }, dataFrom: [{ extract: { key: "a" }, find: { name: { regexp: ".*" } } } as never] }),
    message: `externalSecret "db": dataFrom[0]: extract and find cannot be given together: give one of extract or find`,
  },
  {
    label: "a secretKey given twice",
    build: () =>
      externalSecret({
        name: "db",
        namespace: "web",
        secretStoreRef: { name: "vault" },
        data: [
          { secretKey: "password", remoteRef: { key: "a" } },
          { secretKey: "password", remoteRef: { key: "b" } },
        ],
      }),
    message: `externalSecret "db": data[1].secretKey: "password" is given twice`,
  },
  {
    label: "a secretKey with a slash",
    build: () => externalSecret({ name: "db", namespace: "web", secretStoreRef: { name: "vault" }, data: [{ secretKey: "db/password", remoteRef: { key: "a" } }] }),
    message: `externalSecret "db": data[0].secretKey: a Secret key has only letters, digits, '-', '_' and '.'`,
  },
  {
    label: "deletionPolicy Delete on a merged Secret",
    build: () =>
      externalSecret({
        name: "db",
        namespace: "web",
        secretStoreRef: { name: "vault" },
        target: { creationPolicy: "Merge", deletionPolicy: "Delete" },
        dataFrom: [{ extract: { key: "a" } }],
      }),
    message: `externalSecret "db": target.deletionPolicy: deletionPolicy Delete needs a Secret the controller owns, not creationPolicy Merge: use creationPolicy Owner, or deletionPolicy Retain`,
  },
  {
    label: "a store kind that does not exist and a bad refresh interval",
    build: () =>
      externalSecret({
        name: "db",
        namespace: "web",
        secretStoreRef: { name: "vault", kind: "VaultStore" as never },
        refreshInterval: "1 hour",
        dataFrom: [{ extract: { key: "a" } }],
      }),
    message: [
      `externalSecret "db": secretStoreRef.kind: Invalid option: expected one of "SecretStore"|"ClusterSecretStore"`,
      `externalSecret "db": refreshInterval: expected a Go duration such as 30s, 5m or 1h`,
    ].join("\n"),
  },
  {
    label: "a ClusterExternalSecret without namespaces",
    build: () => clusterExternalSecret({ name: "everywhere", externalSecretSpec: { secretStoreRef: { name: "vault" }, dataFrom: [{ extract: { key: "a" } }] } }),
    message: `clusterExternalSecret "everywhere": give namespaceSelectors, namespaces or both: without them the ExternalSecret is created nowhere`,
  },
  {
    label: "a ClusterExternalSecret with an empty selector and a spec without data",
    build: () => clusterExternalSecret({ name: "everywhere", namespaceSelectors: [{}], externalSecretSpec: { secretStoreRef: { name: "vault" } } }),
    message: [
      `clusterExternalSecret "everywhere": namespaceSelectors[0]: give matchLabels, matchExpressions or both (an empty selector would select every namespace)`,
      `clusterExternalSecret "everywhere": externalSecretSpec: give data, dataFrom or both: an ExternalSecret without them writes nothing`,
    ].join("\n"),
  },
  {
    label: "a ClusterExternalSecret spec without data",
    build: () => clusterExternalSecret({ name: "everywhere", namespaces: ["web"], externalSecretSpec: { secretStoreRef: { name: "vault" } } }),
    message: `clusterExternalSecret "everywhere": externalSecretSpec: give data, dataFrom or both: an ExternalSecret without them writes nothing`,
  },
  {
    label: "a ClusterSecretStore condition without namespaces",
    build: () => clusterSecretStore({ name: "fake", provider: { fake: { data: [{ key: "a", value: "b" }] } }, conditions: [{}] }),
    message: `clusterSecretStore "fake": conditions[0]: give namespaces, namespaceSelector or namespaceRegexes`,
  },
];

describe("External Secrets builders reject bad input", () => {
  it.each(invalid)("rejects $label with every problem named", ({ build, message }) => {
    let thrown: unknown;
    try {
      build();
    } catch (error) {
      thrown = error;
    }
    expect(isUserError(thrown)).toBe(true);
    expect((thrown as Error).message).toBe(message);
  });
});
