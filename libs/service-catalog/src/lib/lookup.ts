import { ServiceDefinition } from './service-definition';
import { services } from './services';

/** `records` -> `records-service`: the app, image, Deployment, Service and scrape job name. */
export function serviceId(name: string): string {
  return `${name}-service`;
}

/** `records` -> `RECORDS_SERVICE_URL`: how a peer's base URL reaches a caller. */
export function peerUrlVariable(name: string): string {
  return `${name.toUpperCase().replace(/-/g, '_')}_SERVICE_URL`;
}

export function findService(name: string): ServiceDefinition | undefined {
  const short = name.endsWith('-service') ? name.slice(0, -'-service'.length) : name;
  return (services as readonly ServiceDefinition[]).find((s) => s.name === short);
}

export function getService(name: string): ServiceDefinition {
  const found = findService(name);
  if (!found) {
    throw new Error(`Unknown service "${name}"; the catalog has: ${services.map((s) => s.name).join(', ')}`);
  }
  return found;
}

/** Services whose peer lists name `name`: the ones that break when it is down. */
export function callersOf(name: string): ServiceDefinition[] {
  return (services as readonly ServiceDefinition[]).filter((s) => s.peers.includes(name));
}
