/**
 * The Alertmanager of kube-prometheus-stack, typed: receivers (Slack,
 * webhook, PagerDuty, email) whose URLs, keys and passwords are read from
 * files of a Secret the user creates and names by prop (mounted into the
 * Alertmanager Pods), routes matching on severity, namespace and alert
 * name, and a `null` receiver that swallows the always-firing Watchdog.
 * No credential is ever written into the tree.
 */
import { namespaceName, objectName } from "@typed-gitops/lib";
import { z } from "zod";
import { prometheusDuration } from "../shared/duration.ts";
import { resourcesProp } from "../shared/resources.ts";
import { secretKey } from "../shared/secret-ref.ts";
import { volumeProps } from "./volume-claim.ts";

/** The receiver that drops what it gets: the default for unrouted alerts and the Watchdog's. */
export const NULL_RECEIVER = "null";

/** Where the operator mounts `spec.secrets` in the Alertmanager Pods: `<dir>/<secret name>/<key>`. */
export const ALERTMANAGER_SECRETS_DIR = "/etc/alertmanager/secrets";

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const RECEIVER_NAME = /^[a-zA-Z0-9][-a-zA-Z0-9_.]*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SMARTHOST = /^[a-zA-Z0-9.-]+:[0-9]{1,5}$/;
/** Alertmanager's own retention flag takes h, m, s and ms only. */
const ALERTMANAGER_RETENTION = /^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

function secretFileKey(what: string) {
  return secretKey().describe(`The key of the Secret named by alertmanager.secretName that holds ${what}.`);
}

const receiverName = z
  .string()
  .regex(RECEIVER_NAME, "expected a receiver name such as team-platform (letters, digits, '-', '_' and '.')")
  .refine((name) => name !== NULL_RECEIVER, `"${NULL_RECEIVER}" is the built-in receiver that drops alerts: choose another name`)
  .describe("The receiver's name, referred to by routes.");

const sendResolved = (fallback: boolean) => z.boolean().default(fallback).describe(`Whether resolved alerts are notified too. Default: ${fallback}.`);

const slackReceiver = z
  .object({
    type: z.literal("slack").describe("A Slack incoming webhook."),
    name: receiverName,
    urlKey: secretFileKey("the Slack incoming-webhook URL (api_url_file)"),
    channel: z.string().min(1).optional().describe("The channel (#name) or user (@name) to post to. Default: the webhook's own channel."),
    sendResolved: sendResolved(true),
  })
  .strict();

const webhookReceiver = z
  .object({
    type: z.literal("webhook").describe("A generic webhook receiving Alertmanager's JSON payload."),
    name: receiverName,
    urlKey: secretFileKey("the webhook URL (url_file)"),
    maxAlerts: z.number().int().min(0).default(0).describe("The most alerts one message carries; 0 for all. Default: 0."),
    sendResolved: sendResolved(true),
  })
  .strict();

const pagerdutyReceiver = z
  .object({
    type: z.literal("pagerduty").describe("PagerDuty, through the Events API v2."),
    name: receiverName,
    routingKeyKey: secretFileKey("the PagerDuty integration (routing) key (routing_key_file)"),
    sendResolved: sendResolved(true),
  })
  .strict();

const emailReceiver = z
  .object({
    type: z.literal("email").describe("Email over SMTP."),
    name: receiverName,
    to: z.array(z.string().regex(EMAIL, "expected an email address")).min(1).describe("The recipients."),
    from: z.string().regex(EMAIL, "expected an email address").describe("The sender address."),
    smarthost: z.string().regex(SMARTHOST, "expected host:port, such as smtp.example.org:587").describe("The SMTP server, host:port."),
    username: z.string().min(1).optional().describe("The SMTP user name. Default: no authentication."),
    passwordKey: secretFileKey("the SMTP password (auth_password_file)").optional(),
    requireTls: z.boolean().default(true).describe("Whether STARTTLS is required. Default: true."),
    sendResolved: sendResolved(false),
  })
  .strict();

/** One Alertmanager receiver: Slack, webhook, PagerDuty or email. */
export const receiverSchema = z.discriminatedUnion("type", [slackReceiver, webhookReceiver, pagerdutyReceiver, emailReceiver]);

/** The input of one receiver. */
export type ReceiverInput = z.input<typeof receiverSchema>;

/** One routing rule under the root route. */
export const routeSchema = z
  .object({
    receiver: z.string().min(1).describe(`The receiver the matching alerts go to: one of the receivers, or "${NULL_RECEIVER}" to drop them.`),
    severity: z.array(z.enum(["critical", "warning", "info"])).min(1).optional().describe("Match alerts with one of these severity labels. Default: any severity."),
    namespaces: z.array(namespaceName()).min(1).optional().describe("Match alerts whose namespace label is one of these. Default: any namespace."),
    alertnames: z.array(z.string().regex(LABEL_NAME, "expected an alert name such as KubePodCrashLooping")).min(1).optional().describe("Match alerts with one of these names. Default: any alert."),
    groupBy: z.array(z.string().regex(LABEL_NAME, "expected a label name")).min(1).optional().describe("The labels alerts are grouped by. Default: the root route's."),
    groupWait: prometheusDuration().optional().describe("How long to wait before the first notification of a group. Default: the root route's."),
    groupInterval: prometheusDuration().optional().describe("How long to wait before notifying about new alerts of a group. Default: the root route's."),
    repeatInterval: prometheusDuration().optional().describe("How long before a notification is repeated. Default: the root route's."),
    continue: z.boolean().default(false).describe("Whether matching continues with the next routes. Default: false."),
  })
  .strict();

/** The input of one route. */
export type RouteInput = z.input<typeof routeSchema>;

/** The Alertmanager props of kube-prometheus-stack. */
export const alertmanagerProps = z
  .object({
    enabled: z.boolean().default(true).describe("Whether Alertmanager is deployed. Default: true."),
    secretName: objectName()
      .optional()
      .describe(
        `An existing Secret in the namespace (created by you, SOPS, a SealedSecret or an ExternalSecret) holding the receivers' URLs, keys and passwords; it is mounted at ${ALERTMANAGER_SECRETS_DIR}/<name>/ and read through the *_file settings. Required when a receiver needs a credential. Default: none.`,
      ),
    receivers: z
      .array(receiverSchema)
      .default([])
      .describe(
        "The notification receivers, each { type, name, …, sendResolved? }: slack { urlKey, channel? }, webhook { urlKey, maxAlerts? }, pagerduty { routingKeyKey }, email { to, from, smarthost, username?, passwordKey?, requireTls? }; the *Key fields name keys of secretName. Default: none (alerts are dropped).",
      ),
    routes: z.array(routeSchema).default([]).describe(`The routing rules, tried in order after the built-in rule that sends Watchdog to "${NULL_RECEIVER}". Default: none.`),
    defaultReceiver: z.string().min(1).default(NULL_RECEIVER).describe(`The receiver of alerts no route matches. Default: "${NULL_RECEIVER}" (dropped).`),
    groupBy: z.array(z.string().regex(LABEL_NAME, "expected a label name")).min(1).default(["namespace"]).describe("The labels alerts are grouped by. Default: [namespace]."),
    groupWait: prometheusDuration().default("30s").describe("How long to wait before the first notification of a group. Default: 30s."),
    groupInterval: prometheusDuration().default("5m").describe("How long to wait before notifying about new alerts of a group. Default: 5m."),
    repeatInterval: prometheusDuration().default("12h").describe("How long before a notification is repeated. Default: 12h."),
    retention: z.string().regex(ALERTMANAGER_RETENTION, "expected a duration in h, m, s or ms, such as 120h").default("120h").describe("How long silences and notification state are kept. Default: 120h."),
    replicas: z.number().int().min(1).default(1).describe("The number of Alertmanager Pods (they gossip into one cluster). Default: 1."),
    storage: volumeProps("each Pod's volume", "1Gi")
      .optional()
      .describe("A PersistentVolumeClaim per Pod for silences and notification state. Default: none (an emptyDir)."),
    resources: resourcesProp({ cpu: "10m", memory: "64Mi", memoryLimit: "256Mi" }, "each Alertmanager Pod"),
  })
  .strict()
  .superRefine((props, ctx) => {
    const names = new Set<string>();
    props.receivers.forEach((receiver, index) => {
      if (names.has(receiver.name)) ctx.addIssue({ code: "custom", path: ["receivers", index, "name"], message: `receiver "${receiver.name}" is defined twice` });
      names.add(receiver.name);
      if (props.secretName === undefined && receiverSecretKeys(receiver).length > 0) {
        ctx.addIssue({ code: "custom", path: ["receivers", index], message: `receiver "${receiver.name}" reads its credentials from a Secret: set alertmanager.secretName to the Secret that holds them` });
      }
    });
    const known = (name: string) => name === NULL_RECEIVER || names.has(name);
    const knownList = () => [NULL_RECEIVER, ...names].map((name) => JSON.stringify(name)).join(", ");
    if (!known(props.defaultReceiver)) ctx.addIssue({ code: "custom", path: ["defaultReceiver"], message: `receiver "${props.defaultReceiver}" is not defined; expected one of ${knownList()}` });
    props.routes.forEach((route, index) => {
      if (!known(route.receiver)) ctx.addIssue({ code: "custom", path: ["routes", index, "receiver"], message: `receiver "${route.receiver}" is not defined; expected one of ${knownList()}` });
    });
  })
  .prefault({})
  .describe("Alertmanager: receivers, routes and storage. Default: deployed, every alert dropped until receivers and routes are given.");

/** The parsed Alertmanager props. */
export type AlertmanagerProps = z.output<typeof alertmanagerProps>;

type Receiver = z.output<typeof receiverSchema>;
type Route = z.output<typeof routeSchema>;

/** The Secret keys a receiver reads. */
function receiverSecretKeys(receiver: Receiver): string[] {
  switch (receiver.type) {
    case "slack":
    case "webhook":
      return [receiver.urlKey];
    case "pagerduty":
      return [receiver.routingKeyKey];
    case "email":
      return receiver.passwordKey === undefined ? [] : [receiver.passwordKey];
  }
}

/** One route of Alertmanager's configuration file. */
export interface AlertmanagerRoute {
  readonly receiver: string;
  readonly matchers?: readonly string[];
  readonly group_by?: readonly string[];
  readonly group_wait?: string;
  readonly group_interval?: string;
  readonly repeat_interval?: string;
  readonly continue?: boolean;
  readonly routes?: readonly AlertmanagerRoute[];
}

/** One receiver of Alertmanager's configuration file (the kinds this component writes). */
export interface AlertmanagerReceiver {
  readonly name: string;
  readonly slack_configs?: readonly { readonly api_url_file: string; readonly channel?: string; readonly send_resolved: boolean }[];
  readonly webhook_configs?: readonly { readonly url_file: string; readonly max_alerts: number; readonly send_resolved: boolean }[];
  readonly pagerduty_configs?: readonly { readonly routing_key_file: string; readonly send_resolved: boolean }[];
  readonly email_configs?: readonly {
    readonly to: string;
    readonly from: string;
    readonly smarthost: string;
    readonly auth_username?: string;
    readonly auth_password_file?: string;
    readonly require_tls: boolean;
    readonly send_resolved: boolean;
  }[];
}

/** An inhibition rule: while a source alert fires, matching target alerts are muted. */
export interface AlertmanagerInhibitRule {
  readonly source_matchers?: readonly string[];
  readonly target_matchers: readonly string[];
  readonly equal?: readonly string[];
}

/** Alertmanager's configuration file, as the chart's `alertmanager.config` takes it. */
export interface AlertmanagerConfigFile {
  readonly global?: { readonly resolve_timeout?: string };
  readonly route: AlertmanagerRoute;
  readonly receivers: readonly AlertmanagerReceiver[];
  readonly inhibit_rules?: readonly AlertmanagerInhibitRule[];
  readonly templates?: readonly string[];
}

/** `label = "value"` or `label =~ "a|b"`. */
function matcher(label: string, values: readonly string[] | undefined): string[] {
  if (values === undefined) return [];
  const escape = (value: string) => value.replace(/[\\"]/g, (char) => `\\${char}`);
  if (values.length === 1) return [`${label} = "${escape(values[0]!)}"`];
  return [`${label} =~ "${values.map((value) => escape(value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("|")}"`];
}

function renderRoute(route: Route): AlertmanagerRoute {
  const matchers = [...matcher("severity", route.severity), ...matcher("namespace", route.namespaces), ...matcher("alertname", route.alertnames)];
  return {
    receiver: route.receiver,
    ...(matchers.length > 0 ? { matchers } : {}),
    ...(route.groupBy === undefined ? {} : { group_by: route.groupBy }),
    ...(route.groupWait === undefined ? {} : { group_wait: route.groupWait }),
    ...(route.groupInterval === undefined ? {} : { group_interval: route.groupInterval }),
    ...(route.repeatInterval === undefined ? {} : { repeat_interval: route.repeatInterval }),
    ...(route.continue ? { continue: true } : {}),
  };
}

function renderReceiver(receiver: Receiver, secretDir: string): AlertmanagerReceiver {
  const file = (key: string) => `${secretDir}/${key}`;
  switch (receiver.type) {
    case "slack":
      return { name: receiver.name, slack_configs: [{ api_url_file: file(receiver.urlKey), ...(receiver.channel === undefined ? {} : { channel: receiver.channel }), send_resolved: receiver.sendResolved }] };
    case "webhook":
      return { name: receiver.name, webhook_configs: [{ url_file: file(receiver.urlKey), max_alerts: receiver.maxAlerts, send_resolved: receiver.sendResolved }] };
    case "pagerduty":
      return { name: receiver.name, pagerduty_configs: [{ routing_key_file: file(receiver.routingKeyKey), send_resolved: receiver.sendResolved }] };
    case "email":
      return {
        name: receiver.name,
        email_configs: [
          {
            to: receiver.to.join(", "),
            from: receiver.from,
            smarthost: receiver.smarthost,
            ...(receiver.username === undefined ? {} : { auth_username: receiver.username }),
            ...(receiver.passwordKey === undefined ? {} : { auth_password_file: file(receiver.passwordKey) }),
            require_tls: receiver.requireTls,
            send_resolved: receiver.sendResolved,
          },
        ],
      };
  }
}

/**
 * Alertmanager's configuration file for the parsed props: the root route
 * to `defaultReceiver`, Watchdog to `null` first, then the given routes;
 * severity-based inhibition (critical mutes warning and info of the same
 * alert and namespace, warning mutes info); the `null` receiver and the
 * given ones, reading credentials from the mounted Secret.
 */
export function alertmanagerConfig(props: AlertmanagerProps): AlertmanagerConfigFile {
  const secretDir = `${ALERTMANAGER_SECRETS_DIR}/${props.secretName ?? "none"}`;
  return {
    global: { resolve_timeout: "5m" },
    route: {
      receiver: props.defaultReceiver,
      group_by: props.groupBy,
      group_wait: props.groupWait,
      group_interval: props.groupInterval,
      repeat_interval: props.repeatInterval,
      routes: [{ receiver: NULL_RECEIVER, matchers: ['alertname = "Watchdog"'] }, ...props.routes.map(renderRoute)],
    },
    receivers: [{ name: NULL_RECEIVER }, ...props.receivers.map((receiver) => renderReceiver(receiver, secretDir))],
    inhibit_rules: [
      { source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ["namespace", "alertname"] },
      { source_matchers: ['severity = "warning"'], target_matchers: ['severity = "info"'], equal: ["namespace", "alertname"] },
      { source_matchers: ['alertname = "InfoInhibitor"'], target_matchers: ['severity = "info"'], equal: ["namespace"] },
      { target_matchers: ['alertname = "InfoInhibitor"'] },
    ],
    templates: ["/etc/alertmanager/config/*.tmpl"],
  };
}
