import { describe, expect, it } from "vitest";
import { isUserError } from "../errors/user-error.ts";
import { emitDocument } from "../render/yaml-emit.ts";
import type { ApiObject } from "../resource/api-object.ts";
import { bucket } from "./bucket.ts";
import { gitRepository } from "./git-repository.ts";
import { chartVersionProblem, helmRelease } from "./helm-release.ts";
import { helmRepository } from "./helm-repository.ts";
import { imagePolicy } from "./image-policy.ts";
import { imageRepository } from "./image-repository.ts";
import { imageUpdateAutomation } from "./image-update-automation.ts";
import { fluxKustomization } from "./kustomization.ts";
import { notificationAlert } from "./notification-alert.ts";
import { notificationProvider } from "./notification-provider.ts";
import { notificationReceiver } from "./notification-receiver.ts";
import { ociRepository } from "./oci-repository.ts";

/** A chart's values interface, as a component would declare it. */
interface PodinfoValues {
  replicaCount?: number;
  image?: { tag?: string };
  ingress?: { enabled: boolean; hosts?: { host: string }[] };
}

/** Each builder with its minimal props (`default`) and a rich set (`rich`), by the golden file's name. */
const builds: readonly { readonly file: string; readonly build: () => ApiObject & { validate(): void } }[] = [
  { file: "git-repository.default", build: () => gitRepository({ name: "podinfo", url: "https://github.com/stefanprodan/podinfo" }) },
  {
    file: "git-repository.rich",
    build: () =>
      gitRepository({
        name: "platform",
        namespace: "infra",
        url: "ssh://git@github.com/acme/platform.git",
        ref: { semver: ">=1.0.0 <2.0.0" },
        interval: "5m",
        secretRef: "platform-deploy-key",
        ignore: ["/*", "!/generated/production"],
      }),
  },
  {
    file: "oci-repository.default",
    build: () => ociRepository({ name: "podinfo", namespace: "flux-system", url: "oci://ghcr.io/stefanprodan/manifests/podinfo", ref: { tag: "6.9.2" } }),
  },
  {
    file: "oci-repository.rich",
    build: () =>
      ociRepository({
        name: "podinfo-chart",
        namespace: "podinfo",
        url: "oci://123456789012.dkr.ecr.eu-west-1.amazonaws.com/charts/podinfo",
        ref: { digest: `sha256:${"a1".repeat(32)}` },
        interval: "10m",
        layerSelector: { mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", operation: "copy" },
        secretRef: "ecr-credentials",
        provider: "aws",
      }),
  },
  { file: "helm-repository.default", build: () => helmRepository({ name: "bitnami", namespace: "flux-system", url: "https://charts.bitnami.com/bitnami" }) },
  {
    file: "helm-repository.rich",
    build: () =>
      helmRepository({ name: "charts", namespace: "podinfo", url: "oci://europe-docker.pkg.dev/acme/charts", type: "oci", interval: "12h", provider: "gcp" }),
  },
  {
    file: "bucket.default",
    build: () => bucket({ name: "manifests", namespace: "flux-system", bucketName: "manifests", endpoint: "minio.minio.svc:9000" }),
  },
  {
    file: "bucket.rich",
    build: () =>
      bucket({
        name: "manifests",
        namespace: "flux-system",
        bucketName: "acme-manifests",
        endpoint: "s3.amazonaws.com",
        provider: "aws",
        region: "eu-west-1",
        insecure: false,
        interval: "1m",
        secretRef: "s3-keys",
      }),
  },
  { file: "kustomization.default", build: () => fluxKustomization({ name: "apps", path: "./generated/production/apps" }) },
  {
    file: "kustomization.rich",
    build: () =>
      fluxKustomization({
        name: "tenant-a",
        namespace: "tenants",
        path: "./tenants/a",
        sourceRef: { kind: "OCIRepository", name: "tenant-a", namespace: "flux-system" },
        dependsOn: ["infra-configs", { name: "cert-manager", namespace: "flux-system" }],
        prune: true,
        timeout: "3m",
        interval: "1h",
        retryInterval: "30s",
        healthChecks: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "tenant-a" }],
        postBuild: { substitute: { CLUSTER: "production", REPLICAS: "3" }, substituteFrom: [{ kind: "ConfigMap", name: "cluster-vars" }] },
        decryption: { secretRef: "sops-age" },
        targetNamespace: "tenant-a",
        serviceAccountName: "tenant-a",
        force: true,
      }),
  },
  {
    file: "helm-release.default",
    build: () => helmRelease({ name: "podinfo", namespace: "podinfo", chart: { name: "podinfo", version: "6.9.2", sourceRef: { name: "podinfo" } } }),
  },
  {
    file: "helm-release.rich",
    build: () =>
      helmRelease<PodinfoValues>({
        name: "podinfo",
        namespace: "flux-system",
        releaseName: "podinfo",
        targetNamespace: "podinfo",
        chart: { chartRef: { name: "podinfo-chart", namespace: "podinfo" } },
        values: { replicaCount: 2, image: { tag: undefined }, ingress: { enabled: true, hosts: [{ host: "podinfo.example.com" }] } },
        valuesFrom: [{ kind: "Secret", name: "podinfo-values", valuesKey: "values.yaml", optional: true }],
        interval: "1h",
        timeout: "10m",
        dependsOn: ["cert-manager", { name: "ingress-nginx", namespace: "ingress" }],
        install: { crds: "Create", remediation: { retries: -1 } },
        upgrade: { crds: "Skip", remediation: { retries: 5, remediateLastFailure: false }, cleanupOnFail: false },
        driftDetection: { mode: "warn" },
        serviceAccountName: "podinfo-deployer",
      }),
  },
  {
    file: "notification-provider.default",
    build: () => notificationProvider({ name: "slack", namespace: "flux-system", type: "slack" }),
  },
  {
    file: "notification-provider.rich",
    build: () =>
      notificationProvider({ name: "slack-bot", namespace: "flux-system", type: "slack", channel: "deployments", address: "https://slack.com/api/chat.postMessage", secretRef: "slack-bot-token" }),
  },
  {
    file: "notification-alert.default",
    build: () => notificationAlert({ name: "deployments", namespace: "flux-system", providerRef: "slack", eventSources: [{ kind: "Kustomization", name: "*" }] }),
  },
  {
    file: "notification-alert.rich",
    build: () =>
      notificationAlert({
        name: "failures",
        namespace: "flux-system",
        providerRef: "slack",
        eventSeverity: "error",
        eventSources: [
          { kind: "HelmRelease", name: "*", namespace: "podinfo" },
          { kind: "GitRepository", name: "flux-system" },
        ],
        exclusionList: ["^Dependencies do not meet ready condition"],
      }),
  },
  {
    file: "notification-receiver.default",
    build: () =>
      notificationReceiver({ name: "github", namespace: "flux-system", type: "github", resources: [{ kind: "GitRepository", name: "flux-system" }], secretRef: "webhook-token" }),
  },
  {
    file: "notification-receiver.rich",
    build: () =>
      notificationReceiver({
        name: "registry",
        namespace: "flux-system",
        type: "generic-hmac",
        events: ["push"],
        resources: [
          { kind: "ImageRepository", name: "*", namespace: "flux-system" },
          { kind: "OCIRepository", name: "podinfo" },
        ],
        secretRef: "receiver-token",
        interval: "1h",
      }),
  },
  {
    file: "image-repository.default",
    build: () => imageRepository({ name: "podinfo", namespace: "flux-system", image: "ghcr.io/stefanprodan/podinfo" }),
  },
  {
    file: "image-repository.rich",
    build: () => imageRepository({ name: "app", namespace: "flux-system", image: "registry.example.com:5000/acme/app", interval: "1m", secretRef: "registry-credentials" }),
  },
  {
    file: "image-policy.default",
    build: () => imagePolicy({ name: "podinfo", namespace: "flux-system", imageRepositoryRef: "podinfo", policy: { semver: { range: "6.x" } } }),
  },
  {
    file: "image-policy.rich",
    build: () =>
      imagePolicy({
        name: "app-main",
        namespace: "flux-system",
        imageRepositoryRef: { name: "app", namespace: "images" },
        policy: { numerical: { order: "asc" } },
        filterTags: { pattern: "^main-[a-f0-9]+-(?P<ts>[0-9]+)", extract: "$ts" },
      }),
  },
  {
    file: "image-update-automation.default",
    build: () =>
      imageUpdateAutomation({
        name: "images",
        namespace: "flux-system",
        sourceRef: "flux-system",
        git: { checkout: { ref: { branch: "main" } }, commit: { author: { name: "fluxcdbot", email: "fluxcdbot@users.noreply.github.com" } } },
        update: { path: "./clusters/production/images.yaml" },
      }),
  },
  {
    file: "image-update-automation.rich",
    build: () =>
      imageUpdateAutomation({
        name: "images",
        namespace: "flux-system",
        sourceRef: { name: "platform", namespace: "infra" },
        git: {
          checkout: { ref: { branch: "main" } },
          commit: { author: { name: "fluxcdbot", email: "fluxcdbot@users.noreply.github.com" }, messageTemplate: "chore(images): {{range .Changed.Changes}}{{print .OldValue}} -> {{println .NewValue}}{{end}}" },
          push: { branch: "image-updates" },
        },
        update: { path: "./clusters", strategy: "Setters" },
        interval: "10m",
      }),
  },
];

describe("Flux builders", () => {
  it.each(builds)("$file renders as its golden file", async ({ file, build }) => {
    await expect(emitDocument(build() as unknown as Record<string, unknown>)).toMatchFileSnapshot(`__golden__/${file}.yaml`);
  });

  it.each(builds)("$file passes its model's schema validation", ({ build }) => {
    expect(() => build().validate()).not.toThrow();
  });

  it("uses the API versions that Flux v2.9 stores", () => {
    const versions = Object.fromEntries(builds.filter(({ file }) => file.endsWith(".default")).map(({ file, build }) => [file.replace(/\.default$/, ""), `${build().apiVersion} ${build().kind}`]));
    expect(versions).toEqual({
      "git-repository": "source.toolkit.fluxcd.io/v1 GitRepository",
      "oci-repository": "source.toolkit.fluxcd.io/v1 OCIRepository",
      "helm-repository": "source.toolkit.fluxcd.io/v1 HelmRepository",
      bucket: "source.toolkit.fluxcd.io/v1 Bucket",
      kustomization: "kustomize.toolkit.fluxcd.io/v1 Kustomization",
      "helm-release": "helm.toolkit.fluxcd.io/v2 HelmRelease",
      "notification-provider": "notification.toolkit.fluxcd.io/v1beta3 Provider",
      "notification-alert": "notification.toolkit.fluxcd.io/v1beta3 Alert",
      "notification-receiver": "notification.toolkit.fluxcd.io/v1 Receiver",
      "image-repository": "image.toolkit.fluxcd.io/v1 ImageRepository",
      "image-policy": "image.toolkit.fluxcd.io/v1 ImagePolicy",
      "image-update-automation": "image.toolkit.fluxcd.io/v1 ImageUpdateAutomation",
    });
  });

  it("types a HelmRelease's values by the chart's values interface", () => {
    const chart = { name: "podinfo", version: "6.9.2", sourceRef: { name: "podinfo" } };
    // @ts-expect-error replicaCount is a number in PodinfoValues
    const wrong = () => helmRelease<PodinfoValues>({ name: "podinfo", namespace: "podinfo", chart, values: { replicaCount: "2" } });
    expect(typeof wrong).toBe("function");
    expect(helmRelease<PodinfoValues>({ name: "podinfo", namespace: "podinfo", chart, values: { replicaCount: 3 } }).spec?.values).toEqual({ replicaCount: 3 });
  });

  it.each([
    { label: "an https:// URL", url: "https://charts.example.com", type: "default", interval: "1h" },
    { label: "an oci:// URL", url: "oci://ghcr.io/acme/charts", type: "oci", interval: undefined },
  ])("derives the HelmRepository type and interval from $label", ({ url, type, interval }) => {
    const repository = helmRepository({ name: "charts", namespace: "flux-system", url });
    expect(repository.spec?.type).toBe(type);
    expect(repository.spec?.interval).toBe(interval);
  });

  it.each([
    { label: "no healthChecks", healthChecks: undefined, wait: true },
    { label: "healthChecks", healthChecks: [{ kind: "Deployment", name: "web", namespace: "web" }], wait: false },
  ])("makes a Kustomization wait by default only without healthChecks: $label", ({ healthChecks, wait }) => {
    expect(fluxKustomization({ name: "web", path: "./web", healthChecks }).spec?.wait).toBe(wait);
  });
});

describe("chartVersionProblem", () => {
  it.each(["1.2.3", "v1.2.3", "0.0.1-rc.1", "1.2.3+build.7", "10.20.30-alpha.1+sha.5114f85"])("accepts the exact version %s", (version) => {
    expect(chartVersionProblem(version)).toBeUndefined();
  });

  it.each(["*", "^1.2.3", "~1.2.3", ">=1.2.3", ">1.0.0 <2.0.0", "1.x", "1.2.X", "1.2.3 - 1.4.0", "1.2.3 || 2.0.0", "<2.0.0"])("calls %s a range", (version) => {
    expect(chartVersionProblem(version)).toBe(`${JSON.stringify(version)} is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`);
  });

  it.each(["1.2", "latest", "=1.2.3", "01.2.3"])("calls %s not an exact version", (version) => {
    expect(chartVersionProblem(version)).toBe(`${JSON.stringify(version)} is not an exact version: give major.minor.patch, such as "1.2.3"`);
  });
});

/** Builds with invalid input; each must fail with exactly `message`. */
const invalid: readonly { readonly label: string; readonly build: () => unknown; readonly message: string }[] = [
  {
    label: "an unknown field",
    build: () => gitRepository({ name: "podinfo", url: "https://github.com/stefanprodan/podinfo", branch: "main" } as never),
    message: `gitRepository "podinfo": unknown field "branch"\n  hint: remove it, or check its spelling against the documented props`,
  },
  {
    label: "a missing required field",
    build: () => gitRepository({ name: "podinfo" } as never),
    message: `gitRepository "podinfo": url: is required`,
  },
  {
    label: "two refs at once",
    build: () => gitRepository({ name: "podinfo", url: "https://github.com/stefanprodan/podinfo", ref: { branch: "main", tag: "6.9.2" } as never }),
    message: `gitRepository "podinfo": ref: branch and tag cannot be given together: give one of branch, tag, semver or commit`,
  },
  {
    label: "an empty ref",
    build: () => gitRepository({ name: "podinfo", url: "https://github.com/stefanprodan/podinfo", ref: {} as never }),
    message: `gitRepository "podinfo": ref: give one of branch, tag, semver or commit`,
  },
  {
    label: "an scp-like Git URL and a short commit",
    build: () => gitRepository({ name: "podinfo", url: "git@github.com:stefanprodan/podinfo.git", ref: { commit: "abc123" } }),
    message: [
      `gitRepository "podinfo": url: expected an https://, http:// or ssh:// URL (for scp-like git@host:path, write ssh://git@host/path)`,
      `gitRepository "podinfo": ref.commit: expected a full commit SHA: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits`,
    ].join("\n"),
  },
  {
    label: "a name and namespace that are not DNS-1123",
    build: () => gitRepository({ name: "Podinfo", namespace: "flux_system", url: "https://github.com/stefanprodan/podinfo" }),
    message: [
      `gitRepository "Podinfo": name: "Podinfo" is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`,
      `gitRepository "Podinfo": namespace: "flux_system" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit`,
    ].join("\n"),
  },
  {
    label: "an OCI URL with a tag and no ref",
    build: () => ociRepository({ name: "podinfo", namespace: "flux-system", url: "oci://ghcr.io/stefanprodan/manifests/podinfo:6.9.2" } as never),
    message: [
      `ociRepository "podinfo": url: the URL must not carry a tag: give it in ref.tag`,
      `ociRepository "podinfo": ref: is required`,
    ].join("\n"),
  },
  {
    label: "an oci type with an https URL",
    build: () => helmRepository({ name: "charts", namespace: "flux-system", url: "https://charts.example.com", type: "oci" }),
    message: `helmRepository "charts": type: type "oci" needs an oci:// URL, got "https://charts.example.com"`,
  },
  {
    label: "a Bucket endpoint with a scheme",
    build: () => bucket({ name: "manifests", namespace: "flux-system", bucketName: "manifests", endpoint: "https://minio.example.com" }),
    message: `bucket "manifests": endpoint: give the endpoint as host[:port] without a scheme, got "https://minio.example.com"; set insecure: true for plain HTTP`,
  },
  {
    label: "a Kustomization path without ./",
    build: () => fluxKustomization({ name: "apps", path: "generated/production/apps" }),
    message: `fluxKustomization "apps": path: "generated/production/apps" must start with "./" (it is relative to the root of the source)`,
  },
  {
    label: "a Kustomization path that leaves the source",
    build: () => fluxKustomization({ name: "apps", path: "./apps/../../etc" }),
    message: `fluxKustomization "apps": path: "./apps/../../etc" must stay inside the source: no ".." segments and no backslashes`,
  },
  {
    label: "wait and healthChecks together",
    build: () => fluxKustomization({ name: "apps", path: "./apps", wait: true, healthChecks: [{ kind: "Deployment", name: "web", namespace: "web" }] }),
    message: `fluxKustomization "apps": wait: wait: true and healthChecks cannot be used together (Flux ignores healthChecks when it waits for every object): remove wait to check only the healthChecks, or remove healthChecks to wait for every object`,
  },
  {
    label: "a bad duration and a bad variable name",
    build: () => fluxKustomization({ name: "apps", path: "./apps", interval: "10 minutes", postBuild: { substitute: { "cluster-name": "production" } } }),
    message: [
      `fluxKustomization "apps": interval: expected a Go duration such as 30s, 5m or 1h`,
      `fluxKustomization "apps": postBuild.substitute["cluster-name"]: a variable name has letters, digits and _, and does not start with a digit`,
    ].join("\n"),
  },
  {
    label: "a chart version range",
    build: () => helmRelease({ name: "podinfo", namespace: "podinfo", chart: { name: "podinfo", version: "^6.9.0", sourceRef: { name: "podinfo" } } }),
    message: `helmRelease "podinfo": chart.version: "^6.9.0" is a version range: give the exact chart version, such as "1.2.3", so the tree says what runs`,
  },
  {
    label: "a chart without a version",
    build: () => helmRelease({ name: "podinfo", namespace: "podinfo", chart: { name: "podinfo", sourceRef: { name: "podinfo" } } as never }),
    message: `helmRelease "podinfo": chart.version: is required with name and sourceRef`,
  },
  {
    label: "a chart from a repository and a chartRef together",
    build: () =>
      helmRelease({ name: "podinfo", namespace: "podinfo", chart: { name: "podinfo", version: "6.9.2", sourceRef: { name: "podinfo" }, chartRef: { name: "podinfo" } } as never }),
    message: `helmRelease "podinfo": chart: name, version, sourceRef and chartRef cannot be given together: give one of { name, version, sourceRef } or chartRef`,
  },
  {
    label: "an unknown install option and a values array",
    build: () =>
      helmRelease({ name: "podinfo", namespace: "podinfo", chart: { chartRef: { name: "podinfo" } }, install: { createNamespace: true } as never, values: [1] as never }),
    message: [
      `helmRelease "podinfo": values: Invalid input: expected record, received array`,
      `helmRelease "podinfo": install: unknown field "createNamespace"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
  {
    label: "a provider type that does not exist",
    build: () => notificationProvider({ name: "chat", namespace: "flux-system", type: "hipchat" as never }),
    message: `notificationProvider "chat": type: Invalid option: expected one of "slack"|"discord"|"msteams"|"rocket"|"generic"|"generic-hmac"|"github"|"gitlab"|"gitea"|"giteapullrequestcomment"|"bitbucketserver"|"bitbucket"|"azuredevops"|"googlechat"|"googlepubsub"|"webex"|"sentry"|"azureeventhub"|"telegram"|"lark"|"matrix"|"opsgenie"|"alertmanager"|"grafana"|"githubdispatch"|"githubpullrequestcomment"|"gitlabmergerequestcomment"|"pagerduty"|"datadog"|"nats"|"zulip"|"otel"`,
  },
  {
    label: "an Alert without event sources and a bad source name",
    build: () => notificationAlert({ name: "all", namespace: "flux-system", providerRef: "slack", eventSources: [] }),
    message: `notificationAlert "all": eventSources: give at least one event source`,
  },
  {
    label: "an event source named with a glob other than *",
    build: () => notificationAlert({ name: "all", namespace: "flux-system", providerRef: "slack", eventSources: [{ kind: "Kustomization", name: "apps-*" }] }),
    message: `notificationAlert "all": eventSources[0].name: "apps-*" is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, or "*" for every object of the kind`,
  },
  {
    label: "a Receiver without its token Secret",
    build: () => notificationReceiver({ name: "github", namespace: "flux-system", type: "github", resources: [{ kind: "GitRepository", name: "flux-system" }] } as never),
    message: `notificationReceiver "github": secretRef: is required`,
  },
  {
    label: "an image with a tag",
    build: () => imageRepository({ name: "podinfo", namespace: "flux-system", image: "ghcr.io/stefanprodan/podinfo:6.9.2" }),
    message: `imageRepository "podinfo": image: "ghcr.io/stefanprodan/podinfo:6.9.2" has a tag: give the repository only, e.g. "ghcr.io/stefanprodan/podinfo"`,
  },
  {
    label: "two image policies at once",
    build: () =>
      imagePolicy({ name: "podinfo", namespace: "flux-system", imageRepositoryRef: "podinfo", policy: { semver: { range: "6.x" }, alphabetical: {} } as never }),
    message: `imagePolicy "podinfo": policy: semver and alphabetical cannot be given together: give one of semver, numerical or alphabetical`,
  },
  {
    label: "an automation with a bad author and an update path without ./",
    build: () =>
      imageUpdateAutomation({
        name: "images",
        namespace: "flux-system",
        sourceRef: "flux-system",
        git: { checkout: { ref: { branch: "main" } }, commit: { author: { name: "fluxcdbot", email: "fluxcdbot" } } },
        update: { path: "clusters/production" },
      }),
    message: [
      `imageUpdateAutomation "images": git.commit.author.email: expected an e-mail address`,
      `imageUpdateAutomation "images": update.path: "clusters/production" must start with "./" (it is relative to the root of the source)`,
    ].join("\n"),
  },
  {
    label: "a reference that is neither a name nor { name, namespace }",
    build: () => fluxKustomization({ name: "apps", path: "./apps", dependsOn: [42 as never] }),
    message: `fluxKustomization "apps": dependsOn[0]: expected a name or an object { name, namespace }`,
  },
];

describe("Flux builders reject bad input", () => {
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
