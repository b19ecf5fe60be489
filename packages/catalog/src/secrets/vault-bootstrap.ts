/**
 * The one-time Vault bootstrap of the `vault()` component, as a ConfigMap
 * holding a shell script rendered from the props: the KV engine, the
 * Kubernetes auth method and its config, the External Secrets policy and
 * role, and the audit device.
 *
 * Why a script and not a Job: every step needs a privileged Vault token.
 * Right after `vault operator init` the only one is the root token; a Job
 * could only get it from a Secret in the cluster, which would make a
 * standing root credential part of the GitOps tree. So an operator runs the
 * script once with the token in their shell, and revokes the token after.
 */
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { VaultSettings } from "./vault.ts";
import { VAULT_AUDIT_FILE, VAULT_RELEASE } from "./vault-config.ts";

/** The ConfigMap's name. */
export const VAULT_BOOTSTRAP_CONFIGMAP = "vault-bootstrap";

/** The key of the script in the ConfigMap. */
export const VAULT_BOOTSTRAP_KEY = "bootstrap.sh";

/** The script for the parsed props. Every step checks first, so it can run again after a change of props. */
export function vaultBootstrapScript(props: VaultSettings): string {
  const { namespace } = props;
  const { mountPath } = props.kubernetesAuth;
  const eso = props.kubernetesAuth.externalSecrets;
  const leader = `${VAULT_RELEASE}-0`;
  const policyRules = eso.paths.flatMap((path) => [
    `path "${eso.kvMount}/data/${path}" {`,
    '  capabilities = ["read"]',
    "}",
    `path "${eso.kvMount}/metadata/${path}" {`,
    '  capabilities = ["read", "list"]',
    "}",
  ]);
  const roleArgs = [
    `bound_service_account_names=${eso.serviceAccount}`,
    `bound_service_account_namespaces=${eso.namespace}`,
    `policies=${eso.policy}`,
    `ttl=${eso.tokenTtl}`,
    ...(eso.audience === undefined ? [] : [`audience='${eso.audience}'`]),
  ];
  const lines = [
    "#!/bin/sh",
    "# Vault bootstrap, rendered by the catalog's vault() component from its props.",
    "#",
    "# Run it once Vault is initialised and unsealed, with a token allowed to enable",
    "# secrets engines, auth methods and audit devices (the initial root token; revoke",
    "# it afterwards with `vault token revoke -self`):",
    "#",
    `#   kubectl -n ${namespace} exec -ti ${leader} -- vault operator init`,
    `#   kubectl -n ${namespace} exec -ti <each vault pod> -- vault operator unseal   # repeat to the key threshold`,
    `#   kubectl -n ${namespace} get configmap ${VAULT_BOOTSTRAP_CONFIGMAP} -o jsonpath='{.data.bootstrap\\.sh}' \\`,
    `#     | kubectl -n ${namespace} exec -i ${leader} -- env VAULT_TOKEN="$VAULT_TOKEN" sh -s`,
    "#",
    "# Standby pods join the cluster on their own (retry_join) once unsealed; if one",
    `# does not, run \`vault operator raft join\` in it with the address of ${leader}.`,
    "#",
    "# No Job runs this: it needs a privileged Vault token, and a Job could only read",
    "# one from a Secret in the cluster, a standing root credential. Every step checks",
    "# first, so running it again after a change of props applies the change.",
    "set -eu",
    "",
    `# The KV v2 secrets engine the External Secrets Operator reads.`,
    `vault secrets list -format=json | grep -q '"${eso.kvMount}/"' || vault secrets enable -path=${eso.kvMount} kv-v2`,
    "",
    "# Kubernetes auth: Vault reviews ServiceAccount tokens with its own (the chart's",
    "# system:auth-delegator binding) and the in-cluster CA.",
    `vault auth list -format=json | grep -q '"${mountPath}/"' || vault auth enable -path=${mountPath} kubernetes`,
    `vault write auth/${mountPath}/config kubernetes_host=https://kubernetes.default.svc:443`,
    "",
    "# What the External Secrets Operator may read.",
    `vault policy write ${eso.policy} - <<'EOF'`,
    ...policyRules,
    "EOF",
    "",
    "# The role its ServiceAccount logs in with (vaultSecretStore's kubernetesAuth.role).",
    `vault write auth/${mountPath}/role/${eso.role} \\`,
    ...roleArgs.map((arg, i) => `  ${arg}${i < roleArgs.length - 1 ? " \\" : ""}`),
  ];
  if (props.audit.enabled) {
    lines.push(
      "",
      "# The audit log, on each pod's audit volume. Vault refuses requests it cannot",
      "# audit, so watch the volume's free space (VaultAuditLogFailures alerts).",
      `vault audit list -format=json | grep -q '"file/"' || vault audit enable file file_path=${VAULT_AUDIT_FILE}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The ConfigMap `vault-bootstrap` with the script under `bootstrap.sh`. */
export function vaultBootstrapConfigMap(props: VaultSettings): ConfigMap {
  return new ConfigMap({
    metadata: { name: VAULT_BOOTSTRAP_CONFIGMAP, namespace: props.namespace },
    data: { [VAULT_BOOTSTRAP_KEY]: vaultBootstrapScript(props) },
  });
}
