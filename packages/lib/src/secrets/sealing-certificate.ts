/**
 * The Sealed Secrets controller's public certificate of a cluster, checked
 * before kubeseal uses it: kubeseal itself would seal with an expired or
 * wrong certificate without a word.
 */
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { UserError } from "../errors/user-error.ts";

/** What the certificate says, once checked. */
export interface SealingCertificate {
  /** The certificate's subject. */
  readonly subject: string;
  /** The end of its validity. */
  readonly validTo: Date;
}

/** Options of {@link checkSealingCertificate}. */
export interface CheckSealingCertificateOptions {
  /**
   * How the file is named in messages, e.g. `clusters/production/sealed-secrets.pem`.
   * @default the path as given
   */
  readonly where?: string;
  /**
   * The moment the validity is checked at.
   * @default now
   */
  readonly now?: Date;
}

/** A date as `2026-01-31 12:00:00 UTC`. */
function utc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

const FETCH_HINT =
  "fetch the controller's current certificate: `kubeseal --fetch-cert --controller-namespace kube-system --controller-name sealed-secrets-controller > <file>` (with the namespace and name of your controller), and commit it";

/**
 * Checks a sealing certificate: a PEM X.509 certificate with an RSA public
 * key (what kubeseal encrypts with), valid at `now`.
 *
 * @throws {UserError} naming the file: missing, not a PEM certificate, not
 *   RSA, not yet valid, or expired (with the date).
 */
export function checkSealingCertificate(file: string, options: CheckSealingCertificateOptions = {}): SealingCertificate {
  const where = options.where ?? file;
  if (!existsSync(file)) throw new UserError({ where, what: "no sealing certificate here", hint: FETCH_HINT.replace("<file>", where) });
  const text = readFileSync(file, "utf8");
  let certificate: X509Certificate;
  try {
    if (!text.includes("-----BEGIN CERTIFICATE-----")) throw new Error("no BEGIN CERTIFICATE line");
    certificate = new X509Certificate(text);
  } catch (error) {
    throw new UserError({
      where,
      what: `is not a PEM X.509 certificate (${error instanceof Error ? error.message : String(error)})`,
      hint: FETCH_HINT.replace("<file>", where),
    });
  }
  if (certificate.publicKey.asymmetricKeyType !== "rsa") {
    throw new UserError({ where, what: `holds a ${certificate.publicKey.asymmetricKeyType ?? "unknown"} key; a sealing certificate holds an RSA key`, hint: FETCH_HINT.replace("<file>", where) });
  }
  const now = options.now ?? new Date();
  if (certificate.validToDate.getTime() < now.getTime()) {
    throw new UserError({
      where,
      what: `expired on ${utc(certificate.validToDate)}: the controller has renewed its key since, and secrets sealed with this one only keep working while it keeps the old key`,
      hint: FETCH_HINT.replace("<file>", where),
    });
  }
  if (certificate.validFromDate.getTime() > now.getTime()) {
    throw new UserError({ where, what: `is not valid before ${utc(certificate.validFromDate)}`, hint: "check the clock of this machine, or fetch the certificate again" });
  }
  return { subject: certificate.subject, validTo: certificate.validToDate };
}
