/**
 * An app's exposure outside the cluster: an Ingress, a Traefik
 * IngressRoute, a Gateway API HTTPRoute or an Istio VirtualService, with
 * its certificate from cert-manager where the route itself holds TLS.
 */
import { UserError, type ApiObject } from "@typed-gitops/lib";
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { VirtualService } from "@kubernetes-models/istio/networking.istio.io/v1/VirtualService";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { hostRule, traefikIngressRoute } from "../shared/web-route.ts";
import type { AppProps } from "./props.ts";

/** The Istio Gateway a VirtualService attaches to when none is named. */
export const DEFAULT_ISTIO_GATEWAY = { name: "public-gateway", namespace: "istio-ingress" } as const;

/** The exposure settings of parsed app props. */
type Expose = NonNullable<AppProps["expose"]>;

/** The name of the VirtualService route that an Istio canary shifts weight on. */
export const CANARY_ROUTE = "primary";

/** The namespace whose pods (the ingress controller) reach the app from outside. */
export function ingressNamespaceOf(expose: Expose): string {
  if (expose.ingressNamespace !== undefined) return expose.ingressNamespace;
  if (expose.via === "istio") return DEFAULT_ISTIO_GATEWAY.namespace;
  if (expose.via === "ingress" && expose.ingressClassName === "nginx") return "ingress-nginx";
  return expose.via === "gateway" ? (expose.gateway?.namespace ?? "traefik") : "traefik";
}

/** A cert-manager Certificate for the host, in the given namespace. */
function certificate(name: string, namespace: string, host: string, issuer: { name: string; kind: "ClusterIssuer" | "Issuer" }, labels: Record<string, string>): Certificate {
  return new Certificate({
    metadata: { name, namespace, labels },
    spec: { secretName: name, dnsNames: [host], issuerRef: { name: issuer.name, kind: issuer.kind, group: "cert-manager.io" }, privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" } },
  });
}

/**
 * The objects that expose an app: its route and, where the route holds
 * TLS, its Certificate.
 *
 * @throws {UserError} for settings the chosen route cannot honour.
 */
export function exposureObjects(props: AppProps, namespace: string, labels: Record<string, string>, canary: boolean): ApiObject[] {
  const expose = props.expose;
  if (expose === undefined) return [];
  const where = `app "${props.name}": expose`;
  const service = { name: props.name, port: props.servicePort };
  const tlsSecret = expose.tls === undefined ? undefined : "secretName" in expose.tls ? expose.tls.secretName : `${props.name}-tls`;
  const issuer = expose.tls !== undefined && "issuer" in expose.tls ? { name: expose.tls.issuer.name, kind: expose.tls.issuer.kind ?? "ClusterIssuer" } : undefined;
  if (expose.protect !== undefined && expose.via !== "traefik") {
    throw new UserError({ where: `${where}.protect`, what: `is a Traefik middleware, but the app is exposed via ${expose.via}`, hint: 'use via: "traefik", or protect the app at its gateway' });
  }
  if (canary && expose.via !== "istio") {
    throw new UserError({ where: `app "${props.name}": workload.trafficRouting`, what: `istio traffic routing needs the app exposed via istio, not ${expose.via}`, hint: 'set expose.via: "istio", or trafficRouting: "none"' });
  }
  switch (expose.via) {
    case "ingress": {
      const annotations = issuer === undefined ? undefined : { [issuer.kind === "ClusterIssuer" ? "cert-manager.io/cluster-issuer" : "cert-manager.io/issuer"]: issuer.name };
      return [
        new Ingress({
          metadata: { name: props.name, namespace, labels, ...(annotations === undefined ? {} : { annotations }) },
          spec: {
            ingressClassName: expose.ingressClassName,
            rules: [{ host: expose.host, http: { paths: [{ path: expose.path, pathType: "Prefix", backend: { service: { name: service.name, port: { number: service.port } } } }] } }],
            ...(tlsSecret === undefined ? {} : { tls: [{ hosts: [expose.host], secretName: tlsSecret }] }),
          },
        }),
      ];
    }
    case "traefik": {
      const route = traefikIngressRoute({
        name: props.name,
        namespace,
        entryPoints: [tlsSecret === undefined ? "web" : "websecure"],
        routes: [
          {
            match: expose.path === "/" ? hostRule([expose.host]) : hostRule([expose.host], expose.path),
            ...(expose.protect === undefined ? {} : { middlewares: [expose.protect] }),
            services: [{ name: service.name, port: service.port }],
          },
        ],
        ...(tlsSecret === undefined ? {} : { tls: { secretName: tlsSecret } }),
      });
      route.metadata!.labels = labels;
      return issuer === undefined ? [route] : [certificate(tlsSecret!, namespace, expose.host, issuer, labels), route];
    }
    case "gateway": {
      if (expose.gateway === undefined) throw new UserError({ where: `${where}.gateway`, what: "is required for via gateway", hint: "name the Gateway the HTTPRoute attaches to: { name, namespace }" });
      if (expose.tls !== undefined) {
        throw new UserError({ where: `${where}.tls`, what: "is set on the Gateway's HTTPS listener for via gateway, not on the route", hint: "remove tls here and give the Gateway listener its certificateRefs" });
      }
      return [
        new HTTPRoute({
          metadata: { name: props.name, namespace, labels },
          spec: {
            parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: expose.gateway.name, namespace: expose.gateway.namespace }],
            hostnames: [expose.host],
            rules: [{ matches: [{ path: { type: "PathPrefix", value: expose.path } }], backendRefs: [{ group: "", kind: "Service", name: service.name, port: service.port, weight: 1 }] }],
          },
        }),
      ];
    }
    case "istio": {
      const gateway = expose.gateway ?? DEFAULT_ISTIO_GATEWAY;
      const host = (name: string) => `${name}.${namespace}.svc.cluster.local`;
      const route = canary
        ? [
            { destination: { host: host(props.name), port: { number: service.port } }, weight: 100 },
            { destination: { host: host(`${props.name}-canary`), port: { number: service.port } }, weight: 0 },
          ]
        : [{ destination: { host: host(props.name), port: { number: service.port } } }];
      const objects: ApiObject[] = [
        new VirtualService({
          metadata: { name: props.name, namespace, labels },
          spec: {
            hosts: [expose.host],
            gateways: [`${gateway.namespace}/${gateway.name}`],
            http: [{ name: CANARY_ROUTE, match: [{ uri: { prefix: expose.path } }], route }],
          },
        }),
      ];
      // The gateway reads the certificate's Secret (credentialName) from its own namespace.
      if (issuer !== undefined) objects.unshift(certificate(`${props.name}-tls`, gateway.namespace, expose.host, issuer, labels));
      return objects;
    }
  }
}
