import { findWorkspaceRoot } from '@factsway/dev-support';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyWorkspace, WorkspaceCopy } from '../../testing/workspace-copy';

/**
 * A ninth service, generated in a throwaway copy of the workspace, builds, runs and passes its
 * tests. (Regenerating the catalog-derived artifacts is left out: each is another Nx run, and
 * their own drift tests cover them.)
 */
describe('service generator, end to end in a copy of the workspace', () => {
  let workspace: WorkspaceCopy;

  beforeAll(() => {
    workspace = copyWorkspace(findWorkspaceRoot());
  });

  afterAll(() => {
    workspace?.remove();
  });

  it('generates, builds and tests a new service with nx', async () => {
    workspace.run('npx', ['nx', 'g', '@factsway/nx-plugin:service', 'throwaway', '--port', '3099', '--tables', 'throwaway_items', '--peers', 'facts', '--skipDerivedArtifacts', '--no-interactive']);

    const catalog = readFileSync(join(workspace.root, 'libs/service-catalog/src/lib/services.ts'), 'utf8');
    expect(catalog).toContain("name: 'throwaway',");
    const migrations = readdirSync(join(workspace.root, 'apps/migrations/migrations'));
    expect(migrations.filter((f) => f.endsWith('_create_throwaway_tables.ts'))).toHaveLength(1);

    // One Nx invocation for both: computing the project graph is most of the cost.
    const output = workspace.run('npx', ['nx', 'run-many', '-t', 'build,test', '-p', 'throwaway-service', '--outputStyle=stream']);
    expect(output.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests:\s+3 passed, 3 total/);
    const bundle = join(workspace.root, 'dist/apps/throwaway-service/main.js');
    expect(existsSync(bundle)).toBe(true);
    const version = (JSON.parse(readFileSync(join(workspace.root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(await healthOfBundle(bundle, workspace.root)).toMatchObject({ service: 'throwaway-service', version });
  }, 240_000);
});

/**
 * Starts the built bundle with no APP_VERSION (the version must be the one embedded at build
 * time), reads its URL from the "listening" log line, asks /health, and stops it.
 */
async function healthOfBundle(bundle: string, cwd: string): Promise<unknown> {
  const child = spawn(process.execPath, [bundle], {
    cwd,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      LOG_LEVEL: 'info',
      // /health does not touch the database or the peer; nothing listens at these addresses.
      DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/none',
      FACTS_SERVICE_URL: 'http://127.0.0.1:9',
      // Required at start since every /api route needs a token; /health never asks the issuer.
      AUTH_ISSUER: 'http://127.0.0.1:9/',
      AUTH_AUDIENCE: 'factsway-api',
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no "listening" line within 15 s:\n${output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`bundle exited with ${code}:\n${output}`)));
    });
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    return await response.json();
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}
