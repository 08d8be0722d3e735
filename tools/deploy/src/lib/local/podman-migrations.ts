import { basename } from 'node:path';
import { MigrationOutcome } from '../core/deploy-backend';
import { runTool } from '../images/container-tools';
import { MIGRATIONS_PROJECT } from '../images/stage-build-context';
import { playPod } from './local-pod-specs';

/**
 * Plays the migrations Job as a pod, waits for its container to exit and reads the outcome
 * from its log (`applied <name>` lines, or `migration <file> failed: <message>`); the pod is removed.
 */
export async function runMigrationsPod(pod: { yaml: string; podName?: string }): Promise<MigrationOutcome> {
  const container = `${pod.podName}-${MIGRATIONS_PROJECT}`;
  await playPod(pod.yaml, 'migrations.yaml');
  const exitCode = Number((await runTool('podman', ['wait', container], { timeoutMs: 600_000 })).stdout.trim());
  const logs = await runTool('podman', ['logs', container]);
  const output = `${logs.stdout}${logs.stderr}`;
  await runTool('podman', ['pod', 'rm', '--force', pod.podName!]).catch(() => undefined);
  if (exitCode === 0) {
    return { ok: true, applied: [...output.matchAll(/^applied (\S+)$/gm)].map((match) => match[1]) };
  }
  const failed = /migration (\S+) failed: (.*)$/m.exec(output);
  return {
    ok: false,
    failedMigration: failed ? basename(failed[1]).replace(/\.[cm]?[jt]s$/, '') : undefined,
    message: failed ? failed[2] : `exit ${exitCode}: ${output.trim().split('\n').slice(-15).join(' | ')}`,
  };
}
