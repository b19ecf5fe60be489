/**
 * The Istio PeerAuthentication (`security.istio.io/v1`): whether sidecars
 * accept plaintext or only mutual TLS, mesh-wide (in the root namespace),
 * for a namespace, or for selected workloads and ports.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication";
import { z } from "zod";
import { workloadSelector } from "./props.ts";

const mtlsMode = z.enum(["STRICT", "PERMISSIVE", "DISABLE"]);

/** The props of {@link peerAuthentication}. */
export const peerAuthenticationProps = z
  .object({
    name: objectName().default("default").describe("The PeerAuthentication's name. Default: default."),
    namespace: namespaceName().describe("Its namespace: the mesh's root namespace (istio-system) for a mesh-wide policy, else the namespace it applies to."),
    mode: mtlsMode.default("STRICT").describe("STRICT (mutual TLS only), PERMISSIVE (mutual TLS or plaintext) or DISABLE. Default: STRICT."),
    selector: workloadSelector.optional().describe("The labels of the workloads it applies to. Default: every workload of the namespace."),
    ports: z
      .record(
        z.string().regex(/^[0-9]+$/, "expected a port number"),
        mtlsMode,
      )
      .optional()
      .describe("A mode per workload port, e.g. { \"8080\": \"PERMISSIVE\" } for a port scraped without mTLS; needs selector. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.ports === undefined) return;
    if (props.selector === undefined || Object.keys(props.selector).length === 0) ctx.addIssue({ code: "custom", path: ["ports"], message: "needs selector: per-port modes apply to selected workloads only" });
    for (const port of Object.keys(props.ports)) {
      const number = Number(port);
      if (number < 1 || number > 65535) ctx.addIssue({ code: "custom", path: ["ports", port], message: "expected a port from 1 to 65535" });
    }
  });

/** The input of {@link peerAuthentication}. */
export type PeerAuthenticationInput = z.input<typeof peerAuthenticationProps>;

/**
 * Builds a PeerAuthentication; with the defaults, STRICT mutual TLS for the
 * whole namespace (the whole mesh in `istio-system`).
 *
 * @example
 * peerAuthentication({ namespace: "shop", selector: { app: "api" }, ports: { "9090": "PERMISSIVE" } });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function peerAuthentication(input: PeerAuthenticationInput): PeerAuthentication {
  const props = parseProps(peerAuthenticationProps, input, "peerAuthentication");
  const ports = props.ports === undefined ? undefined : Object.keys(props.ports).sort((a, b) => Number(a) - Number(b));
  return new PeerAuthentication({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      ...(props.selector === undefined ? {} : { selector: { matchLabels: props.selector } }),
      mtls: { mode: props.mode },
      ...(ports === undefined ? {} : { portLevelMtls: Object.fromEntries(ports.map((port) => [port, { mode: props.ports![port]! }])) }),
    },
  });
}
