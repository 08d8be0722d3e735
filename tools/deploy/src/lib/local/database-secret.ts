import { embeddedDatabaseUrl } from '@factsway/database';
import { POSTGRES_APP_SECRET } from '@factsway/kubernetes';
import { platform } from '@factsway/service-catalog';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTool } from '../images/container-tools';
import { podmanSecretName } from './podman-manifests';

/** The local database URL: the given one, or the embedded PostgreSQL `npm start` runs. */
export function localDatabaseUrl(databaseUrl?: string): string {
  return databaseUrl ?? embeddedDatabaseUrl(platform.localPorts.postgres);
}

/**
 * The local stand-in for the CloudNativePG application Secret the manifests read (key `uri`):
 * a podman secret, replaced on every deploy. podman 4.3's `kube play` reads a secret referenced
 * by `secretKeyRef` only as a JSON object of base64 values (its YAML Secret form fails). The data
 * goes through a private temporary file: `podman secret create NAME -` refuses a socket as stdin.
 */
export async function ensureDatabaseSecret(namespace: string, databaseUrl: string): Promise<string> {
  const name = podmanSecretName(namespace, POSTGRES_APP_SECRET);
  await runTool('podman', ['secret', 'rm', name]).catch(() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'factsway-secret-'));
  try {
    const file = join(dir, 'secret.json');
    writeFileSync(file, JSON.stringify({ uri: Buffer.from(databaseUrl).toString('base64') }), { mode: 0o600 });
    await runTool('podman', ['secret', 'create', name, file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return name;
}
