/**
 * The AWS provider of a (Cluster)SecretStore: AWS Secrets Manager or
 * Systems Manager Parameter Store in one region.
 */
import { z } from "zod";
import { oneOfKeys, requiredError } from "../../flux/props.ts";
import { secretKeyRef, serviceAccountRef, type StoreScope } from "../props.ts";

/** The AWS services a store can read. */
export const AWS_SERVICES = ["SecretsManager", "ParameterStore"] as const;

/** An AWS region name: `eu-west-1`, `us-gov-west-1`, `cn-north-1`. */
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;

/** An IAM role ARN: `arn:aws:iam::123456789012:role/external-secrets`. */
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/;

/** Static credentials: two (or three) Secret keys. */
function staticCredentials(scope: StoreScope) {
  return z
    .object({
      /** The Secret key holding the access key ID. */
      accessKeyIDSecretRef: secretKeyRef(scope).describe("The Secret key holding the access key ID."),
      /** The Secret key holding the secret access key. */
      secretAccessKeySecretRef: secretKeyRef(scope).describe("The Secret key holding the secret access key."),
      /**
       * The Secret key holding a session token, for temporary credentials.
       * @default none
       */
      sessionTokenSecretRef: secretKeyRef(scope).optional().describe("The Secret key holding a session token. Default: none."),
    })
    .strict();
}

/** The props of the `aws` provider; Secret and ServiceAccount references follow the store's scope. */
export function awsProviderProps(scope: StoreScope) {
  return z
    .object(
      {
        /**
         * The service to read.
         * @default "SecretsManager"
         */
        service: z.enum(AWS_SERVICES).default("SecretsManager").describe("The service to read: SecretsManager or ParameterStore. Default: SecretsManager."),
        /** The region, e.g. `eu-west-1`. */
        region: z.string({ error: requiredError }).regex(AWS_REGION, "expected an AWS region such as eu-west-1").describe("The region, e.g. eu-west-1."),
        /**
         * An IAM role to assume after authenticating, as an ARN.
         * @default none: the authenticated identity reads the secrets itself
         */
        role: z
          .string()
          .regex(IAM_ROLE_ARN, "expected an IAM role ARN such as arn:aws:iam::123456789012:role/external-secrets")
          .optional()
          .describe("An IAM role ARN to assume. Default: none."),
        /**
         * How the store authenticates: exactly one of `jwt` (a ServiceAccount
         * token for IRSA) or `secretRef` (static access keys).
         * @default none: the controller's own AWS identity (IRSA, EKS Pod Identity or the node role)
         */
        auth: oneOfKeys({
          jwt: z
            .object({
              /** The ServiceAccount annotated with the IAM role (IRSA). */
              serviceAccountRef: serviceAccountRef(scope).describe("The ServiceAccount annotated with the IAM role."),
            })
            .strict()
            .describe("A ServiceAccount token exchanged for the IAM role (IRSA)."),
          secretRef: staticCredentials(scope).describe("Static access keys in a Secret."),
        })
          .optional()
          .describe("How the store authenticates: exactly one of jwt or secretRef. Default: none (the controller's own AWS identity)."),
      },
      { error: requiredError },
    )
    .strict();
}

/** The parsed `aws` provider, as the SecretStore's `spec.provider.aws`. */
export type AwsProviderSpec = z.output<ReturnType<typeof awsProviderProps>>;
