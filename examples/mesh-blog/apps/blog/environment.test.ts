/**
 * blogEnvironment(): the folders one environment renders, and the errors
 * that invalid props produce, named by field.
 */
import { describe, expect, it } from "vitest";
import { blogEnvironment, type BlogEnvironmentProps } from "./environment.ts";

const sealed = (name: string, namespace: string) => ({ apiVersion: "bitnami.com/v1alpha1", kind: "SealedSecret", metadata: { name, namespace }, spec: { encryptedData: { "client-secret": "AgB…" } } });

const valid: BlogEnvironmentProps = {
  namespace: "qa",
  host: "qa.blog.example.org",
  oidc: { issuerUrl: "https://login.example.org/realms/qa", clientId: "blog-qa", clientSecret: sealed("user-oidc-qa", "qa") },
  storage: { block: "gp3", shared: "efs" },
  operatorNamespace: "postgres-operator",
};

describe("blogEnvironment", () => {
  it("renders the namespace, its mesh policies, its database and one folder per service under apps/<namespace>/", () => {
    expect(Object.keys(blogEnvironment(valid)).sort()).toEqual(["apps/qa/comment", "apps/qa/content", "apps/qa/database", "apps/qa/frontend", "apps/qa/mesh-policies", "apps/qa/namespace", "apps/qa/user"]);
  });

  it("puts every object in the environment's namespace", () => {
    const namespaces = new Set(Object.values(blogEnvironment(valid)).flatMap((objects) => objects.map((object) => object.metadata?.namespace ?? object.metadata?.name)));
    expect([...namespaces]).toEqual(["qa"]);
  });

  it("applies a cluster's app overrides over the environment's wiring, merging env", () => {
    const folders = blogEnvironment({ ...valid, apps: { user: { replicas: 4, tag: "1.10.0", env: { LOG_LEVEL: "debug" } } } });
    const deployment = folders["apps/qa/user"]!.find((object) => object.kind === "Deployment") as unknown as { spec: { replicas: number; template: { spec: { containers: { image: string; env: { name: string }[] }[] } } } };
    expect(deployment.spec.replicas).toBe(4);
    const [container] = deployment.spec.template.spec.containers;
    expect(container!.image).toBe("ghcr.io/example-org/blog-user:1.10.0");
    expect(container!.env.map((entry) => entry.name)).toEqual(expect.arrayContaining(["LOG_LEVEL", "OIDC_CLIENT_ID", "OIDC_ISSUER_URL", "OIDC_CLIENT_SECRET"]));
  });

  it.each([
    { case: "a host that is not a DNS name", props: { ...valid, host: "QA" }, error: 'blogEnvironment("qa"): host: expected a host name such as blog.example.org' },
    { case: "an issuer over plain HTTP", props: { ...valid, oidc: { ...valid.oidc, issuerUrl: "http://login.example.org" } }, error: 'blogEnvironment("qa"): oidc.issuerUrl: expected an https:// URL' },
    {
      case: "a plaintext Secret as the client secret",
      props: { ...valid, oidc: { ...valid.oidc, clientSecret: { apiVersion: "v1", kind: "Secret", metadata: { name: "user-oidc-qa" } } } },
      error: 'blogEnvironment("qa"): oidc.clientSecret: expected a SealedSecret from sealedSecretObject()',
    },
    { case: "an unknown field", props: { ...valid, replicas: 2 }, error: 'blogEnvironment("qa"): unknown field "replicas"' },
    { case: "overrides of a service the blog does not have", props: { ...valid, apps: { search: {} } }, error: 'blogEnvironment("qa"): apps: unknown field "search"' },
  ])("rejects $case", ({ props, error }) => {
    expect(() => blogEnvironment(props as BlogEnvironmentProps)).toThrow(error);
  });
});
