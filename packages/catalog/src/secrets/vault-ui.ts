/**
 * The route to Vault's UI and API through Traefik: an IngressRoute to the
 * `vault-active` Service (the leader), its certificate from a cert-manager
 * issuer, and, when Vault's listener has TLS, a ServersTransport that
 * trusts Vault's CA.
 */
import type { ApiObject } from "@typed-gitops/lib";
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { ServersTransport } from "@kubernetes-models/traefik/traefik.io/v1alpha1/ServersTransport";
import type { VaultSettings } from "./vault.ts";
import { VAULT_RELEASE } from "./vault-config.ts";

/** The name of the IngressRoute and the Certificate. */
const ROUTE = `${VAULT_RELEASE}-ui`;

/** The Secret the Certificate writes and the IngressRoute serves. */
const ROUTE_TLS_SECRET = `${ROUTE}-tls`;

/** The objects of `ui.ingress`, or none without it (configs layer). */
export function vaultUiRoute(props: VaultSettings): ApiObject[] {
  const ingress = props.ui.ingress;
  if (ingress === undefined) return [];
  const { namespace, tls } = props;
  const active = `${VAULT_RELEASE}-active`;
  const objects: ApiObject[] = [
    new Certificate({
      metadata: { name: ROUTE, namespace },
      spec: {
        secretName: ROUTE_TLS_SECRET,
        dnsNames: [ingress.host],
        issuerRef: { name: ingress.issuerRef.name, kind: ingress.issuerRef.kind, group: "cert-manager.io" },
      },
    }),
    new IngressRoute({
      metadata: { name: ROUTE, namespace },
      spec: {
        entryPoints: ingress.entryPoints,
        routes: [
          {
            kind: "Rule",
            match: `Host(\`${ingress.host}\`)`,
            ...(ingress.middlewares.length > 0 ? { middlewares: ingress.middlewares.map(({ name, namespace: ns }) => ({ name, namespace: ns })) } : {}),
            services: [
              {
                name: active,
                port: 8200,
                ...(tls === undefined ? {} : { scheme: "https", serversTransport: VAULT_RELEASE }),
              },
            ],
          },
        ],
        tls: { secretName: ROUTE_TLS_SECRET },
      },
    }),
  ];
  if (tls !== undefined) {
    objects.push(
      new ServersTransport({
        metadata: { name: VAULT_RELEASE, namespace },
        spec: { serverName: `${active}.${namespace}.svc`, rootCAs: [{ secret: tls.secretName }] },
      }),
    );
  }
  return objects;
}
