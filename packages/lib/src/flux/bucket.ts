/**
 * The Flux Bucket (`source.toolkit.fluxcd.io/v1`): an S3-compatible, GCS or
 * Azure Blob bucket that source-controller downloads and serves.
 */
import type { Bucket } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/Bucket";
import { lazyModel } from "../resource/lazy-model.ts";
import { z } from "zod";
import { parseProps } from "../props/parse-props.ts";
import { builderWhere, duration, namespaceName, objectName, requiredString, secretRefOf } from "./props.ts";

/** The Bucket model, loaded when the builder first runs. */
const bucketModel = lazyModel<typeof import("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/Bucket")>(import.meta.resolve("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/Bucket"));

/** The props of {@link bucket}. */
export const bucketProps = z
  .object({
    /** The Bucket's name, a DNS-1123 subdomain. */
    name: objectName().describe("The Bucket's name, a DNS-1123 subdomain."),
    /** The namespace of the Bucket, a DNS-1123 label. */
    namespace: namespaceName().describe("The namespace of the Bucket."),
    /** The bucket's name at the provider. */
    bucketName: requiredString().describe("The bucket's name at the provider."),
    /**
     * The storage endpoint: a host and optional port for `generic` and `aws`
     * (e.g. `minio.minio.svc:9000`, `s3.amazonaws.com`), a URL for `azure`.
     */
    endpoint: requiredString().describe("The storage endpoint: host[:port] for generic and aws, a URL for azure."),
    /**
     * The storage API: `generic` (any S3-compatible store, keys in `secretRef`),
     * `aws`, `gcp` or `azure` (which can use workload identity).
     * @default "generic"
     */
    provider: z.enum(["generic", "aws", "gcp", "azure"]).default("generic").describe("generic (S3-compatible), aws, gcp or azure. Default: generic."),
    /**
     * The bucket's region, when the provider needs one.
     * @default none
     */
    region: requiredString().optional().describe("The bucket's region. Default: none."),
    /**
     * Whether to talk plain HTTP to `endpoint` instead of HTTPS.
     * @default false
     */
    insecure: z.boolean().default(false).describe("Whether to use plain HTTP. Default: false."),
    /**
     * How often the bucket is checked for changes.
     * @default "5m"
     */
    interval: duration().default("5m").describe("How often the bucket is checked. Default: 5m."),
    /**
     * The Secret in the same namespace with the access keys (`accesskey` and
     * `secretkey` for generic and aws).
     * @default none: anonymous, or the provider's workload identity
     */
    secretRef: objectName().optional().describe("The Secret with the access keys. Default: none."),
  })
  .strict()
  .superRefine((props, ctx) => {
    if (props.provider !== "azure" && /^[a-z]+:\/\//i.test(props.endpoint)) {
      ctx.addIssue({ code: "custom", path: ["endpoint"], message: `give the endpoint as host[:port] without a scheme, got ${JSON.stringify(props.endpoint)}; set insecure: true for plain HTTP` });
    }
  });

/** The input of {@link bucket}. */
export type BucketInput = z.input<typeof bucketProps>;

/**
 * Builds a Flux Bucket source.
 *
 * @example
 * bucket({ name: "manifests", namespace: "flux-system", bucketName: "manifests", endpoint: "minio.minio.svc:9000", secretRef: "minio-keys" });
 * @throws {UserError} naming every invalid or unknown field.
 */
export function bucket(input: BucketInput): Bucket {
  const props = parseProps(bucketProps, input, builderWhere("bucket", input));
  return new (bucketModel().Bucket)({
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      bucketName: props.bucketName,
      endpoint: props.endpoint,
      provider: props.provider,
      region: props.region,
      insecure: props.insecure,
      interval: props.interval,
      secretRef: secretRefOf(props.secretRef),
    },
  });
}
