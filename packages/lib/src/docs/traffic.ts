/**
 * The page's traffic section: how requests from outside reach workloads —
 * DNS names and tunnels, the objects that route them (Ingress, Traefik
 * IngressRoute, Gateway API Gateway and routes, Istio Gateway and
 * VirtualService), the Services they target and the workloads behind them.
 */
import { lazyModel } from "../resource/lazy-model.ts";
import { asArray, asObject, asString, at } from "../resource/json-fields.ts";
import { Flowchart } from "./mermaid.ts";
import { byCodeUnit, code, table } from "./markdown.ts";
import { label, type PageObject } from "./page-objects.ts";
import { selects, workloadsOf } from "./workloads.ts";

/** The `yaml` package, loaded on first use. */
const yaml = lazyModel<typeof import("yaml")>(import.meta.resolve("yaml"));

/** A Service reference, resolved to a namespace. */
interface ServiceRef {
  readonly namespace: string;
  readonly name: string;
}

/** One object that takes traffic in and where it sends it. */
interface Entry {
  readonly object: PageObject;
  /** The node label's lines. */
  readonly lines: readonly string[];
  readonly hosts: readonly string[];
  /** Gateways the entry attaches to, as node keys of other entries. */
  readonly parents: readonly string[];
  readonly services: readonly ServiceRef[];
  /** How traffic reaches it straight from outside, without a host name (a LoadBalancer or NodePort Service). */
  readonly direct?: string;
}

const TRAEFIK_GROUPS = new Set(["traefik.io", "traefik.containo.us"]);
const GATEWAY_GROUP = "gateway.networking.k8s.io";
const ISTIO_GROUP = "networking.istio.io";
const ROUTE_KINDS = new Set(["HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"]);

function strings(values: unknown): string[] {
  return asArray(values).map(asString).filter((value): value is string => value !== undefined);
}

/** The host names of a Traefik rule such as ``Host(`a.example.org`) && PathPrefix(`/api`)``. */
export function traefikHosts(match: string): string[] {
  const hosts: string[] = [];
  for (const call of match.matchAll(/\bHost(?:SNI)?\(([^)]*)\)/g)) {
    for (const quoted of call[1]!.matchAll(/[`"]([^`"]+)[`"]/g)) hosts.push(quoted[1]!);
  }
  return hosts;
}

/** A Service named by an in-cluster URL or host (`svc`, `svc.ns`, `svc.ns.svc.cluster.local`, `http://svc.ns:80`). */
export function serviceOfHost(value: string, namespace: string): ServiceRef | undefined {
  const host = value.replace(/^[a-z]+:\/\//, "").replace(/[:/].*$/, "");
  if (host === "" || /^\d+\.\d+\.\d+\.\d+$/.test(host)) return undefined;
  const parts = host.split(".");
  if (parts.length === 1) return { namespace, name: parts[0]! };
  if (parts.length === 2 || (parts.length >= 3 && parts[2] === "svc")) return { namespace: parts[1]!, name: parts[0]! };
  return undefined;
}

function entriesOf(objects: readonly PageObject[]): Entry[] {
  const entries: Entry[] = [];
  for (const object of objects) {
    const spec = asObject(object.json.spec) ?? {};
    const ns = object.namespace;
    if (object.group === "networking.k8s.io" && object.kind === "Ingress") {
      const services: ServiceRef[] = [];
      const backend = (value: unknown) => {
        const name = asString(at(value, "service", "name"));
        if (name !== undefined) services.push({ namespace: ns, name });
      };
      backend(spec.defaultBackend);
      for (const rule of asArray(spec.rules)) for (const path of asArray(at(rule, "http", "paths"))) backend(at(path, "backend"));
      const className = asString(spec.ingressClassName);
      entries.push({ object, lines: [label(object), ...(className === undefined ? [] : [`class ${className}`])], hosts: asArray(spec.rules).map((rule) => asString(at(rule, "host")) ?? "*"), parents: [], services });
    } else if (TRAEFIK_GROUPS.has(object.group) && (object.kind === "IngressRoute" || object.kind === "IngressRouteTCP")) {
      const hosts: string[] = [];
      const services: ServiceRef[] = [];
      for (const route of asArray(spec.routes)) {
        hosts.push(...traefikHosts(asString(at(route, "match")) ?? ""));
        for (const service of asArray(at(route, "services"))) {
          const kind = asString(at(service, "kind")) ?? "Service";
          const name = asString(at(service, "name"));
          if (kind === "Service" && name !== undefined) services.push({ namespace: asString(at(service, "namespace")) ?? ns, name });
        }
      }
      const entryPoints = strings(spec.entryPoints);
      entries.push({ object, lines: [label(object), ...(entryPoints.length === 0 ? [] : [`entry points ${entryPoints.join(", ")}`])], hosts, parents: [], services });
    } else if (object.group === GATEWAY_GROUP && object.kind === "Gateway") {
      const className = asString(spec.gatewayClassName);
      entries.push({ object, lines: [label(object), ...(className === undefined ? [] : [`class ${className}`])], hosts: asArray(spec.listeners).map((listener) => asString(at(listener, "hostname"))).filter((host): host is string => host !== undefined), parents: [], services: [] });
    } else if (object.group === GATEWAY_GROUP && ROUTE_KINDS.has(object.kind)) {
      const parents = asArray(spec.parentRefs)
        .filter((ref) => (asString(at(ref, "kind")) ?? "Gateway") === "Gateway")
        .map((ref) => `${GATEWAY_GROUP}|Gateway|${asString(at(ref, "namespace")) ?? ns}|${asString(at(ref, "name")) ?? ""}`);
      const services: ServiceRef[] = [];
      for (const rule of asArray(spec.rules)) {
        for (const ref of asArray(at(rule, "backendRefs"))) {
          const name = asString(at(ref, "name"));
          if ((asString(at(ref, "kind")) ?? "Service") === "Service" && name !== undefined) services.push({ namespace: asString(at(ref, "namespace")) ?? ns, name });
        }
      }
      entries.push({ object, lines: [label(object)], hosts: strings(spec.hostnames), parents, services });
    } else if (object.group === ISTIO_GROUP && object.kind === "Gateway") {
      entries.push({ object, lines: [label(object), "Istio"], hosts: asArray(spec.servers).flatMap((server) => strings(at(server, "hosts")).map((host) => host.replace(/^[^/]*\//, ""))), parents: [], services: [] });
    } else if (object.group === ISTIO_GROUP && object.kind === "VirtualService") {
      const parents = strings(spec.gateways)
        .filter((gateway) => gateway !== "mesh")
        .map((gateway) => {
          const [first, second] = gateway.includes("/") ? gateway.split("/") : [ns, gateway];
          return `${ISTIO_GROUP}|Gateway|${first}|${second}`;
        });
      const services: ServiceRef[] = [];
      for (const route of [...asArray(spec.http), ...asArray(spec.tls), ...asArray(spec.tcp)]) {
        for (const destination of asArray(at(route, "route"))) {
          const service = serviceOfHost(asString(at(destination, "destination", "host")) ?? "", ns);
          if (service !== undefined) services.push(service);
        }
      }
      entries.push({ object, lines: [label(object)], hosts: strings(spec.hosts), parents, services });
    } else if (object.group === "" && object.kind === "Service" && (spec.type === "LoadBalancer" || spec.type === "NodePort")) {
      entries.push({ object, lines: [label(object), `type ${String(spec.type)}`], hosts: [], parents: [], services: [{ namespace: ns, name: object.name }], direct: String(spec.type) });
    } else if (object.group === "" && object.kind === "ConfigMap") {
      // A Cloudflare Tunnel (cloudflared) configuration: ingress rules from host names to in-cluster services.
      for (const value of Object.values(asObject(object.json.data) ?? {})) {
        if (typeof value !== "string" || !/^tunnel:/m.test(value) || !/^ingress:/m.test(value)) continue;
        let config: unknown;
        try {
          config = yaml().parse(value);
        } catch {
          continue;
        }
        const hosts: string[] = [];
        const services: ServiceRef[] = [];
        for (const rule of asArray(at(config, "ingress"))) {
          const host = asString(at(rule, "hostname"));
          const service = serviceOfHost(asString(at(rule, "service")) ?? "", ns);
          if (host !== undefined) hosts.push(host);
          if (host !== undefined && service !== undefined) services.push(service);
        }
        if (hosts.length > 0) entries.push({ object, lines: [`Cloudflare Tunnel ${asString(at(config, "tunnel")) ?? ""}`.trim(), `(${label(object)})`], hosts, parents: [], services });
      }
    }
  }
  return entries;
}

/** Renders the traffic section. */
export function trafficSection(objects: readonly PageObject[]): string {
  let out = "## External traffic\n\n";
  const entries = entriesOf(objects);
  const dns = objects.filter((object) => object.group === "externaldns.k8s.io" && object.kind === "DNSEndpoint");
  if (entries.length === 0 && dns.length === 0) return `${out}No object of the cluster takes traffic from outside (no Ingress, IngressRoute, Gateway, route, VirtualService, LoadBalancer Service or tunnel).\n`;
  const keyOf = (object: PageObject) => `${object.group}|${object.kind}|${object.namespace}|${object.name}`;
  const services = new Map(objects.filter((object) => object.group === "" && object.kind === "Service").map((object) => [`${object.namespace}/${object.name}`, object]));
  const workloads = workloadsOf(objects);
  const chart = new Flowchart();
  chart.node("internet", "internet", "circle");
  const rows: string[][] = [];
  for (const record of dns) {
    for (const endpoint of asArray(at(record.json, "spec", "endpoints"))) {
      const name = asString(at(endpoint, "dnsName"));
      if (name === undefined) continue;
      chart.node(`host:${name}`, [name, `${label(record)}`], "stadium");
      chart.edge("internet", `host:${name}`);
    }
  }
  const serviceNode = (ref: ServiceRef): string => {
    const key = `svc:${ref.namespace}/${ref.name}`;
    const service = services.get(`${ref.namespace}/${ref.name}`);
    chart.node(key, service === undefined ? [`Service ${ref.namespace}/${ref.name}`, "not in the tree"] : [`Service ${ref.namespace}/${ref.name}`], "box");
    if (service !== undefined) {
      const selector = asObject(at(service.json, "spec", "selector")) ?? {};
      for (const workload of workloads) {
        if (workload.object.namespace !== ref.namespace || !selects(selector, workload.labels)) continue;
        const workloadKey = `wl:${keyOf(workload.object)}`;
        chart.node(workloadKey, label(workload.object), "hexagon");
        chart.edge(key, workloadKey);
      }
    }
    return key;
  };
  for (const entry of entries) {
    if (!(entry.object.kind === "Service" && entry.object.group === "")) chart.node(keyOf(entry.object), entry.lines, "box");
  }
  for (const entry of entries) {
    const entryKey = keyOf(entry.object);
    const isService = entry.object.kind === "Service" && entry.object.group === "";
    const target = isService ? serviceNode(entry.services[0]!) : entryKey;
    for (const parent of entry.parents) {
      const [, kind, namespace, name] = parent.split("|");
      chart.node(parent, [`${kind} ${namespace}/${name}`, "not in the tree"], "box");
      chart.edge(parent, entryKey);
    }
    if (entry.direct !== undefined) chart.edge("internet", target, entry.direct);
    for (const host of entry.hosts) {
      chart.node(`host:${host}`, host, "stadium");
      if (entry.direct === undefined) chart.edge("internet", `host:${host}`);
      if (entry.parents.length === 0) chart.edge(`host:${host}`, target);
      else for (const parent of entry.parents) chart.edge(`host:${host}`, parent);
    }
    if (!isService) for (const service of entry.services) chart.edge(entryKey, serviceNode(service));
    const targets = [...new Set(entry.services.map((service) => `${service.namespace}/${service.name}`))].sort(byCodeUnit);
    rows.push([entry.hosts.length === 0 ? (entry.direct ?? "") : [...new Set(entry.hosts)].sort(byCodeUnit).map(code).join(", "), code(label(entry.object)), code(entry.object.component), targets.map((target) => code(`Service ${target}`)).join(", ")]);
  }
  out += "Requests from outside, from the host names (or tunnels and load balancers) through the routing objects to Services and the workloads they select.\n\n";
  out += `${chart.render("LR")}\n`;
  rows.sort((a, b) => byCodeUnit(a.join("|"), b.join("|")));
  out += table(["hosts", "entry", "component", "routes to"], rows);
  return out;
}
