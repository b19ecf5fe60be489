/**
 * EKS IAM Roles for Service Accounts (IRSA): the role ARN prop of the AWS
 * components and the ServiceAccount annotation EKS reads it from.
 */
import { z } from "zod";

/** An AWS IAM role ARN. */
export const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::[0-9]{12}:role\/[\w+=,.@\/-]{1,512}$/;

/** An IAM role ARN prop, e.g. `arn:aws:iam::123456789012:role/my-role`. */
export function roleArn(): z.ZodString {
  return z.string().regex(ROLE_ARN, "expected an IAM role ARN such as arn:aws:iam::123456789012:role/my-role");
}

/** The ServiceAccount annotation that EKS IAM Roles for Service Accounts (IRSA) reads. */
export const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";
