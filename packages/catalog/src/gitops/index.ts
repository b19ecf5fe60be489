/**
 * Catalog section: GitOps tooling beside Flux: Argo CD and Argo Rollouts.
 */
export { argoCd, argoCdProps, ARGO_CD_FULLNAME } from "./argo-cd.ts";
export type { ArgoCdComponentValues, ArgoCdProps, ArgoCdValues } from "./argo-cd.ts";
export { argoRollouts, argoRolloutsProps, ARGO_ROLLOUTS_FULLNAME } from "./argo-rollouts.ts";
export type { ArgoRolloutsProps, ArgoRolloutsValues } from "./argo-rollouts.ts";
