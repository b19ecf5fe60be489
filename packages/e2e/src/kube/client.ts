/**
 * A small Kubernetes API client over node:https with the admin's client
 * certificate: discovery, server-side apply, get and status patches.
 * Enough for the test; no kubectl needed.
 */
import { request } from "node:https";
import { readFileSync } from "node:fs";

/** An API object as the server returns it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    deletionTimestamp?: string;
    generation?: number;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** An answer of the API server that was not a success. */
export class KubeApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The server's Status object or text. */
  readonly body: unknown;

  constructor(method: string, path: string, status: number, body: unknown) {
    const message = typeof body === "object" && body !== null && "message" in body ? String((body as { message: unknown }).message) : String(body);
    super(`${method} ${path}: ${status} ${message}`);
    this.name = "KubeApiError";
    this.status = status;
    this.body = body;
  }
}

interface Resource {
  readonly plural: string;
  readonly namespaced: boolean;
}

/** The connection settings of {@link KubeClient}. */
export interface KubeClientOptions {
  /** `https://127.0.0.1:<port>`. */
  readonly server: string;
  /** The CA file that signed the server's certificate. */
  readonly caFile: string;
  /** The client certificate and key files. */
  readonly certFile: string;
  readonly keyFile: string;
}

/** The field manager of everything the harness applies. */
export const HARNESS_FIELD_MANAGER = "typed-gitops-e2e";

/** A client for one API server. */
export class KubeClient {
  readonly #url: URL;
  readonly #ca: Buffer;
  readonly #cert: Buffer;
  readonly #key: Buffer;
  readonly #resources = new Map<string, Resource>();

  constructor(options: KubeClientOptions) {
    this.#url = new URL(options.server);
    this.#ca = readFileSync(options.caFile);
    this.#cert = readFileSync(options.certFile);
    this.#key = readFileSync(options.keyFile);
  }

  /** Sends one request; resolves with the status and the parsed (or raw) body. */
  raw(method: string, path: string, body?: string, contentType = "application/json"): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.#url.hostname,
          port: this.#url.port,
          method,
          path,
          ca: this.#ca,
          cert: this.#cert,
          key: this.#key,
          headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": contentType, "content-length": Buffer.byteLength(body) }) },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON (e.g. /readyz)
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on("error", reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  async #call(method: string, path: string, body?: string, contentType?: string): Promise<unknown> {
    const answer = await this.raw(method, path, body, contentType);
    if (answer.status < 200 || answer.status >= 300) throw new KubeApiError(method, path, answer.status, answer.body);
    return answer.body;
  }

  /** Whether `/readyz` answers ok. */
  async ready(): Promise<boolean> {
    try {
      const answer = await this.raw("GET", "/readyz");
      return answer.status === 200;
    } catch {
      return false;
    }
  }

  async #resource(apiVersion: string, kind: string): Promise<Resource> {
    const key = `${apiVersion}/${kind}`;
    const known = this.#resources.get(key);
    if (known !== undefined) return known;
    const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const answer = await this.raw("GET", base);
    if (answer.status === 200) {
      const list = answer.body as { resources: { name: string; kind: string; namespaced: boolean }[] };
      for (const resource of list.resources) {
        if (resource.name.includes("/")) continue;
        this.#resources.set(`${apiVersion}/${resource.kind}`, { plural: resource.name, namespaced: resource.namespaced });
      }
    }
    const found = this.#resources.get(key);
    if (found === undefined) throw new KubeApiError("GET", base, answer.status === 200 ? 404 : answer.status, `the server has no resource for ${key}`);
    return found;
  }

  /** The REST path of an object (or of its collection when `name` is undefined). */
  async path(apiVersion: string, kind: string, namespace: string | undefined, name?: string): Promise<string> {
    const resource = await this.#resource(apiVersion, kind);
    const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const scope = resource.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? "default")}` : "";
    return `${base}${scope}/${resource.plural}${name === undefined ? "" : `/${encodeURIComponent(name)}`}`;
  }

  /** Server-side applies an object, taking over conflicting fields. */
  async apply(object: KubeObject, fieldManager = HARNESS_FIELD_MANAGER): Promise<KubeObject> {
    const path = await this.path(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name);
    return (await this.#call("PATCH", `${path}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`, JSON.stringify(object), "application/apply-patch+yaml")) as KubeObject;
  }

  /** Reads an object; undefined when it does not exist. */
  async get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<KubeObject | undefined> {
    const path = await this.path(apiVersion, kind, namespace, name);
    const answer = await this.raw("GET", path);
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new KubeApiError("GET", path, answer.status, answer.body);
    return answer.body as KubeObject;
  }

  /** Merge-patches an object's status subresource. */
  async patchStatus(apiVersion: string, kind: string, name: string, namespace: string | undefined, status: unknown): Promise<void> {
    const path = await this.path(apiVersion, kind, namespace, name);
    await this.#call("PATCH", `${path}/status`, JSON.stringify({ status }), "application/merge-patch+json");
  }

  /** Forgets the discovered resources, after CRDs were added. */
  forgetDiscovery(): void {
    this.#resources.clear();
  }
}
