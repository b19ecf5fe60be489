/**
 * The Kubernetes URL library (`k8s.io/apiserver/pkg/cel/library`,
 * `urls.go`): `url(s)`, `isURL(s)` and the methods `getScheme`, `getHost`,
 * `getHostname`, `getPort`, `getEscapedPath`, `getQuery`. URLs are parsed
 * as Go's `url.ParseRequestURI` parses them (an absolute URI or an absolute
 * path; no fragment), not as WHATWG URLs, so that `isURL("example.com")`
 * is false as in the API server.
 */
import { EvaluationError, type Environment } from "@marcbachmann/cel-js";

/** A URL parsed as Go's `url.ParseRequestURI`. */
export class KubernetesUrl {
  /** The scheme, lowercased; `""` for a path. */
  readonly scheme: string;
  /** The host with its port, e.g. `example.com:8080` or `[::1]:80`. */
  readonly host: string;
  /** The path as written, escapes kept. */
  readonly escapedPath: string;
  /** The query after `?`, without it. */
  readonly rawQuery: string;

  constructor(scheme: string, host: string, escapedPath: string, rawQuery: string) {
    this.scheme = scheme;
    this.host = host;
    this.escapedPath = escapedPath;
    this.rawQuery = rawQuery;
  }

  /** The host without port and brackets, as Go's `URL.Hostname()`. */
  hostname(): string {
    if (this.host.startsWith("[")) return this.host.slice(1, this.host.lastIndexOf("]"));
    const colon = this.host.lastIndexOf(":");
    return colon === -1 ? this.host : this.host.slice(0, colon);
  }

  /** The port, or `""`, as Go's `URL.Port()`. */
  port(): string {
    const colon = this.host.lastIndexOf(":");
    if (colon === -1 || this.host.lastIndexOf("]") > colon) return "";
    return this.host.slice(colon + 1);
  }

  /** The query as Go's `URL.Query()`: each key with its values, pairs with bad escapes dropped. */
  query(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const pair of this.rawQuery.split(/[&]/)) {
      if (pair === "" || pair.includes(";")) continue;
      const [rawKey = "", rawValue = ""] = pair.split(/=(.*)/s);
      const key = unescapeQuery(rawKey);
      const value = unescapeQuery(rawValue);
      if (key === undefined || value === undefined) continue;
      (out[key] ??= []).push(value);
    }
    return out;
  }
}

function unescapeQuery(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

/** Characters Go's `shouldEscape(c, encodeHost)` allows unescaped in a host. */
const HOST_CHARACTER = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]$/;

function validPort(colonPort: string): boolean {
  return colonPort === "" || /^:\d*$/.test(colonPort);
}

function validEscapes(text: string): boolean {
  return !/%(?![0-9A-Fa-f]{2})/.test(text);
}

function parseHost(host: string): string {
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close === -1) throw new Error("missing ']' in host");
    if (!validPort(host.slice(close + 1))) throw new Error(`invalid port ${JSON.stringify(host.slice(close + 1))} after host`);
  } else {
    const colon = host.lastIndexOf(":");
    if (colon !== -1 && !validPort(host.slice(colon))) throw new Error(`invalid port ${JSON.stringify(host.slice(colon))} after host`);
  }
  if (!validEscapes(host)) throw new Error("invalid URL escape");
  for (const char of host) {
    if (char.charCodeAt(0) < 0x80 && !HOST_CHARACTER.test(char)) throw new Error(`invalid character ${JSON.stringify(char)} in host name`);
  }
  return host;
}

function splitScheme(raw: string): [string, string] {
  for (let index = 0; index < raw.length; index += 1) {
    const char = raw[index] ?? "";
    if (/[A-Za-z]/.test(char)) continue;
    if (/[0-9+\-.]/.test(char)) {
      if (index === 0) return ["", raw];
      continue;
    }
    if (char === ":") {
      if (index === 0) throw new Error("missing protocol scheme");
      return [raw.slice(0, index).toLowerCase(), raw.slice(index + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

/**
 * Parses a URL as Go's `url.ParseRequestURI`.
 *
 * @throws {Error} with Go's reason when it is not one.
 */
export function parseRequestUri(raw: string): KubernetesUrl {
  if (raw === "") throw new Error("empty url");
  if (/[\u0000-\u001f\u007f]/.test(raw)) throw new Error("net/url: invalid control character in URL");
  if (raw === "*") return new KubernetesUrl("", "", "*", "");
  const [scheme, afterScheme] = splitScheme(raw);
  let rest = afterScheme;
  let rawQuery = "";
  if (rest.endsWith("?") && rest.indexOf("?") === rest.length - 1) rest = rest.slice(0, -1);
  else {
    const question = rest.indexOf("?");
    if (question !== -1) [rest, rawQuery] = [rest.slice(0, question), rest.slice(question + 1)];
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return new KubernetesUrl(scheme, "", "", rawQuery);
    throw new Error("invalid URI for request");
  }
  let host = "";
  if (scheme !== "" && rest.startsWith("//")) {
    const slash = rest.indexOf("/", 2);
    const authority = slash === -1 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash === -1 ? "" : rest.slice(slash);
    const at = authority.lastIndexOf("@");
    const userinfo = at === -1 ? "" : authority.slice(0, at);
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo) || !validEscapes(userinfo)) throw new Error("net/url: invalid userinfo");
    host = parseHost(authority.slice(at + 1));
  }
  if (!validEscapes(rest)) throw new Error("invalid URL escape");
  return new KubernetesUrl(scheme, host, rest, rawQuery);
}

function url(text: string): KubernetesUrl {
  try {
    return parseRequestUri(text);
  } catch (error) {
    throw new EvaluationError(`URL parse error during conversion from string: parse ${JSON.stringify(text)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isUrl(text: string): boolean {
  try {
    parseRequestUri(text);
    return true;
  } catch {
    return false;
  }
}

const TYPE = "kubernetes.URL";

/** Registers `url`, `isURL` and the methods of `kubernetes.URL`. */
export function registerUrls(env: Environment): void {
  env
    .registerType(TYPE, KubernetesUrl)
    .registerFunction(`url(string): ${TYPE}`, url)
    .registerFunction("isURL(string): bool", isUrl)
    .registerFunction(`${TYPE}.getScheme(): string`, (value: KubernetesUrl) => value.scheme)
    .registerFunction(`${TYPE}.getHost(): string`, (value: KubernetesUrl) => value.host)
    .registerFunction(`${TYPE}.getHostname(): string`, (value: KubernetesUrl) => value.hostname())
    .registerFunction(`${TYPE}.getPort(): string`, (value: KubernetesUrl) => value.port())
    .registerFunction(`${TYPE}.getEscapedPath(): string`, (value: KubernetesUrl) => value.escapedPath)
    .registerFunction(`${TYPE}.getQuery(): map<string, list<string>>`, (value: KubernetesUrl) => value.query());
}
