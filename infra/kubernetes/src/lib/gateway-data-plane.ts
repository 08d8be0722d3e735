import { GatewaySettings, TrafficSource } from './cluster-settings';

/** The Gateway of the public API, in the environment's namespace. */
export const GATEWAY_NAME = 'factsway-api';

/**
 * The Envoy pods that Envoy Gateway runs for `GATEWAY_NAME`: its default deployment mode puts
 * them in the controller's namespace, labelled with the owning Gateway (labels as set by
 * Envoy Gateway v1.9 `internal/infrastructure/kubernetes/proxy`). Only they reach the services.
 */
export function gatewayDataPlane(gateway: GatewaySettings, gatewayNamespace: string): TrafficSource {
  return {
    namespace: gateway.dataPlaneNamespace,
    podLabels: {
      'app.kubernetes.io/name': 'envoy',
      'app.kubernetes.io/component': 'proxy',
      'app.kubernetes.io/managed-by': 'envoy-gateway',
      'gateway.envoyproxy.io/owning-gateway-name': GATEWAY_NAME,
      'gateway.envoyproxy.io/owning-gateway-namespace': gatewayNamespace,
    },
  };
}
