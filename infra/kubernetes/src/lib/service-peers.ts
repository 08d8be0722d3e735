import { ServiceDefinition, serviceId } from '@factsway/service-catalog';

/** The definitions of the peers `service` calls, in its `peers` order, from the services being rendered. */
export function peersOf(service: ServiceDefinition, services: readonly ServiceDefinition[]): ServiceDefinition[] {
  return service.peers.map((name) => {
    const peer = services.find((candidate) => candidate.name === name);
    if (!peer) throw new Error(`${serviceId(service.name)} calls "${name}", which is not rendered`);
    return peer;
  });
}
