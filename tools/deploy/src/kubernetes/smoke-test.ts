import { formatCommand, KubectlCommand, KubectlScope, scopedArgv } from './kubectl-commands';
import { KubectlRunner } from './kubectl-runner';

export interface SmokeResult {
  service: string;
  ok: boolean;
  detail: string;
}

/** GET /health of a Service through the API server's service proxy: needs only the kubeconfig, no ingress or port-forward. */
export const healthThroughApiServer = (namespace: string, service: string): KubectlCommand => ({
  args: ['get', '--raw', `/api/v1/namespaces/${namespace}/services/${service}:http/proxy/health`],
});

/** After a deploy: every service answers /health with status ok and the release version. */
export async function smokeTest(
  runner: KubectlRunner,
  scope: KubectlScope,
  services: readonly string[],
  releaseVersion: string,
): Promise<SmokeResult[]> {
  return Promise.all(
    services.map(async (service): Promise<SmokeResult> => {
      const command = healthThroughApiServer(scope.namespace, service);
      const result = await runner.run({ argv: scopedArgv(scope, command) });
      if (result.exitCode !== 0) {
        return { service, ok: false, detail: `${formatCommand(scope, command)}: ${(result.stderr || result.stdout).trim()}` };
      }
      let body: { status?: string; version?: string };
      try {
        body = JSON.parse(result.stdout) as typeof body;
      } catch {
        return { service, ok: false, detail: `/health is not JSON: ${result.stdout.slice(0, 120)}` };
      }
      const ok = body.status === 'ok' && body.version === releaseVersion;
      return { service, ok, detail: `status ${body.status ?? '?'} version ${body.version ?? '?'}${ok ? '' : `, expected ok ${releaseVersion}`}` };
    }),
  );
}
