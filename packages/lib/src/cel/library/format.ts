/**
 * The Kubernetes format library (`k8s.io/apiserver/pkg/cel/library`,
 * `format.go`): `format.dns1123Label().validate(s)` and the other named
 * formats, and `format.named("dns1123Label")`. `validate` returns
 * `optional.none()` for a valid string, or the API server's messages, e.g.
 * `optional.of(["must be no more than 63 characters"])`.
 */
import { Optional, type Environment } from "@marcbachmann/cel-js";
import { parseRequestUri } from "./urls.ts";

function regexError(message: string, pattern: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${pattern}')`;
  return `${message} (e.g. ${examples.map((example) => `'${example}', `).join(" or ")}regex used for validation is '${pattern}')`;
}

function maxLength(length: number): string {
  return `must be no more than ${length} characters`;
}

const DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
const QUALIFIED_NAME = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function anchored(pattern: string): RegExp {
  return new RegExp(`^${pattern}$`);
}

function dns1123Label(value: string): string[] {
  const errors = value.length > 63 ? [maxLength(63)] : [];
  if (!anchored(DNS1123_LABEL).test(value)) {
    errors.push(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", DNS1123_LABEL, "my-name", "123-abc"));
  }
  return errors;
}

function dns1123Subdomain(value: string): string[] {
  const errors = value.length > 253 ? [maxLength(253)] : [];
  if (!anchored(DNS1123_SUBDOMAIN).test(value)) {
    errors.push(
      regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN, "example.com"),
    );
  }
  return errors;
}

function dns1035Label(value: string): string[] {
  const errors = value.length > 63 ? [maxLength(63)] : [];
  if (!anchored(DNS1035_LABEL).test(value)) {
    errors.push(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_LABEL, "my-name", "abc-123"));
  }
  return errors;
}

function qualifiedName(value: string): string[] {
  const parts = value.split("/");
  const nameRegex = regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME, "MyName", "my.name", "123-abc");
  if (parts.length > 2) return [`a qualified name ${nameRegex} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const errors: string[] = [];
  const name = parts.at(-1) ?? "";
  if (parts.length === 2) {
    const prefix = parts[0] ?? "";
    if (prefix === "") errors.push("prefix part must be non-empty");
    else errors.push(...dns1123Subdomain(prefix).map((message) => `prefix part ${message}`));
  }
  if (name === "") errors.push("name part must be non-empty");
  else if (name.length > 63) errors.push(`name part ${maxLength(63)}`);
  if (!anchored(QUALIFIED_NAME).test(name)) errors.push(`name part ${nameRegex}`);
  return errors;
}

function labelValue(value: string): string[] {
  const errors = value.length > 63 ? [maxLength(63)] : [];
  if (!anchored(LABEL_VALUE).test(value)) {
    errors.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE,
        "MyValue",
        "my_value",
        "12345",
      ),
    );
  }
  return errors;
}

/** A name as a prefix of a generated name: a trailing `-` is allowed (`generateName`). */
function asPrefix(validate: (value: string) => string[]): (value: string) => string[] {
  return (value) => validate(value.endsWith("-") ? `${value.slice(0, -1)}a` : value);
}

function check(test: (value: string) => boolean, message: string): (value: string) => string[] {
  return (value) => (test(value) ? [] : [message]);
}

function parses(parse: (value: string) => unknown): (value: string) => boolean {
  return (value) => {
    try {
      parse(value);
      return true;
    } catch {
      return false;
    }
  };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** One named format of the library. */
export class NamedFormat {
  /** The format's name, e.g. `dns1123Label`. */
  readonly name: string;
  /** The messages for a value, empty when it is valid. */
  readonly validate: (value: string) => string[];

  constructor(name: string, validate: (value: string) => string[]) {
    this.name = name;
    this.validate = validate;
  }
}

/** Every named format, by name. */
export const NAMED_FORMATS: ReadonlyMap<string, NamedFormat> = new Map(
  (
    [
      ["dns1123Label", dns1123Label],
      ["dns1123Subdomain", dns1123Subdomain],
      ["dns1035Label", dns1035Label],
      ["qualifiedName", qualifiedName],
      ["dns1123LabelPrefix", asPrefix(dns1123Label)],
      ["dns1123SubdomainPrefix", asPrefix(dns1123Subdomain)],
      ["dns1035LabelPrefix", asPrefix(dns1035Label)],
      ["labelValue", labelValue],
      ["uri", check(parses(parseRequestUri), "invalid URI")],
      ["uuid", check((value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value), "does not match the UUID format")],
      ["byte", check((value) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value), "invalid base64")],
      ["date", check((value) => DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "invalid date")],
      ["datetime", check((value) => DATETIME.test(value) && !Number.isNaN(Date.parse(value)), "invalid datetime")],
    ] as const
  ).map(([name, validate]) => [name, new NamedFormat(name, validate)]),
);

/** The receiver of `format.dns1123Label()` and the other formats. */
class FormatNamespace {}

const TYPE = "kubernetes.NamedFormat";

/** Registers `format.<name>()`, `format.named(name)` and `validate`. */
export function registerFormat(env: Environment): void {
  env.registerType("FormatNamespace", FormatNamespace).registerConstant("format", "FormatNamespace", new FormatNamespace()).registerType(TYPE, NamedFormat);
  for (const [name, format] of NAMED_FORMATS) env.registerFunction(`FormatNamespace.${name}(): ${TYPE}`, () => format);
  env
    .registerFunction(`FormatNamespace.named(string): optional<${TYPE}>`, (_namespace: FormatNamespace, name: string) => {
      const format = NAMED_FORMATS.get(name);
      return format === undefined ? Optional.none() : Optional.of(format);
    })
    .registerFunction(`${TYPE}.validate(string): optional<list<string>>`, (format: NamedFormat, value: string) => {
      const errors = format.validate(value);
      return errors.length === 0 ? Optional.none() : Optional.of(errors);
    });
}
