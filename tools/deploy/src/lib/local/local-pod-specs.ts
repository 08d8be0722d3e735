import { localSettings, renderManifests, RenderedManifest } from '@factsway/kubernetes';
import { services as catalog, serviceId } from '@factsway/service-catalog';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../images/container-tools';
import { LocalEngineOptions } from './local-options';
import { podmanManifest } from './podman-manifests';

/** How long a new pod waits for the old one's port (images/port-handoff.cjs). */
const HANDOFF_SECONDS = 90;

/**
 * The pods the local engine plays: the manifests infra/kubernetes generates for `local`,
 * rewritten for podman (podman-manifests.ts) with the engine's ports and environment.
 */
export class LocalPodSpecs {
  constructor(private readonly options: LocalEngineOptions) {}

  private manifests(version: string): RenderedManifest[] {
    return renderManifests(
      // No literal DATABASE_URL: the manifests read the Secret, which prepare creates (database-secret.ts).
      localSettings({
        version,
        environmentOverrides: this.options.environmentOverrides,
      }),
      catalog,
    );
  }

  private portMap(): Map<number, number> {
    const map = new Map<number, number>();
    for (const service of catalog) {
      const planned = this.options.ports?.[serviceId(service.name)];
      if (planned) map.set(service.port, planned);
    }
    return map;
  }

  /** Generated file `file` at `version` as podman plays it; a service's pod also waits for its port. */
  render(version: string, file: string, namespace: string, service?: string) {
    const manifest = this.manifests(version).find((candidate) => candidate.file === file);
    if (!manifest) throw new Error(`no generated manifest ${file}`);
    return podmanManifest(manifest, version, {
      portMap: this.portMap(),
      namespace,
      extraEnvironment: service
        ? { PORT_HANDOFF_SECONDS: String(HANDOFF_SECONDS), ...this.options.serviceEnvironment?.[service] }
        : undefined,
    });
  }
}

/** `podman kube play --replace` of `yaml` (written to a temporary file named `fileName`), with extra flags first. */
export async function playPod(yaml: string, fileName: string, flags: string[] = []): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'factsway-play-'));
  try {
    const file = join(dir, fileName);
    writeFileSync(file, yaml);
    await runTool('podman', ['kube', 'play', ...flags, '--replace', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
