import { ResourceQuantities, ServiceResources } from '@factsway/service-catalog';

/** `500m` -> 500, `1` -> 1000. */
export function cpuMillicores(cpu: string): number {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(cpu);
  if (!match) throw new Error(`unsupported CPU quantity "${cpu}"`);
  return match[2] === 'm' ? Number(match[1]) : Number(match[1]) * 1000;
}

/** `128Mi` -> 128, `1Gi` -> 1024. */
export function memoryMebibytes(memory: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(memory);
  if (!match) throw new Error(`unsupported memory quantity "${memory}"`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

function scaled(quantities: ResourceQuantities, factor: number): ResourceQuantities {
  return {
    cpu: `${Math.max(10, Math.round(cpuMillicores(quantities.cpu) * factor))}m`,
    memory: `${Math.max(16, Math.round(memoryMebibytes(quantities.memory) * factor))}Mi`,
  };
}

/** Same limits, smaller requests: packs more pods on a smaller cluster while keeping the same ceiling. */
export function withScaledRequests(resources: ServiceResources, factor: number): ServiceResources {
  return { requests: scaled(resources.requests, factor), limits: resources.limits };
}

/** 62914560 -> `60Mi`, 1536 -> `1536`: a byte count as the shortest exact binary quantity. */
export function byteQuantity(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes <= 0) throw new Error(`unsupported byte count ${bytes}`);
  for (const [suffix, size] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    if (bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}
