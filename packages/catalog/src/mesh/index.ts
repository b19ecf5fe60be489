/**
 * Catalog section: the Istio service mesh. The `istio` component and the
 * builders of the objects that use it: gateways, routes, destination
 * rules, mutual TLS and authorization policies, injected namespaces.
 */
export { istio, istioProps } from "./istio.ts";
export type { IstioBaseValues, IstioGatewayValues, IstiodValues, IstioProps, MeshConfigValues } from "./istio.ts";
export { gateway, gatewayProps } from "./gateway.ts";
export type { GatewayInput } from "./gateway.ts";
export { gatewayCertificate, gatewayCertificateProps } from "./gateway-certificate.ts";
export type { GatewayCertificateInput } from "./gateway-certificate.ts";
export { virtualService, virtualServiceProps } from "./virtual-service.ts";
export type { VirtualServiceInput } from "./virtual-service.ts";
export { destinationRule, destinationRuleProps } from "./destination-rule.ts";
export type { DestinationRuleInput } from "./destination-rule.ts";
export { peerAuthentication, peerAuthenticationProps } from "./peer-authentication.ts";
export type { PeerAuthenticationInput } from "./peer-authentication.ts";
export { allowProps, authorizationPolicy, authorizationPolicyProps, defaultDenyProps } from "./authorization-policy.ts";
export type { AllowInput, AuthorizationPolicyInput, DefaultDenyInput } from "./authorization-policy.ts";
export { sidecarInjection, sidecarInjectionProps } from "./sidecar-injection.ts";
export type { SidecarInjectionInput } from "./sidecar-injection.ts";
export { DEFAULT_TRUST_DOMAIN, ISTIO_INGRESS_GATEWAY, ISTIO_INGRESS_NAMESPACE, ISTIO_INGRESS_SELECTOR, ISTIO_NAMESPACE, principalOf } from "./names.ts";
