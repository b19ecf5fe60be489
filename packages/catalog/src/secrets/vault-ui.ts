/**
 * The route to Vault's UI and API through Traefik: an IngressRoute to the
 * `vault-active` Service (the leader), its certificate from a cert-manager
 * issuer, and, when Vault's listener has TLS, a ServersTransport that
 * trusts Vault's CA.
 */
import type { ApiObject } from "@typed-gitops/lib";
import { webUiRoute } from "../shared/web-route.ts";
import { VAULT_RELEASE } from "./vault-config.ts";
import type { VaultSettings } from "./vault.ts";

/** The objects of `ui.ingress`, or none without it (configs layer). */
export function vaultUiRoute(props: VaultSettings): ApiObject[] {
  const ingress = props.ui.ingress;
  if (ingress === undefined) return [];
  const { namespace, tls } = props;
  const active = `${VAULT_RELEASE}-active`;
  // The IngressRoute and the Certificate are vault-ui, the Secret vault-ui-tls.
  return [
    ...webUiRoute({
      name: `${VAULT_RELEASE}-ui`,
      namespace,
      host: ingress.host,
      entryPoints: ingress.entryPoints,
      middlewares: ingress.middlewares,
      certificate: { issuer: ingress.issuerRef },
      backends: [{ name: active, port: 8200 }],
      ...(tls === undefined ? {} : { backendTls: { name: VAULT_RELEASE, serverName: `${active}.${namespace}.svc`, caSecret: tls.secretName } }),
    }).objects,
  ];
}
