import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@factsway/dev-support';
import { services as catalog, platformVersion, serviceId } from '@factsway/service-catalog';
import { ulid } from 'ulid';
import { LocalPlatform, PlatformStartError, startLocalPlatform } from './lib/start-local-platform';
import { statusTable } from './lib/status-table';
import { runCli } from './testing/cli-process';
import { descendantsOf, processesMentioning } from './testing/process-tree';

/**
 * The platform as `npm start` runs it (same `startLocalPlatform` code path), in a temp data
 * dir on free ports so it never collides with a running `npm start`. Needs the services
 * built: the project's test target depends on their build targets.
 */
describe('npm start entry point when the platform cannot come up', () => {
  it('exits non-zero naming the component that failed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'factsway-local-platform-broken-'));
    try {
      // A file where the database directory should be: initdb cannot run.
      mkdirSync(join(dataDir, 'postgres'));
      writeFileSync(join(dataDir, 'postgres', 'data'), 'not a directory');
      const cli = runCli(['--data-dir', dataDir, '--free-ports']);
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toContain('[local-platform] the platform did not come up: postgres failed:');
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('startLocalPlatform when services do not become ready in time', () => {
  it('names them, stops what it started and leaves no process behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'factsway-local-platform-slow-'));
    chmodSync(dataDir, 0o755);
    try {
      const failure = await startLocalPlatform({ dataDir, ports: 'free', readyTimeoutMs: 1, report: () => undefined }).then(
        () => undefined,
        (error: unknown) => error as PlatformStartError,
      );
      expect(failure).toBeInstanceOf(PlatformStartError);
      expect(failure?.component).toBe('services');
      expect(failure?.reason).toContain('records-service not ready within 0.001 s (log: ');
      expect([...descendantsOf(process.pid), ...processesMentioning(dataDir)]).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('local platform, end to end', () => {
  let dataDir: string;
  let platform: LocalPlatform;
  const reports: string[] = [];
  const url = (name: string) => platform.services.find((s) => s.name === serviceId(name))?.url as string;

  let token: string;
  /** Every request carries the token printed by the token command, as the README's curl does. */
  const fetch = (input: string, init: RequestInit = {}) =>
    globalThis.fetch(input, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });

  const json = async (name: string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const response = await fetch(`${url(name)}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };

  const start = () =>
    startLocalPlatform({ dataDir, ports: 'free', logLevel: 'warn', report: (line) => reports.push(line) });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'factsway-local-platform-'));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as the `postgres` user when we are root
    platform = await start();
    const issuer = platform.endpoints.find((e) => e.name === 'token-issuer')?.url as string;
    // Asynchronously: the issuer runs in this process and must keep answering meanwhile.
    token = await printedToken(issuer);
    process.stdout.write(`local platform ready in ${(platform.startedInMs / 1000).toFixed(1)} s\n${statusTable(platform.endpoints)}\n`);
  }, 180_000);

  afterAll(async () => {
    await platform?.stop(); // idempotent: a no-op when a test already stopped it
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('runs every catalog service at the platform version and reports it ready', () => {
    expect(platform.services.map((s) => s.name)).toEqual(catalog.map((s) => serviceId(s.name)));
    for (const service of platform.services) {
      expect(service).toMatchObject({ version: platformVersion(), status: 'ready' });
    }
    const table = statusTable(platform.endpoints);
    for (const s of catalog) expect(table).toContain(`${serviceId(s.name)}`);
  });

  it('answers /health and /ready on every service, with its own name', async () => {
    for (const s of catalog) {
      const health = await json(s.name, '/health');
      expect(health).toMatchObject({ status: 200, body: { service: serviceId(s.name), version: platformVersion() } });
      expect((await json(s.name, '/ready')).status).toBe(200);
    }
  });

  it('answers an /api request without a token with 401, and with the printed token of firm-a', async () => {
    const anonymous = await globalThis.fetch(`${url('records')}/api/cases`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await json('records', '/api/cases')).status).toBe(200);
  });

  describe('one real request to each service, across processes', () => {
    let caseId: string;
    let draftId: string;
    let factId: string;

    it('records-service creates a case and a draft', async () => {
      const created = await json('records', '/api/cases', { body: { title: 'Doe v. Roe', caseNumber: '1:26-cv-00042', court: 'United States District Court' } });
      expect(created.status).toBe(201);
      caseId = created.body.id;
      const draft = await json('records', '/api/drafts', { body: { caseId, title: 'Complaint' } });
      expect(draft.status).toBe(201);
      draftId = draft.body.id;
    });

    it('facts-service splits sentences and registers a fact on that draft (asking records-service)', async () => {
      const detected = await json('facts', '/api/facts/detect-sentences', { body: { text: 'Acme Inc. sued the U.S. in 2020. The court agreed.' } });
      expect(detected.status).toBe(200);
      expect(detected.body.sentences).toHaveLength(2);
      const fact = await json('facts', '/api/facts', { body: { draftId, text: 'Acme Inc. sued the U.S. in 2020.', startOffset: 0, endOffset: 32 } });
      expect(fact.status).toBe(201);
      factId = fact.body.id;
      const unknownDraft = await json('facts', '/api/facts', { body: { draftId: ulid(), text: 'x', startOffset: 0, endOffset: 1 } });
      expect(unknownDraft.status).toBeGreaterThanOrEqual(400);
      expect(unknownDraft.status).toBeLessThan(500);
    });

    it('exhibits-service links evidence to that fact, checking with facts-service over HTTP', async () => {
      const evidence = await json('exhibits', '/api/evidence', { body: { description: 'Signed contract' } });
      expect(evidence.status).toBe(201);
      const linked = await json('exhibits', `/api/evidence/${evidence.body.id}/facts`, { body: { factId } });
      expect(linked.status).toBe(201);
      const unknownFact = await json('exhibits', `/api/evidence/${evidence.body.id}/facts`, { body: { factId: ulid() } });
      expect(unknownFact.status).toBeGreaterThanOrEqual(400);
      expect(unknownFact.status).toBeLessThan(500);
    });

    it('export-service writes a .docx that ingestion-service reads back', async () => {
      const document = {
        title: 'Complaint',
        sections: [{ id: ulid(), heading: null, paragraphs: [{ id: ulid(), text: 'Plaintiff alleges as follows.' }] }],
      };
      const exported = await fetch(`${url('export')}/api/export`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(document),
      });
      expect(exported.status).toBe(200);
      const docx = new Uint8Array(await exported.arrayBuffer());
      const form = new FormData();
      form.append('file', new Blob([docx], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), 'complaint.docx');
      const ingested = await fetch(`${url('ingestion')}/api/ingest`, { method: 'POST', body: form });
      expect(ingested.status).toBe(201);
      expect(JSON.stringify(await ingested.json())).toContain('Plaintiff alleges as follows.');
    });

    it('caseblock-service extracts a caption from text', async () => {
      const extracted = await json('caseblock', '/api/caseblock/extract', {
        body: { text: 'UNITED STATES DISTRICT COURT\nJOHN DOE, Plaintiff,\nv.\nRICHARD ROE, Defendant.\nCase No. 1:26-cv-00042' },
      });
      expect(extracted.status).toBe(200);
      expect(JSON.stringify(extracted.body)).toContain('1:26-cv-00042');
    });

    it('signature-service lists its templates', async () => {
      const listed = await json('signature', '/api/signature/templates');
      expect(listed.status).toBe(200);
    });

    it('caselaw-service detects a reporter citation', async () => {
      const detected = await json('caselaw', '/api/citations/detect', { body: { text: 'See Roe v. Wade, 410 U.S. 113 (1973).' } });
      expect(detected.status).toBe(200);
      expect(detected.body.citations).toHaveLength(1);
    });

    it('brings a service that dies back, and reports it', async () => {
      const victim = platform.pidOf('facts-service') as number;
      expect(descendantsOf(process.pid).map((p) => p.pid)).toContain(victim);
      process.kill(victim, 'SIGKILL');
      await waitFor(async () => reports.some((r) => r.startsWith('facts-service restarted')));
      await waitFor(async () => (await json('facts', '/ready').catch(() => ({ status: 0 }))).status === 200);
      expect(platform.pidOf('facts-service')).not.toBe(victim);
      expect(reports).toContain('facts-service exited on SIGKILL; restarting in 0.5 s (restart 1)');
    }, 30_000);

    it('stops, leaving no process behind', async () => {
      const tree = [...descendantsOf(process.pid), ...processesMentioning(dataDir)];
      expect(tree.filter((p) => p.name === 'postgres').length).toBeGreaterThan(0);
      const current = catalog.map((s) => platform.pidOf(serviceId(s.name)));
      expect(current.filter((pid) => tree.some((p) => p.pid === pid))).toHaveLength(catalog.length);
      expect(reports.filter((r) => / exited /.test(r))).toEqual(['facts-service exited on SIGKILL; restarting in 0.5 s (restart 1)']);

      await platform.stop();
      expect([...descendantsOf(process.pid), ...processesMentioning(dataDir)]).toEqual([]);
    }, 60_000);

    it('starts again from the npm start entry point on the same data, and Ctrl-C stops everything', async () => {
      const cli = runCli(['--data-dir', dataDir, '--free-ports', '--log-level', 'warn']);
      try {
        const [, count] = await cli.waitForOutput(/all (\d+) services ready in [\d.]+ s/, 150_000);
        expect(Number(count)).toBe(catalog.length);
        expect(cli.output()).toMatch(/migrations\s+-\s+-\s+up to date/);
        const [, recordsUrl] = /records-service\s+(http:\/\/127\.0\.0\.1:\d+)\s+(\S+)\s+ready/.exec(cli.output()) ?? [];
        // A new start has a new issuer key: the printed command gives a token of this platform.
        expect(cli.output()).toContain('TOKEN=$(npm run -s token -- --tenant firm-a --issuer ');
        const [, issuerUrl] = /token-issuer\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(cli.output()) ?? [];
        const again = await globalThis.fetch(`${recordsUrl}/api/cases/${caseId}`, {
          headers: { authorization: `Bearer ${await printedToken(issuerUrl)}` },
        });
        expect(again.status).toBe(200);
        expect(await again.json()).toMatchObject({ id: caseId, title: 'Doe v. Roe' });

        cli.child.kill('SIGINT');
        expect(await cli.exited).toBe(0);
        expect(cli.output()).toContain('[local-platform] stopped');
        expect([...descendantsOf(process.pid), ...processesMentioning(dataDir)]).toEqual([]);
      } finally {
        if (cli.child.exitCode === null) {
          cli.child.kill('SIGKILL');
          await cli.exited;
        }
      }
    }, 180_000);
  });
});

/** What the token command prints (run asynchronously: an issuer may run in this process). */
async function printedToken(issuer: string): Promise<string> {
  const printed = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/local-platform/src/token.ts', '--tenant', 'firm-a', '--issuer', issuer], {
    cwd: findWorkspaceRoot(),
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
    encoding: 'utf8',
  });
  return printed.stdout.trim();
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
