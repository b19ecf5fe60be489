/**
 * The OnePasswordItem (`onepassword.com/v1`): the 1Password operator (see
 * `onePasswordConnect({ operator })`) writes a Secret of the same name and
 * namespace from one item of a 1Password vault, and keeps it current.
 */
import { namespaceName, objectName, parseProps } from "@typed-gitops/lib";
import { OnePasswordItem } from "@typed-gitops/models/onepassword.com/v1/OnePasswordItem";
import { z } from "zod";
import { requiredError } from "../shared/required-error.ts";

/** A vault or item, by name or id: no `/`, as it is a segment of the item path. */
const pathSegment = (what: string) =>
  z
    .string({ error: requiredError })
    .min(1, "must not be empty")
    .regex(/^[^/]+$/, `a ${what} name or id has no '/'`);

/** The props of {@link onePasswordItem}. */
export const onePasswordItemProps = z
  .object({
    name: objectName().describe("The OnePasswordItem's name, and so the name of the Secret the operator writes."),
    namespace: namespaceName().describe("Its namespace, and the Secret's."),
    vault: pathSegment("vault").describe("The 1Password vault, by name or id."),
    item: pathSegment("item").describe("The item in that vault, by title or id."),
    secretType: z
      .string()
      .regex(/^[a-z0-9.-]+(\/[a-zA-Z0-9.-]+)?$/, "expected a Secret type such as Opaque or kubernetes.io/tls")
      .optional()
      .describe("The type of the Secret written, e.g. kubernetes.io/tls or kubernetes.io/dockerconfigjson. Default: none (Opaque)."),
  })
  .strict();

/** The input of {@link onePasswordItem}. */
export type OnePasswordItemProps = z.input<typeof onePasswordItemProps>;

/**
 * A OnePasswordItem for the item `vaults/<vault>/items/<item>`: the
 * operator writes Secret `<namespace>/<name>` with one key per field of the
 * item. Goes with the workload that uses the Secret (apps or configs).
 *
 * @example
 * onePasswordItem({ name: "database", namespace: "web", vault: "production", item: "web-database" });
 * @throws {UserError} naming every invalid or unknown prop.
 */
export function onePasswordItem(input: OnePasswordItemProps): OnePasswordItem {
  const props = parseProps(onePasswordItemProps, input, "onePasswordItem");
  return new OnePasswordItem({
    metadata: { name: props.name, namespace: props.namespace },
    spec: { itemPath: `vaults/${props.vault}/items/${props.item}` },
    ...(props.secretType === undefined ? {} : { type: props.secretType }),
  });
}
