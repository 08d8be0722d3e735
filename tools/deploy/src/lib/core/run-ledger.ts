import { findWorkspaceRoot } from '@factsway/dev-support';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DeployEnvironment } from './deploy-target';
import { ServiceRow } from './deploy-reporter';

/**
 * The record of one deploy run, shared by the Nx tasks of that run: `migrations:deploy`
 * opens it, each `<service>:deploy` appends its row. When a service fails, its task rolls
 * back every service the ledger says this run changed and marks the run failed, so the
 * tasks Nx still starts afterwards touch nothing.
 */
export interface RunRecord {
  runId: string;
  environment: DeployEnvironment;
  releaseVersion: string;
  startedAt: number;
  state: 'open' | 'failed';
  /** Set when the run failed: the service (or migration) that failed and why. */
  failure?: { subject: string; reason: string };
  rows: ServiceRow[];
}

export class RunLedger {
  constructor(readonly file: string) {}

  static forEnvironment(environment: DeployEnvironment, workspaceRoot = findWorkspaceRoot()): RunLedger {
    return new RunLedger(join(workspaceRoot, '.local', 'deploy', `${environment}-run.json`));
  }

  read(): RunRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as RunRecord;
    } catch {
      return undefined;
    }
  }

  write(record: RunRecord): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const partial = `${this.file}.${process.pid}.partial`;
    writeFileSync(partial, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(partial, this.file);
  }

  open(environment: DeployEnvironment, releaseVersion: string, startedAt: number): RunRecord {
    const record: RunRecord = {
      runId: `${new Date(startedAt).toISOString()}-${process.pid}`,
      environment,
      releaseVersion,
      startedAt,
      state: 'open',
      rows: [],
    };
    this.write(record);
    return record;
  }
}

/** Replaces the row of `row.service` (or appends it). */
export function upsertRow(record: RunRecord, row: ServiceRow): void {
  const index = record.rows.findIndex((existing) => existing.service === row.service);
  if (index === -1) record.rows.push(row);
  else record.rows[index] = row;
}
