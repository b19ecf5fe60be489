/**
 * Catalog section: applications. Exports the application builder.
 */
export { app, defineApp } from "./app.ts";
export type { AppOverrides } from "./app.ts";
export { appProps } from "./props.ts";
export type { AppInput, AppProps } from "./props.ts";
export { DEFAULT_SUCCESS_RATE_QUERY } from "./workload.ts";
export { DEFAULT_ISTIO_GATEWAY } from "./exposure.ts";
