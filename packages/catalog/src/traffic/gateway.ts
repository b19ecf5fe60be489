/**
 * The Gateway API Gateway (`gateway.networking.k8s.io/v1`): listeners of a
 * gateway implementation (Traefik, Istio, Cilium…), each a port, protocol
 * and optional host name, with the TLS certificates of its HTTPS listeners
 * and the namespaces whose routes may attach.
 */
import { Gateway } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway";
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { z } from "zod";
import { hostName } from "../shared/host-name.ts";
import { stringMap } from "../shared/string-map.ts";

const SECTION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Gateway API section name (a listener or rule name), such as `https`. */
export const sectionName = () => z.string().max(253).regex(SECTION_NAME, "expected lower-case letters, digits, '-' and '.', such as https");

const listener = z
  .object({
    name: sectionName().describe("The listener's name, unique in the Gateway; routes attach to it by sectionName."),
    protocol: z.enum(["HTTP", "HTTPS"]).describe("HTTP, or HTTPS terminating TLS with certificateRefs."),
    port: z.number().int().min(1).max(65535).describe("The port (for Traefik, an entrypoint's port: 8000 web, 8443 websecure)."),
    hostname: hostName({ wildcard: true }).optional().describe("Only requests for this host name (or wildcard) match. Default: any host."),
    certificateRefs: z
      .array(
        z
          .object({
            name: objectName().describe("The TLS Secret's name, e.g. from a cert-manager Certificate."),
            namespace: namespaceName().optional().describe("The Secret's namespace (needs a ReferenceGrant). Default: the Gateway's."),
          })
          .strict(),
      )
      .min(1)
      .max(64)
      .optional()
      .describe("The TLS Secrets of an HTTPS listener; required for HTTPS, not allowed for HTTP. Default: none."),
    allowedRoutes: z
      .union([z.enum(["Same", "All"]), z.object({ namespaceLabels: stringMap.refine((labels) => Object.keys(labels).length > 0, "give at least one label") }).strict()])
      .default("Same")
      .describe("Which namespaces' routes may attach: Same (the Gateway's), All, or { namespaceLabels } for namespaces with those labels. Default: Same."),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.protocol === "HTTPS" && value.certificateRefs === undefined) ctx.addIssue({ code: "custom", path: ["certificateRefs"], message: "is required for an HTTPS listener" });
    if (value.protocol === "HTTP" && value.certificateRefs !== undefined) ctx.addIssue({ code: "custom", path: ["certificateRefs"], message: "is not allowed for an HTTP listener" });
  });

/** The props of {@link gatewayApiGateway}. */
export const gatewayApiGatewayProps = z
  .object({
    name: objectName().describe("The Gateway's name."),
    namespace: namespaceName().describe("The Gateway's namespace."),
    gatewayClassName: objectName().default("traefik").describe("The GatewayClass of the implementation that runs it. Default: traefik (rendered by traefik({ providers: { gatewayApi: true } }))."),
    listeners: z.array(listener).min(1, "give at least one listener").max(64).describe("The listeners."),
    annotations: stringMap.default({}).describe("Annotations of the Gateway. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    const names = new Set<string>();
    const combos = new Set<string>();
    props.listeners.forEach((l, index) => {
      if (names.has(l.name)) ctx.addIssue({ code: "custom", path: ["listeners", index, "name"], message: `${JSON.stringify(l.name)} is used by another listener: listener names must be unique` });
      names.add(l.name);
      const combo = `${l.port}/${l.protocol}/${l.hostname ?? ""}`;
      if (combos.has(combo)) ctx.addIssue({ code: "custom", path: ["listeners", index], message: `another listener has the same port, protocol and hostname (${l.port}, ${l.protocol}, ${l.hostname ?? "any host"})` });
      combos.add(combo);
    });
  });

/** The input of {@link gatewayApiGateway}. */
export type GatewayApiGatewayInput = z.input<typeof gatewayApiGatewayProps>;

/**
 * Builds a Gateway API Gateway with HTTP and HTTPS listeners; HTTPS
 * listeners terminate TLS with their certificateRefs. (Named apart from
 * the mesh section's `gateway()`, which builds an Istio Gateway.)
 *
 * @example
 * gatewayApiGateway({ name: "public", namespace: "traefik", listeners: [
 *   { name: "http", protocol: "HTTP", port: 8000, allowedRoutes: "All" },
 *   { name: "https", protocol: "HTTPS", port: 8443, hostname: "*.example.org", certificateRefs: [{ name: "wildcard-tls" }], allowedRoutes: "All" },
 * ] });
 * @throws {UserError} naming every invalid or unknown field, duplicate listeners and HTTPS listeners without certificates.
 */
export function gatewayApiGateway(input: GatewayApiGatewayInput): Gateway {
  const props = parseProps(gatewayApiGatewayProps, input, `gatewayApiGateway ${JSON.stringify(input.name)}`);
  return new Gateway({
    metadata: { name: props.name, namespace: props.namespace, ...(Object.keys(props.annotations).length > 0 ? { annotations: props.annotations } : {}) },
    spec: {
      gatewayClassName: props.gatewayClassName,
      listeners: props.listeners.map((l) => ({
        name: l.name,
        protocol: l.protocol,
        port: l.port,
        ...(l.hostname === undefined ? {} : { hostname: l.hostname }),
        ...(l.certificateRefs === undefined
          ? {}
          : { tls: { mode: "Terminate" as const, certificateRefs: l.certificateRefs.map((ref) => ({ group: "", kind: "Secret", name: ref.name, ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }) })) } }),
        allowedRoutes: {
          namespaces:
            typeof l.allowedRoutes === "string"
              ? { from: l.allowedRoutes }
              : { from: "Selector" as const, selector: { matchLabels: l.allowedRoutes.namespaceLabels } },
        },
      })),
    },
  });
}
