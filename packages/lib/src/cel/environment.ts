/**
 * The CEL environment of CRD validation rules: `self` (and `oldSelf`), the
 * standard library of `@marcbachmann/cel-js` with optional types, and the
 * Kubernetes libraries the API server adds (strings, regex, lists, sets,
 * URLs, IPs and CIDRs, quantities, formats), plus the built-ins replaced to
 * behave as cel-go does (see `source.ts`).
 *
 * Not available (no real rule in the mirror uses them; a rule that does is
 * reported as unsupported, never passed): two-variable comprehensions
 * (`all(i, v, …)`, `transformList`, `transformMap`), `math.*`, `base64.*`,
 * the semver library, `strings.format` with `%v`-style width flags.
 */
import { Environment } from "@marcbachmann/cel-js";
import { registerDurations } from "./library/durations.ts";
import { registerFormat } from "./library/format.ts";
import { registerIp } from "./library/ip.ts";
import { registerLists } from "./library/lists.ts";
import { registerMacros } from "./library/macros.ts";
import { registerQuantity } from "./library/quantity.ts";
import { registerRegex } from "./library/regex.ts";
import { registerStrings } from "./library/strings.ts";
import { registerUrls } from "./library/urls.ts";

function kubernetesBase(): Environment {
  const env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false, unlistedVariablesAreDyn: false });
  for (const register of [registerMacros, registerDurations, registerRegex, registerStrings, registerLists, registerQuantity, registerUrls, registerIp, registerFormat]) {
    register(env);
  }
  return env.registerVariable("self", "dyn");
}

let environments: { readonly plain: Environment; readonly optionalOldSelf: Environment } | undefined;

/**
 * The environment to compile a rule in, created once. `self` is `dyn`;
 * `oldSelf` is `dyn`, or `optional<dyn>` for rules with
 * `optionalOldSelf: true`.
 *
 * @param optionalOldSelf - whether `oldSelf` is optional.
 */
export function kubernetesCelEnvironment(optionalOldSelf: boolean): Environment {
  if (environments === undefined) {
    const base = kubernetesBase();
    environments = { plain: base.clone().registerVariable("oldSelf", "dyn"), optionalOldSelf: base.clone().registerVariable("oldSelf", "optional<dyn>") };
  }
  return optionalOldSelf ? environments.optionalOldSelf : environments.plain;
}
