/**
 * A Cloudflare DDNS updater as a component: favonia/cloudflare-ddns as a
 * Deployment we write ourselves, keeping the A (and optionally AAAA)
 * records of a zone pointed at the cluster's public IP address.
 *
 * Layer: `infrastructure/configs/<name>/`, like the tunnel: it needs no CRDs,
 * and the DNS names the apps are reached by should be kept before the apps.
 */
import { objectName, parseProps, suppress } from "@typed-gitops/lib";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";
import type { Component } from "../component.ts";
import { dnsLabelProp, namespaceProp } from "../shared/chart-props.ts";
import { GO_DURATION_PARTS } from "../shared/duration.ts";
import { hostName } from "../shared/host-name.ts";
import { resourceRequirements, resourcesProp } from "../shared/resources.ts";
import { secretKey } from "../shared/secret-ref.ts";
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from "../shared/workload-security.ts";
import { CLOUDFLARE_DDNS_IMAGE } from "../versions.ts";
import { DNS_EGRESS_RULE, imageProp, internetEgressRule } from "./workload-defaults.ts";

/** The user and group the updater runs as (the image has no user of its own; its docs use 1000:1000). */
const DDNS_UID = 1000;

/**
 * Why the Deployment is exempt from the `probes` policy, written into its
 * suppression annotation.
 */
export const CLOUDFLARE_DDNS_PROBES_EXEMPTION =
  "favonia/cloudflare-ddns serves no HTTP or TCP endpoint and its image (FROM scratch) has no shell for an exec probe; a failed update is logged and retried at the next UPDATE_CRON tick";

/**
 * A schedule as the updater reads it: `@every <duration>`, a descriptor such
 * as `@hourly`, or five cron fields. Not `@once` or `@disabled`: a
 * Deployment's updater must keep running.
 */
const UPDATE_CRON = new RegExp(`^(@every ${GO_DURATION_PARTS}|@(hourly|daily|weekly|monthly|yearly|annually)|(\\S+\\s+){4}\\S+)$`);

/** The props of {@link cloudflareDdns}. */
export const cloudflareDdnsProps = z
  .object({
    name: dnsLabelProp("cloudflare-ddns", "The component's name: its folder, and the name of the Deployment and NetworkPolicy"),
    namespace: namespaceProp("cloudflare-ddns", "the updater"),
    createNamespace: z.boolean().default(true).describe("Whether the component renders the Namespace; false when another component does. Default: true."),
    records: z
      .array(hostName({ wildcard: true, fullyQualified: true }))
      .min(1, "give at least one record, such as example.org")
      .optional()
      .describe('The DNS records to keep, e.g. ["example.org", "*.example.org"]; give this or zone. Default: none.'),
    zone: hostName({ fullyQualified: true }).optional().describe("Shortcut for records: the zone's apex (@), and with wildcard its *. record; give this or records. Default: none."),
    wildcard: z.boolean().default(true).describe("With zone: also keep *.<zone>. Default: true."),
    proxied: z.boolean().default(false).describe("Whether records the updater creates go through Cloudflare's proxy (existing records keep their proxy status). Default: false."),
    ipv6: z.boolean().default(false).describe("Whether AAAA records are kept too (IP6_PROVIDER); needs IPv6 egress from the pod. Default: false (IPv4 only)."),
    updateCron: z
      .string()
      .regex(UPDATE_CRON, "expected a schedule such as @every 5m, @hourly or a five-field cron expression")
      .default("@every 5m")
      .describe("How often the public IP is checked (UPDATE_CRON). Default: @every 5m."),
    ttl: z.number().int().min(1).optional().describe("The TTL in seconds of records the updater creates; 1 means automatic. Default: none (the updater's, 1)."),
    tokenSecret: objectName().describe(
      "The Secret in the namespace with a Cloudflare API token that may edit the zone's DNS (Zone - DNS - Edit). You create it (SOPS, SealedSecret or ExternalSecret); it is never inlined.",
    ),
    tokenKey: secretKey().default("token").describe("The key of the token in tokenSecret. Default: token."),
    image: imageProp(CLOUDFLARE_DDNS_IMAGE),
    resources: resourcesProp({ cpu: "10m", memory: "32Mi", memoryLimit: "64Mi" }, "the updater container"),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.records === undefined && props.zone === undefined) ctx.addIssue({ code: "custom", path: ["records"], message: "give records, or zone for the zone's @ and * records" });
    if (props.records !== undefined && props.zone !== undefined) ctx.addIssue({ code: "custom", path: ["zone"], message: "cannot be given with records: give one of them" });
  });

/** The input of {@link cloudflareDdns}. */
export type CloudflareDdnsProps = z.input<typeof cloudflareDdnsProps>;

/** The records the updater keeps, in the order given (zone shortcut: @, then *). */
export function ddnsRecords(props: { readonly records?: readonly string[] | undefined; readonly zone?: string | undefined; readonly wildcard: boolean }): string[] {
  if (props.records !== undefined) return [...new Set(props.records)];
  const zone = props.zone!;
  return props.wildcard ? [zone, `*.${zone}`] : [zone];
}

/**
 * Renders a Cloudflare DDNS updater in `infrastructure/configs/<name>/`:
 * a Deployment (one replica: two updaters would race) of
 * favonia/cloudflare-ddns with `DOMAINS` from `records` (or `zone`),
 * `PROXIED`, `IP6_PROVIDER=none` unless `ipv6`, `UPDATE_CRON`, and the API
 * token from `tokenSecret` as a `secretKeyRef`; restricted security
 * (non-root 1000, read-only root filesystem, no capabilities, RuntimeDefault
 * seccomp, no service account token); a NetworkPolicy allowing egress only
 * to HTTPS (the Cloudflare API and its IP trace endpoints) and the cluster
 * DNS, and no ingress; and the Namespace unless `createNamespace: false`.
 *
 * The image serves no endpoint and has no shell, so the Deployment carries a
 * documented exemption from the `probes` policy
 * ({@link CLOUDFLARE_DDNS_PROBES_EXEMPTION}).
 *
 * @example
 * cloudflareDdns({ zone: "example.org", tokenSecret: "cloudflare-api-token", proxied: true });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function cloudflareDdns(input: CloudflareDdnsProps): Component {
  const props = parseProps(cloudflareDdnsProps, input, "cloudflareDdns");
  const { name, namespace } = props;
  const labels = { "app.kubernetes.io/name": "cloudflare-ddns", "app.kubernetes.io/instance": name };
  const env: IEnvVar[] = [
    { name: "DOMAINS", value: ddnsRecords(props).join(",") },
    { name: "PROXIED", value: String(props.proxied) },
    ...(props.ipv6 ? [] : [{ name: "IP6_PROVIDER", value: "none" }]),
    { name: "UPDATE_CRON", value: props.updateCron },
    ...(props.ttl === undefined ? [] : [{ name: "TTL", value: String(props.ttl) }]),
    { name: "CLOUDFLARE_API_TOKEN", valueFrom: { secretKeyRef: { name: props.tokenSecret, key: props.tokenKey } } },
  ];

  const deployment = suppress(
    new Deployment({
      metadata: { name, namespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        strategy: { type: "Recreate" },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: restrictedPodSecurityContext(DDNS_UID),
            containers: [
              {
                name: "cloudflare-ddns",
                image: `${props.image.repository}:${props.image.tag}`,
                env,
                resources: resourceRequirements(props.resources),
                securityContext: restrictedContainerSecurityContext(),
              },
            ],
          },
        },
      },
    }),
    "probes",
    CLOUDFLARE_DDNS_PROBES_EXEMPTION,
  );

  const networkPolicy = new NetworkPolicy({
    metadata: { name, namespace },
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: ["Ingress", "Egress"],
      egress: [DNS_EGRESS_RULE, internetEgressRule([{ protocol: "TCP", port: 443 }], props.ipv6)],
    },
  });

  return {
    name,
    configs: [...(props.createNamespace ? [new Namespace({ metadata: { name: namespace } })] : []), deployment, networkPolicy],
  };
}
