import { ScriptedKubectl } from './scripted-kubectl.testing';
import { smokeTest } from './smoke-test';

describe('smokeTest', () => {
  it('asks each service /health through the API server proxy and requires status ok at the release version', async () => {
    const kubectl = new ScriptedKubectl()
      .on(/records-service:http\/proxy\/health$/, { stdout: JSON.stringify({ status: 'ok', service: 'records-service', version: '1.4.0' }) })
      .on(/facts-service:http\/proxy\/health$/, { stdout: JSON.stringify({ status: 'ok', service: 'facts-service', version: '1.3.0' }) })
      .on(/export-service:http\/proxy\/health$/, { exitCode: 1, stderr: 'Error from server (ServiceUnavailable): no endpoints available for service "export-service"' });
    const results = await smokeTest(kubectl, { context: 'stage', namespace: 'factsway-staging' }, ['records-service', 'facts-service', 'export-service'], '1.4.0');
    expect(kubectl.invocations[0].argv).toEqual([
      '--context=stage',
      '--namespace=factsway-staging',
      'get',
      '--raw',
      '/api/v1/namespaces/factsway-staging/services/records-service:http/proxy/health',
    ]);
    expect(results.map(({ service, ok }) => [service, ok])).toEqual([
      ['records-service', true],
      ['facts-service', false],
      ['export-service', false],
    ]);
    expect(results[1].detail).toBe('status ok version 1.3.0, expected ok 1.4.0');
    expect(results[2].detail).toContain('no endpoints available');
  });
});
