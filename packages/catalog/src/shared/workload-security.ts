/**
 * The security contexts of the restricted Pod Security Standard, for the
 * containers a component runs: non-root, no privilege escalation, no
 * capabilities, the runtime's default seccomp profile and, unless the
 * program must write to it, a read-only root filesystem.
 */
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";

/** A pod security context for an image that runs as `uid`: non-root, with the runtime's default seccomp profile. */
export function restrictedPodSecurityContext(uid: number): IPodSecurityContext {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, seccompProfile: { type: "RuntimeDefault" } };
}

/** How a {@link restrictedContainerSecurityContext} may differ. */
export interface ContainerSecurityOptions {
  /** Leave `readOnlyRootFilesystem` unset, for a program that writes to its root filesystem (e.g. an upstream chart's). @default false */
  readonly writableRootFilesystem?: boolean;
}

/** The container security context of the restricted Pod Security Standard, with a read-only root filesystem unless `writableRootFilesystem`. */
export function restrictedContainerSecurityContext(options: ContainerSecurityOptions = {}): ISecurityContext {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    ...(options.writableRootFilesystem === true ? {} : { readOnlyRootFilesystem: true }),
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}
