import { describe, expect, it } from "vitest";
import { describeRejections, emitComponent, expectValidTree, itMatchesGoldenFiles } from "../../test/validate-components.ts";
import { CLOUDFLARE_DDNS_IMAGE } from "../versions.ts";
import { CLOUDFLARE_DDNS_PROBES_EXEMPTION, cloudflareDdns, ddnsRecords, type CloudflareDdnsProps } from "./cloudflare-ddns.ts";

const minimal: CloudflareDdnsProps = { zone: "example.org", tokenSecret: "cloudflare-api-token" };

const rich: CloudflareDdnsProps = {
  name: "ddns-home",
  namespace: "edge",
  createNamespace: false,
  records: ["home.example.org", "*.home.example.org", "example.net"],
  proxied: true,
  ipv6: true,
  updateCron: "*/10 * * * *",
  ttl: 300,
  tokenSecret: "cloudflare",
  tokenKey: "api-token",
  image: { repository: "ghcr.io/favonia/cloudflare-ddns", tag: "1.17.0" },
  resources: { requests: { cpu: "20m", memory: "48Mi" }, limits: { memory: "96Mi" } },
};

const renders = [
  { file: "cloudflare-ddns.default", props: minimal },
  { file: "cloudflare-ddns.rich", props: rich },
] as const;

describe("cloudflareDdns", () => {
  itMatchesGoldenFiles(renders, ({ props }) => emitComponent(cloudflareDdns(props)));

  it("renders components that pass validation, with only the documented probes exemption", async () => {
    await expectValidTree([cloudflareDdns(minimal), cloudflareDdns(rich)], { cluster: { preexisting: { namespaces: ["edge"], objects: [] } } });
    const deployment = cloudflareDdns(minimal).configs!.find((object) => object.kind === "Deployment")!;
    expect(deployment.metadata?.annotations).toEqual({ "suppress.policy.typed-gitops.dev/probes": CLOUDFLARE_DDNS_PROBES_EXEMPTION });
  });

  it("pins an exact cloudflare-ddns tag", () => {
    expect(CLOUDFLARE_DDNS_IMAGE).toEqual({ tag: "1.17.1", repository: "docker.io/favonia/cloudflare-ddns" });
  });

  it("expands a zone to its @ record and, by default, its wildcard", () => {
    expect(ddnsRecords({ zone: "example.org", wildcard: true })).toEqual(["example.org", "*.example.org"]);
    expect(ddnsRecords({ zone: "example.org", wildcard: false })).toEqual(["example.org"]);
    expect(ddnsRecords({ records: ["a.example.org", "a.example.org", "*.example.org"], wildcard: true })).toEqual(["a.example.org", "*.example.org"]);
  });

  it("allows egress only to HTTPS and the cluster DNS, over IPv6 only when ipv6 is on", () => {
    const spec = (props: CloudflareDdnsProps) => (cloudflareDdns(props).configs!.find((object) => object.kind === "NetworkPolicy") as unknown as { spec: { egress: unknown[]; ingress?: unknown } }).spec;
    expect(spec(minimal).egress[1]).toEqual({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] });
    expect(spec(rich).egress[1]).toEqual({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }, { ipBlock: { cidr: "::/0" } }], ports: [{ protocol: "TCP", port: 443 }] });
    expect(spec(minimal).ingress).toBeUndefined();
  });
});

const invalid = [
  {
    label: "no token Secret",
    build: () => cloudflareDdns({} as CloudflareDdnsProps),
    message: "cloudflareDdns: tokenSecret: is required",
  },
  {
    label: "neither records nor zone",
    build: () => cloudflareDdns({ tokenSecret: "cloudflare" }),
    message: "cloudflareDdns: records: give records, or zone for the zone's @ and * records",
  },
  {
    label: "both records and zone",
    build: () => cloudflareDdns({ ...minimal, records: ["example.org"] }),
    message: "cloudflareDdns: zone: cannot be given with records: give one of them",
  },
  {
    label: "a wildcard zone, a one-shot schedule and an unknown prop",
    build: () => cloudflareDdns({ zone: "*.example.org", updateCron: "@once", tokenSecret: "cloudflare", domains: "example.org" } as CloudflareDdnsProps),
    message: [
      `cloudflareDdns: zone: "*.example.org" is a wildcard: give one host name such as app.example.org`,
      "cloudflareDdns: updateCron: expected a schedule such as @every 5m, @hourly or a five-field cron expression",
      `cloudflareDdns: unknown field "domains"\n  hint: remove it, or check its spelling against the documented props`,
    ].join("\n"),
  },
  {
    label: "an empty record list",
    build: () => cloudflareDdns({ records: [], tokenSecret: "cloudflare" }),
    message: "cloudflareDdns: records: give at least one record, such as example.org",
  },
  {
    label: "a record that is not a domain name",
    build: () => cloudflareDdns({ records: ["example.org", "https://example.org"], tokenSecret: "cloudflare" }),
    message: `cloudflareDdns: records[1]: "https://example.org" is not a fully qualified host name or wildcard such as example.org or *.example.org: use lower-case letters, digits, '-' and '.', each label starting and ending with a letter or digit`,
  },
] as const;

describeRejections("cloudflareDdns", invalid);
