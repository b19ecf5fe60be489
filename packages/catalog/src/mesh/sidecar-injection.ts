/**
 * A Namespace whose pods get Istio sidecars: labelled `istio-injection:
 * enabled` for the default control plane, or `istio.io/rev: <revision>`
 * for a revisioned one. Use it in place of the namespace's plain
 * Namespace object.
 */
import { namespaceName, parseProps } from "@typed-gitops/lib";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { z } from "zod";
import { stringMap } from "../shared/string-map.ts";
import { injectionLabels } from "./names.ts";

/** The props of {@link sidecarInjection}. */
export const sidecarInjectionProps = z
  .object({
    namespace: namespaceName().describe("The namespace whose pods get sidecars."),
    revision: namespaceName().optional().describe("The istiod revision to inject from (the istio component's revision). Default: none (the default control plane)."),
    labels: stringMap.default({}).describe("More labels on the Namespace. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    for (const key of ["istio-injection", "istio.io/rev"]) {
      if (key in props.labels) ctx.addIssue({ code: "custom", path: ["labels", key], message: "is set by sidecarInjection: use revision instead" });
    }
  });

/** The input of {@link sidecarInjection}: a namespace, or `{ namespace, revision, labels }`. */
export type SidecarInjectionInput = string | z.input<typeof sidecarInjectionProps>;

/**
 * Builds a Namespace labelled for sidecar injection.
 *
 * @example
 * sidecarInjection("shop");
 * sidecarInjection({ namespace: "shop", revision: "1-30" });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function sidecarInjection(input: SidecarInjectionInput): Namespace {
  const props = parseProps(sidecarInjectionProps, typeof input === "string" ? { namespace: input } : input, "sidecarInjection");
  return new Namespace({ metadata: { name: props.namespace, labels: { ...props.labels, ...injectionLabels(props.revision) } } });
}
