import { embeddedDatabaseUrl, startTestDatabase, TestDatabase } from '@factsway/database';
import { startLocalIssuer, type LocalIssuer } from '@factsway/shared-utils';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DeployReporter } from '../lib/core/deploy-reporter';
import { DeployContext, deployRelease } from '../lib/core/deploy-release';
import { resolveDeployTarget } from '../lib/core/deploy-target';
import { RunLedger } from '../lib/core/run-ledger';
import { runTool } from '../lib/images/container-tools';
import { catalogServiceNames, LocalEngineOptions } from '../lib/local/local-options';
import { LocalPodmanBackend } from '../lib/local/podman-backend';
import { freePorts } from './free-ports';

export interface DeployRun {
  code: number;
  lines: string[];
  seconds: number;
}

/**
 * A real local engine for the drills: a throwaway PostgreSQL, a token issuer of its own on a free
 * port of 127.0.0.1 (the pods run on the host network, so they reach it there), free host ports
 * for the eight services, a private run ledger, and versions unique to this test run (so images
 * and pods it creates are found and removed afterwards).
 */
export class DrillEnvironment {
  readonly services = catalogServiceNames();
  readonly stamp = Date.now().toString(36);
  private readonly scratch = mkdtempSync(join(tmpdir(), 'factsway-drills-'));
  database!: TestDatabase;
  /** Every pod trusts it (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL), instead of `npm start`'s issuer on 3090. */
  issuer!: LocalIssuer;
  ports!: Record<string, number>;
  private closedPort!: number;

  version(letter: string): string {
    return `0.0.0-drill-${this.stamp}-${letter}`;
  }

  async start(): Promise<void> {
    this.database = await startTestDatabase();
    this.issuer = await startLocalIssuer();
    const ports = await freePorts([...this.services, 'closed']);
    this.closedPort = ports['closed'];
    delete ports['closed'];
    this.ports = ports;
  }

  /** A DATABASE_URL where nothing listens: a service with it starts but never turns ready. */
  unreachableDatabaseUrl(): string {
    return embeddedDatabaseUrl(this.closedPort);
  }

  backend(extra: Partial<LocalEngineOptions> = {}): LocalPodmanBackend {
    return new LocalPodmanBackend({
      databaseUrl: this.database.url,
      ports: this.ports,
      stopTimeoutSeconds: 15,
      ...extra,
      environmentOverrides: { ...this.issuer.env, ...extra.environmentOverrides },
    });
  }

  /** `authorization` header with a token of `firm-a` from the drill's issuer. */
  async authorization(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.issuer.mint({ tenant: 'firm-a' })}` };
  }

  url(service: string, path: string): string {
    return `http://127.0.0.1:${this.ports[service]}${path}`;
  }

  async deploy(
    version: string,
    options: { services?: string[]; readyTimeoutMs?: number; backend?: LocalPodmanBackend } = {},
  ): Promise<DeployRun> {
    const lines: string[] = [];
    const started = Date.now();
    const context: DeployContext = {
      target: resolveDeployTarget({ environment: 'local', releaseVersion: version, namespace: `factsway-drill-${this.stamp}` }, {}),
      backend: options.backend ?? this.backend(),
      reporter: new DeployReporter((line) => {
        lines.push(line);
        process.stdout.write(`[drill] ${line}\n`);
      }),
      ledger: new RunLedger(join(this.scratch, 'run.json')),
      options: { readyTimeoutMs: options.readyTimeoutMs ?? 120_000, dryRun: false },
    };
    const code = await deployRelease(context, options.services ?? this.services);
    return { code, lines, seconds: (Date.now() - started) / 1000 };
  }

  /** What every service's /health says (undefined when it does not answer). */
  async healthVersions(): Promise<Record<string, string | undefined>> {
    const entries = await Promise.all(
      this.services.map(async (service) => {
        try {
          const response = await fetch(this.url(service, '/health'), { signal: AbortSignal.timeout(3000) });
          return [service, ((await response.json()) as { version?: string }).version] as const;
        } catch {
          return [service, undefined] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  /** Tables, columns and recorded migrations: what a failed migration must leave unchanged. */
  async schemaSnapshot(): Promise<string[]> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    try {
      const columns = await client.query(
        `select table_name || '.' || column_name || ' ' || data_type as line from information_schema.columns
         where table_schema = 'public' order by table_name, column_name`,
      );
      const migrations = await client.query(`select 'migration ' || name as line from pgmigrations order by id`);
      return [...columns.rows, ...migrations.rows].map((row: { line: string }) => row.line);
    } finally {
      await client.end();
    }
  }

  /** Removes the pods, image tags and database secret this run created, then the database. */
  async stop(): Promise<void> {
    const { stdout } = await runTool('podman', ['pod', 'ps', '--format', '{{.Name}}']).catch(() => ({ stdout: '' }));
    const pods = stdout.split('\n').filter((name) => name.includes(`drill-${this.stamp}`));
    if (pods.length) await runTool('podman', ['pod', 'rm', '--force', '--time', '5', ...pods]).catch(() => undefined);
    const images = await runTool('podman', ['images', '--format', '{{.Repository}}:{{.Tag}}']).catch(() => ({ stdout: '' }));
    const tags = images.stdout.split('\n').filter((tag) => tag.includes(`drill-${this.stamp}`));
    if (tags.length) await runTool('podman', ['rmi', '--force', ...tags]).catch(() => undefined);
    const secrets = await runTool('podman', ['secret', 'ls', '--format', '{{.Name}}']).catch(() => ({ stdout: '' }));
    const ours = secrets.stdout.split('\n').filter((name) => name.startsWith(`factsway-drill-${this.stamp}-`));
    if (ours.length) await runTool('podman', ['secret', 'rm', ...ours]).catch(() => undefined);
    await this.database?.stop();
    await this.issuer?.close();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
