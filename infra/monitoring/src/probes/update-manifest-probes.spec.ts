import { freePort } from '@factsway/dev-support';
import { platform } from '@factsway/service-catalog';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderMonitoringFiles } from '../generated-files';
import { monitoringFiles } from '../monitoring-files';
import { ManagedProcess } from '../runtime/managed-process';
import { blackboxExporterCommands, startBlackboxExporter } from '../runtime/blackbox-exporter';
import { findBinary } from '../runtime/find-binary';
import { projectFile } from '../testing/project-paths';
import { updateProbe } from './update-manifest-probes';
import { services } from '@factsway/service-catalog';

const rendered = renderMonitoringFiles(services, platform);

describe('update manifest probes in the Prometheus configs', () => {
  it('production probes latest.yml, latest-mac.yml and latest-linux.yml on the updates domain over TLS, through the exporter', () => {
    const config = parse(rendered[monitoringFiles.prometheusConfig]);
    const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === updateProbe.job);
    expect(job.static_configs[0].targets).toEqual([
      `https://${platform.updatesDomain}/latest.yml`,
      `https://${platform.updatesDomain}/latest-mac.yml`,
      `https://${platform.updatesDomain}/latest-linux.yml`,
    ]);
    expect(job.metrics_path).toBe('/probe');
    expect(job.params).toEqual({ module: ['update_manifest'] });
    expect(job.relabel_configs.at(-1)).toEqual({ target_label: '__address__', replacement: 'prometheus-blackbox-exporter.monitoring.svc:9115' });
  });

  it('locally probes the local update origin with the plain-HTTP module', () => {
    const config = parse(rendered[monitoringFiles.prometheusLocal]);
    const job = config.scrape_configs.find((j: { job_name: string }) => j.job_name === updateProbe.job);
    expect(job.static_configs[0].targets[0]).toBe(`http://127.0.0.1:${platform.localPorts.updateOrigin}/latest.yml`);
    expect(job.params).toEqual({ module: ['update_manifest_local'] });
  });

  it('no alert reads a series only the local update origin produces', () => {
    expect(rendered[monitoringFiles.alerts]).not.toContain('update_origin_');
  });
});

describe('the real blackbox exporter with the committed modules', () => {
  let dir: string;
  let exporter: ManagedProcess;
  let server: Server;
  let answer: { status: number; body: string } = { status: 200, body: '' };
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'blackbox-'));
    server = createServer((_req, res) => res.writeHead(answer.status, { 'Content-Type': 'text/yaml' }).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    exporter = await startBlackboxExporter({ port: await freePort(), workDir: dir });
  });
  afterAll(async () => {
    await exporter?.stop();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts blackbox-exporter.yml (--config.check)', () => {
    const result = spawnSync(findBinary(...blackboxExporterCommands), ['--config.check', `--config.file=${projectFile(monitoringFiles.blackboxExporter)}`], {
      encoding: 'utf8',
    });
    expect(`${result.stdout}${result.stderr}`).toContain('Config file is ok');
    expect(result.status).toBe(0);
  });

  async function probe(module: string): Promise<Record<string, number>> {
    const target = encodeURIComponent(`${origin}/latest.yml`);
    const text = await (await fetch(`${exporter.url}/probe?module=${module}&target=${target}`)).text();
    return Object.fromEntries([...text.matchAll(/^(probe_[a-z_]+) ([0-9.e+-]+)$/gm)].map((m) => [m[1], Number(m[2])]));
  }

  it.each([
    ['a manifest', 200, 'version: 1.0.1\npath: releases/1.0.1/FACTSWAY-Setup-1.0.1.exe\n', 1],
    ['an error status', 503, 'version: 1.0.1\n', 0],
    ['a 200 without a version: line (an error page)', 200, '<html>AccessDenied</html>', 0],
  ])('succeeds only for a 200 manifest: %s', async (_name, status, body, success) => {
    answer = { status, body };
    const metrics = await probe(updateProbe.modules.local);
    expect(metrics['probe_success']).toBe(success);
    expect(metrics['probe_http_status_code']).toBe(status);
  });

  it('the production module refuses plain HTTP (it checks the certificate)', async () => {
    answer = { status: 200, body: 'version: 1.0.1\n' };
    expect((await probe(updateProbe.modules.production))['probe_success']).toBe(0);
  });
});
