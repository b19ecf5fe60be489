/**
 * The Flux notification Receiver (`notification.toolkit.fluxcd.io/v1`): a
 * webhook that makes Flux reconcile objects at once, e.g. on a Git push.
 */
import type { Receiver } from "@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1/Receiver";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, duration, namespaceName, notificationObjectRef, objectName, requiredError, requiredString } from "./props.ts";

/** The Receiver model, loaded when the builder first runs. */
const receiverModel = lazyModel<typeof import("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1/Receiver")>(import.meta.resolve("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1/Receiver"));

/**
 * The receiver types of the v1 Receiver CRD in Flux v2.9 that take a token
 * Secret (`generic-oidc`, which takes OIDC providers instead, is left out).
 */
export const RECEIVER_TYPES = ["generic", "generic-hmac", "github", "gitlab", "bitbucket", "harbor", "dockerhub", "quay", "gcr", "nexus", "acr", "cdevents"] as const;

/** The props of {@link notificationReceiver}. */
export const notificationReceiverProps = z
  .object({
    /** The Receiver's name, a DNS-1123 subdomain. */
    name: objectName().describe("The Receiver's name, a DNS-1123 subdomain."),
    /** The namespace of the Receiver, a DNS-1123 label. */
    namespace: namespaceName().describe("The namespace of the Receiver."),
    /** The sender's format, e.g. `github`, `gitlab`, `generic-hmac`. */
    type: z.enum(RECEIVER_TYPES, { error: requiredError }).describe("The sender's format, e.g. github, gitlab, generic-hmac."),
    /**
     * The sender's events to act on, e.g. `["ping", "push"]` for GitHub.
     * @default none: every event
     */
    events: z.array(requiredString()).optional().describe("The sender's events to act on. Default: every event."),
    /** The objects to reconcile on a call: `{ kind, name, namespace? }`, `name` `*` for every object of the kind. */
    resources: z
      .array(notificationObjectRef(), { error: requiredError })
      .min(1, "give at least one resource")
      .describe("The objects to reconcile on a call; name * for all of a kind."),
    /** The Secret in the same namespace whose `token` key is the webhook secret (and part of the webhook's path). */
    secretRef: objectName().describe("The Secret whose token key is the webhook secret."),
    /**
     * How often the Receiver itself is reconciled.
     * @default none: Flux's 10m
     */
    interval: duration().optional().describe("How often the Receiver is reconciled. Default: Flux's 10m."),
  })
  .strict();

/** The input of {@link notificationReceiver}. */
export type NotificationReceiverInput = z.input<typeof notificationReceiverProps>;

/**
 * Builds a Flux notification Receiver.
 *
 * @example
 * notificationReceiver({ name: "github", namespace: "flux-system", type: "github", events: ["ping", "push"], resources: [{ kind: "GitRepository", name: "flux-system" }], secretRef: "webhook-token" });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function notificationReceiver(input: NotificationReceiverInput): Receiver {
  const props = parseProps(notificationReceiverProps, input, builderWhere("notificationReceiver", input));
  return new (receiverModel().Receiver)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      type: props.type,
      events: props.events,
      resources: props.resources,
      secretRef: { name: props.secretRef },
      interval: props.interval,
    },
  });
}
