/**
 * The Istio AuthorizationPolicy (`security.istio.io/v1`): which peers may
 * call which workloads. {@link authorizationPolicy} takes typed rules;
 * `authorizationPolicy.defaultDeny(namespace)` denies everything a
 * namespace (or, in `istio-system`, the mesh) does not explicitly allow,
 * and `authorizationPolicy.allow({...})` allows named callers, writing
 * their SPIFFE principals (`cluster.local/ns/<ns>/sa/<sa>`) for you.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import { z } from "zod";
import { DEFAULT_TRUST_DOMAIN, ISTIO_INGRESS_GATEWAY, ISTIO_INGRESS_NAMESPACE, principalOf } from "./names.ts";
import { portNumber, workloadSelector } from "./props.ts";

const strings = z.array(z.string().min(1));

/** One rule: requests match when any `from` and any `to` and every `when` match. */
const ruleSchema = z
  .object({
    from: z
      .array(
        z
          .object({
            principals: strings.optional().describe("SPIFFE principals, e.g. cluster.local/ns/shop/sa/web. Default: any."),
            namespaces: strings.optional().describe("Source namespaces. Default: any."),
            notNamespaces: strings.optional().describe("Source namespaces excluded. Default: none."),
            ipBlocks: strings.optional().describe("Source IP addresses or CIDR blocks. Default: any."),
          })
          .strict(),
      )
      .optional()
      .describe("Sources, any of which matches. Default: any source."),
    to: z
      .array(
        z
          .object({
            ports: z.array(portNumber).optional().describe("Destination ports. Default: any."),
            methods: strings.optional().describe("HTTP methods, e.g. GET. Default: any."),
            paths: strings.optional().describe("HTTP paths, exact or with a * prefix or suffix. Default: any."),
            hosts: strings.optional().describe("Host headers. Default: any."),
          })
          .strict(),
      )
      .optional()
      .describe("Operations, any of which matches. Default: any operation."),
    when: z
      .array(z.object({ key: z.string().min(1).describe("An Istio attribute, e.g. request.auth.claims[groups]."), values: strings.min(1).describe("The values, any of which matches.") }).strict())
      .optional()
      .describe("Conditions, all of which must hold. Default: none."),
  })
  .strict();

/** The props of {@link authorizationPolicy}. */
export const authorizationPolicyProps = z
  .object({
    name: objectName().describe("The AuthorizationPolicy's name."),
    namespace: namespaceName().describe("Its namespace; in the root namespace (istio-system) it applies to the whole mesh."),
    action: z.enum(["ALLOW", "DENY", "AUDIT"]).default("ALLOW").describe("ALLOW, DENY or AUDIT the matching requests. Default: ALLOW."),
    selector: workloadSelector.optional().describe("The labels of the workloads it applies to. Default: every workload of the namespace."),
    rules: z.array(ruleSchema).describe("The rules, any of which matches; [{}] matches every request, [] none."),
  })
  .strict();

/** The input of {@link authorizationPolicy}. */
export type AuthorizationPolicyInput = z.input<typeof authorizationPolicyProps>;

type Rule = z.output<typeof ruleSchema>;

function present<T extends object>(entries: T): Partial<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function ruleOf(rule: Rule) {
  return present({
    from: rule.from?.map((source) => ({ source: present(source) })),
    to: rule.to?.map((operation) => ({ operation: present({ ...operation, ports: operation.ports?.map(String) }) })),
    when: rule.when,
  });
}

function buildPolicy(input: AuthorizationPolicyInput): AuthorizationPolicy {
  const props = parseProps(authorizationPolicyProps, input, "authorizationPolicy");
  return new AuthorizationPolicy({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      action: props.action,
      ...(props.selector === undefined ? {} : { selector: { matchLabels: props.selector } }),
      rules: props.rules.map(ruleOf),
    },
  });
}

/** The props of `authorizationPolicy.defaultDeny`. */
export const defaultDenyProps = z
  .object({
    namespace: namespaceName().describe("The namespace whose workloads deny every request no ALLOW policy matches; istio-system for the whole mesh."),
    name: objectName().default("default-deny").describe("The policy's name. Default: default-deny."),
  })
  .strict();

/** The input of `authorizationPolicy.defaultDeny`: a namespace, or `{ namespace, name }`. */
export type DefaultDenyInput = string | z.input<typeof defaultDenyProps>;

/**
 * An AuthorizationPolicy with an empty spec: every workload of the
 * namespace (of the mesh, in `istio-system`) then denies each request that
 * no ALLOW policy allows.
 *
 * @example
 * authorizationPolicy.defaultDeny("shop");
 * @throws {UserError} when the namespace is not a DNS-1123 label.
 */
function defaultDeny(input: DefaultDenyInput): AuthorizationPolicy {
  const props = parseProps(defaultDenyProps, typeof input === "string" ? { namespace: input } : input, "authorizationPolicy.defaultDeny");
  return new AuthorizationPolicy({ metadata: { name: props.name, namespace: props.namespace }, spec: {} });
}

/** One caller of `authorizationPolicy.allow`. */
const callerSchema = z
  .object({
    namespace: namespaceName().optional().describe("The caller's namespace: alone, any workload of it; with serviceAccount, that account's workloads."),
    serviceAccount: objectName().optional().describe("The caller's ServiceAccount (needs namespace)."),
    ingressGateway: z
      .union([
        z.literal(true),
        z
          .object({
            namespace: namespaceName().default(ISTIO_INGRESS_NAMESPACE).describe(`The gateway's namespace. Default: ${ISTIO_INGRESS_NAMESPACE}.`),
            serviceAccount: objectName().default(ISTIO_INGRESS_GATEWAY).describe(`The gateway's ServiceAccount. Default: ${ISTIO_INGRESS_GATEWAY}.`),
          })
          .strict(),
      ])
      .optional()
      .describe(`The ingress gateway: true for the istio component's (${ISTIO_INGRESS_NAMESPACE}/${ISTIO_INGRESS_GATEWAY}), or { namespace, serviceAccount }.`),
  })
  .strict()
  .superRefine((caller, ctx) => {
    if (caller.ingressGateway !== undefined) {
      if (caller.namespace !== undefined || caller.serviceAccount !== undefined) ctx.addIssue({ code: "custom", message: "give ingressGateway alone, or namespace with an optional serviceAccount" });
    } else if (caller.namespace === undefined) {
      ctx.addIssue({ code: "custom", message: caller.serviceAccount === undefined ? "give namespace, { namespace, serviceAccount } or ingressGateway" : "serviceAccount needs namespace" });
    }
  });

/** The props of `authorizationPolicy.allow`. */
export const allowProps = z
  .object({
    name: objectName().describe("The policy's name, e.g. allow-web-to-api."),
    namespace: namespaceName().describe("The namespace of the called workloads."),
    to: workloadSelector.optional().describe("The labels of the called workloads. Default: every workload of the namespace."),
    from: z.array(callerSchema).min(1, "name at least one caller").describe("The callers, any of which is allowed: { namespace, serviceAccount }, { namespace } or { ingressGateway: true }."),
    ports: z.array(portNumber).optional().describe("The called ports. Default: any."),
    methods: z.array(z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE"])).optional().describe("The HTTP methods. Default: any."),
    paths: z.array(z.string().regex(/^(\/|\*)/, "expected a path starting with / (or a * suffix match)")).optional().describe("The HTTP paths, exact or with a * prefix or suffix. Default: any."),
    trustDomain: z.string().min(1).default(DEFAULT_TRUST_DOMAIN).describe(`The mesh's trust domain, the first part of each principal. Default: ${DEFAULT_TRUST_DOMAIN}.`),
  })
  .strict();

/** The input of `authorizationPolicy.allow`. */
export type AllowInput = z.input<typeof allowProps>;

/**
 * An ALLOW AuthorizationPolicy that lets the named callers reach the
 * selected workloads: service accounts become SPIFFE principals
 * (`<trustDomain>/ns/<namespace>/sa/<serviceAccount>`), namespaces stay
 * namespaces. Callers need sidecars (mutual TLS) to be identified.
 *
 * @example
 * authorizationPolicy.allow({ name: "allow-web", namespace: "shop", to: { app: "api" }, from: [{ namespace: "shop", serviceAccount: "web" }, { ingressGateway: true }], ports: [8080], methods: ["GET"] });
 * @throws {UserError} naming every invalid or unknown prop.
 */
function allow(input: AllowInput): AuthorizationPolicy {
  const props = parseProps(allowProps, input, "authorizationPolicy.allow");
  const principals: string[] = [];
  const namespaces: string[] = [];
  for (const caller of props.from) {
    if (caller.ingressGateway !== undefined) {
      const gateway = caller.ingressGateway === true ? { namespace: ISTIO_INGRESS_NAMESPACE, serviceAccount: ISTIO_INGRESS_GATEWAY } : caller.ingressGateway;
      principals.push(principalOf(gateway.namespace, gateway.serviceAccount, props.trustDomain));
    } else if (caller.serviceAccount !== undefined) {
      principals.push(principalOf(caller.namespace!, caller.serviceAccount, props.trustDomain));
    } else {
      namespaces.push(caller.namespace!);
    }
  }
  const unique = (values: string[]) => [...new Set(values)];
  const hasOperation = props.ports !== undefined || props.methods !== undefined || props.paths !== undefined;
  return buildPolicy({
    name: props.name,
    namespace: props.namespace,
    action: "ALLOW",
    ...(props.to === undefined ? {} : { selector: props.to }),
    rules: [
      {
        from: [...(principals.length > 0 ? [{ principals: unique(principals) }] : []), ...(namespaces.length > 0 ? [{ namespaces: unique(namespaces) }] : [])],
        ...(hasOperation ? { to: [{ ports: props.ports, methods: props.methods, paths: props.paths }] } : {}),
      },
    ],
  });
}

/**
 * Builds an AuthorizationPolicy from typed rules. See also
 * `authorizationPolicy.defaultDeny(namespace)` and
 * `authorizationPolicy.allow({ namespace, to, from, ports, methods, paths })`.
 *
 * @example
 * authorizationPolicy({ name: "deny-admin", namespace: "shop", action: "DENY", rules: [{ to: [{ paths: ["/admin*"] }] }] });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export const authorizationPolicy: ((input: AuthorizationPolicyInput) => AuthorizationPolicy) & {
  /** Denies every request no ALLOW policy matches, in a namespace (or the mesh, in `istio-system`). */
  readonly defaultDeny: typeof defaultDeny;
  /** Allows named callers (service accounts, namespaces, the ingress gateway) to reach selected workloads. */
  readonly allow: typeof allow;
} = Object.assign(buildPolicy, { defaultDeny, allow });
