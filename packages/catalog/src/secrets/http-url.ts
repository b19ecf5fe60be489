/**
 * The URL props of the secrets components: a Vault address or a 1Password
 * Connect host, reached over `http://` inside the cluster or `https://`.
 */
import { z } from "zod";
import { requiredError } from "../shared/required-error.ts";

/**
 * An `https://` or `http://` URL prop.
 *
 * @param example - the URL its error message gives as an example.
 */
export function httpUrl(example: string): z.ZodString {
  return z.string({ error: requiredError }).regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, `expected an https:// or http:// URL, e.g. ${example}`);
}
