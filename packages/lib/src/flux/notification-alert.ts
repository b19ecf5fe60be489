/**
 * The Flux notification Alert (`notification.toolkit.fluxcd.io/v1beta3`,
 * the version Flux v2.9 stores): which events of which Flux objects go to a
 * Provider.
 */
import type { Alert } from "@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Alert";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, namespaceName, notificationObjectRef, objectName, requiredError, requiredString } from "./props.ts";

/** The Alert model, loaded when the builder first runs. */
const alertModel = lazyModel<typeof import("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Alert")>(import.meta.resolve("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Alert"));

/** The props of {@link notificationAlert}. */
export const notificationAlertProps = z
  .object({
    /** The Alert's name, a DNS-1123 subdomain. */
    name: objectName().describe("The Alert's name, a DNS-1123 subdomain."),
    /** The namespace of the Alert, a DNS-1123 label; the Provider must be in it too. */
    namespace: namespaceName().describe("The namespace of the Alert and its Provider."),
    /** The name of the Provider, in the Alert's namespace, that sends the events. */
    providerRef: objectName().describe("The name of the Provider that sends the events."),
    /**
     * The least severity sent: `info` sends everything, `error` only failures.
     * @default "info"
     */
    eventSeverity: z.enum(["info", "error"]).default("info").describe("info (everything) or error (failures only). Default: info."),
    /** The objects whose events are sent: `{ kind, name, namespace? }`, `name` `*` for every object of the kind. */
    eventSources: z
      .array(notificationObjectRef(), { error: requiredError })
      .min(1, "give at least one event source")
      .describe("The objects whose events are sent; name * for all of a kind."),
    /**
     * Regular expressions (Go syntax) of event messages not to send.
     * @default none
     */
    exclusionList: z.array(requiredString()).optional().describe("Regular expressions of event messages not to send. Default: none."),
  })
  .strict();

/** The input of {@link notificationAlert}. */
export type NotificationAlertInput = z.input<typeof notificationAlertProps>;

/**
 * Builds a Flux notification Alert.
 *
 * @example
 * notificationAlert({ name: "deployments", namespace: "flux-system", providerRef: "slack", eventSources: [{ kind: "Kustomization", name: "*" }] });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function notificationAlert(input: NotificationAlertInput): Alert {
  const props = parseProps(notificationAlertProps, input, builderWhere("notificationAlert", input));
  return new (alertModel().Alert)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      providerRef: { name: props.providerRef },
      eventSeverity: props.eventSeverity,
      eventSources: props.eventSources,
      exclusionList: props.exclusionList,
    },
  });
}
