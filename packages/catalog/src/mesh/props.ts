/**
 * Prop pieces shared by the Istio builders: workload selectors, service
 * hosts and durations, checked as the Istio CRDs (and their CEL rules)
 * check them, so a mistake is reported where the prop is written.
 */
import { DURATION_PATTERN } from "@typed-gitops/lib";
import { z } from "zod";
import { stringMap } from "../shared/string-map.ts";

/** Workload labels: `matchLabels` of an Istio `selector`; no `*` in keys or values, no empty key. */
export const workloadSelector = stringMap.superRefine((labels, ctx) => {
  for (const [key, value] of Object.entries(labels)) {
    if (key.length === 0) ctx.addIssue({ code: "custom", message: "a label key must not be empty" });
    else if (key.includes("*") || value.includes("*")) ctx.addIssue({ code: "custom", message: `label ${key}: wildcards are not allowed in a workload selector` });
  }
});

const HOST = /^(\*|(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/;

/** A service host: a DNS name (a short name resolves in the object's namespace), optionally `*.`-prefixed, or `*`. */
export const serviceHost = z.string().regex(HOST, "expected a host such as reviews, reviews.shop.svc.cluster.local or *.example.com");

/** A Gateway server host: a {@link serviceHost}, optionally prefixed by `<namespace>/`, `./` or `*\/`. */
export const gatewayHost = z
  .string()
  .refine((value) => {
    const slash = value.indexOf("/");
    const namespace = slash === -1 ? undefined : value.slice(0, slash);
    const host = slash === -1 ? value : value.slice(slash + 1);
    return (namespace === undefined || /^(\*|\.|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/.test(namespace)) && HOST.test(host);
  }, "expected a host such as shop.example.com, *.example.com or shop/shop.example.com");

/** A duration as the Istio CRDs take it: `250ms`, `5s`, `1m30s`; at least 1ms. */
export const istioDuration = z.string().superRefine((value, ctx) => {
  if (!DURATION_PATTERN.test(value)) ctx.addIssue({ code: "custom", message: "expected a duration such as 250ms, 5s or 1m30s" });
  else if (/^(0+(\.0+)?(ms|s|m|h))+$/.test(value)) ctx.addIssue({ code: "custom", message: "must be at least 1ms" });
});

/** A port number. */
export const portNumber = z.number().int().min(1, "expected a port from 1 to 65535").max(65535, "expected a port from 1 to 65535");
