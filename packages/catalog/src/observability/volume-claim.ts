/**
 * The volumes of kube-prometheus-stack's workloads (Prometheus,
 * Alertmanager, Grafana): the size and StorageClass of a
 * PersistentVolumeClaim, as a prop and as the operator's
 * `volumeClaimTemplate`.
 */
import { objectName } from "@typed-gitops/lib";
import { z } from "zod";
import { quantity } from "../shared/quantity.ts";

/**
 * A volume prop: its size (required) and StorageClass.
 *
 * @param what - the volume, for the description, e.g. `each Pod's volume`.
 * @param example - an example size, e.g. `50Gi`.
 */
export function volumeProps(what: string, example: string) {
  return z
    .object({
      size: quantity().describe(`The size of ${what}, e.g. ${example}.`),
      storageClassName: objectName().optional().describe("The StorageClass. Default: the cluster's default class."),
    })
    .strict();
}

/** A PersistentVolumeClaim template as the operator's `storage.volumeClaimTemplate` takes it. */
export interface VolumeClaimTemplate {
  readonly spec: {
    readonly accessModes: readonly string[];
    readonly resources: { readonly requests: { readonly storage: string } };
    readonly storageClassName?: string;
  };
}

/** The ReadWriteOnce claim template of a parsed {@link volumeProps}. */
export function volumeClaimTemplate(storage: { readonly size: string; readonly storageClassName?: string | undefined }): VolumeClaimTemplate {
  return {
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: storage.size } },
      ...(storage.storageClassName === undefined ? {} : { storageClassName: storage.storageClassName }),
    },
  };
}
