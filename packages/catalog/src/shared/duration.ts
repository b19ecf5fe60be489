/**
 * Duration props in the two syntaxes the catalog's upstreams read: Go's
 * `time.ParseDuration` (`1h30m`, `250ms`) and Prometheus' (`30s`, `15d`,
 * `1w`). (The Flux and Kubernetes `metav1.Duration` subset of Go's, `ms` to
 * `h`, is the lib's `duration()`.)
 */
import { z } from "zod";

/** One or more Go duration parts (`1h`, `30m`, `1.5s`, `250ms`, `10us`, `5ns`), unanchored: to embed in a larger pattern. */
export const GO_DURATION_PARTS = "([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+";

/** A Go duration as `time.ParseDuration` reads it, unsigned and with a unit: `720h`, `1h30m`, `250ms`. */
export const GO_DURATION = new RegExp(`^${GO_DURATION_PARTS}$`);

/** {@link GO_DURATION}, or `0`. */
const GO_DURATION_OR_ZERO = new RegExp(`^(0|${GO_DURATION_PARTS})$`);

/**
 * A Go duration prop.
 *
 * @param message - the error message of a value that is not one. @default `expected a Go duration such as 30s, 5m or 1h`
 * @param options - whether a bare `0` is accepted too. @default not accepted
 */
export function goDuration(message = "expected a Go duration such as 30s, 5m or 1h", options: { readonly zero?: boolean } = {}): z.ZodString {
  return z.string().regex(options.zero === true ? GO_DURATION_OR_ZERO : GO_DURATION, message);
}

/** A Prometheus duration (`30s`, `5m`, `12h`, `15d`, `1h30m`), as Prometheus, Alertmanager and the prometheus-operator's CRDs read it. */
export const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

const PROMETHEUS_DURATION_MESSAGE = "expected a Prometheus duration such as 30s or 1m";

/** A Prometheus duration prop; the empty string, which the CRDs' pattern lets through, is refused. */
export function prometheusDuration(): z.ZodString {
  return z.string().min(1, PROMETHEUS_DURATION_MESSAGE).regex(PROMETHEUS_DURATION, PROMETHEUS_DURATION_MESSAGE);
}
