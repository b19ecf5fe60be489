/**
 * The Flux notification Provider (`notification.toolkit.fluxcd.io/v1beta3`,
 * the version Flux v2.9 stores): where notification-controller sends events,
 * such as a Slack channel or a Git forge's commit status.
 */
import type { Provider } from "@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Provider";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, namespaceName, objectName, requiredError, requiredString, secretRefOf } from "./props.ts";

/** The Provider model, loaded when the builder first runs. */
const providerModel = lazyModel<typeof import("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Provider")>(import.meta.resolve("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Provider"));

/** The provider types of the v1beta3 Provider CRD in Flux v2.9. */
export const PROVIDER_TYPES = [
  "slack",
  "discord",
  "msteams",
  "rocket",
  "generic",
  "generic-hmac",
  "github",
  "gitlab",
  "gitea",
  "giteapullrequestcomment",
  "bitbucketserver",
  "bitbucket",
  "azuredevops",
  "googlechat",
  "googlepubsub",
  "webex",
  "sentry",
  "azureeventhub",
  "telegram",
  "lark",
  "matrix",
  "opsgenie",
  "alertmanager",
  "grafana",
  "githubdispatch",
  "githubpullrequestcomment",
  "gitlabmergerequestcomment",
  "pagerduty",
  "datadog",
  "nats",
  "zulip",
  "otel",
] as const;

/** The props of {@link notificationProvider}. */
export const notificationProviderProps = z
  .object({
    /** The Provider's name, a DNS-1123 subdomain. */
    name: objectName().describe("The Provider's name, a DNS-1123 subdomain."),
    /** The namespace of the Provider, a DNS-1123 label; Alerts refer to it from the same namespace. */
    namespace: namespaceName().describe("The namespace of the Provider."),
    /** The kind of receiving service, e.g. `slack`, `msteams`, `github` or `generic-hmac`. */
    type: z.enum(PROVIDER_TYPES, { error: requiredError }).describe("The kind of receiving service, e.g. slack, msteams, github, generic-hmac."),
    /**
     * The channel, room or topic to post to, for the types that have one.
     * @default none
     */
    channel: requiredString().max(2048).optional().describe("The channel, room or topic to post to. Default: none."),
    /**
     * The address of the service: a webhook URL, or the repository URL for
     * commit-status types. Better kept in the Secret's `address` key when it
     * carries a token.
     * @default none: taken from the Secret's `address` key, or the type's default
     */
    address: requiredString().max(2048).optional().describe("The webhook or repository URL. Default: none (the Secret's address key)."),
    /**
     * The Secret in the same namespace with the token, and with `address` when it is secret.
     * @default none
     */
    secretRef: objectName().optional().describe("The Secret with the token or address. Default: none."),
  })
  .strict();

/** The input of {@link notificationProvider}. */
export type NotificationProviderInput = z.input<typeof notificationProviderProps>;

/**
 * Builds a Flux notification Provider.
 *
 * @example
 * notificationProvider({ name: "slack", namespace: "flux-system", type: "slack", channel: "deployments", secretRef: "slack-webhook" });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function notificationProvider(input: NotificationProviderInput): Provider {
  const props = parseProps(notificationProviderProps, input, builderWhere("notificationProvider", input));
  return new (providerModel().Provider)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: { type: props.type, channel: props.channel, address: props.address, secretRef: secretRefOf(props.secretRef) },
  });
}
