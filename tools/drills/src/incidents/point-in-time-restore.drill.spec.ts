import { freePort } from '@factsway/dev-support';
import { appendFileSync, chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { chownToPostgres, handToPostgres, initdb, RunningPostgres, startPostgres } from './postgres-binaries';
import { printFigure } from './figures';

/**
 * Drill 4 of docs/operations/incident-response.md: an accidental DELETE undone by a
 * point-in-time restore into a new data directory, with the PostgreSQL mechanism the
 * CloudNativePG `bootstrap.recovery` procedure drives: a base backup taken with the
 * backup API while WAL is archived, then a new server started from it with
 * `recovery.signal`, `restore_command`, `recovery_target_time` and
 * `recovery_target_action = promote`.
 */
const seededRows = 40_000; // about 25 MB of table data
const acknowledgedAfterBackup = 300;
const writtenAfterDelete = 50;

let work: string;
let primary: RunningPostgres | undefined;
let restored: RunningPostgres | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'pitr-drill-'));
  chmodSync(work, 0o755);
});

afterAll(async () => {
  await restored?.stop();
  await primary?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

function directoryBytes(directory: string): number {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

describe('point-in-time restore drill', () => {
  it('brings back every row committed before the target time into a new data directory, and none written after it', async () => {
    const primaryData = join(work, 'primary');
    const archive = join(work, 'wal-archive'); // stands in for s3://factsway-postgres-backups/production/wals
    const baseBackup = join(work, 'base-backup'); // stands in for the barman base backup
    const restoredData = join(work, 'restored');
    mkdirSync(archive);
    chownToPostgres(archive);

    initdb(primaryData);
    primary = await startPostgres(primaryData, await freePort(), {
      wal_level: 'replica',
      archive_mode: 'on',
      archive_command: `test ! -f ${archive}/%f && cp %p ${archive}/%f`,
    });
    const db = await connect(primary.url);
    try {
      await db.query('create table drafts (id bigint primary key, phase text not null, body text not null)');
      await db.query(
        `insert into drafts select g, 'before-backup', repeat(md5(g::text), 16) from generate_series(1, ${seededRows}) g`,
      );

      // Base backup with the non-exclusive backup API (what barman-cloud-backup uses), files copied while it runs.
      await db.query(`select pg_backup_start('incident-drill', true)`);
      cpSync(primaryData, baseBackup, {
        recursive: true,
        filter: (source) => {
          const path = relative(primaryData, source);
          return !['postmaster.pid', 'postmaster.opts'].includes(path) && !/^pg_wal\/./.test(path);
        },
      });
      const [stop] = (await db.query('select labelfile from pg_backup_stop(true)')).rows as { labelfile: string }[];
      writeFileSync(join(baseBackup, 'backup_label'), stop.labelfile);
      mkdirSync(join(baseBackup, 'pg_wal', 'archive_status'), { recursive: true });

      // Writes the application saw acknowledged, one transaction each, after the backup.
      const acknowledged: number[] = [];
      for (let i = 1; i <= acknowledgedAfterBackup; i++) {
        const id = seededRows + i;
        await db.query(`insert into drafts values ($1, 'after-backup', $2)`, [id, `acknowledged write ${i}`]);
        acknowledged.push(id);
      }
      const [{ target }] = (await db.query(`select clock_timestamp()::text as target`)).rows as { target: string }[];
      await new Promise((resolve) => setTimeout(resolve, 200));

      const deleted = (await db.query(`delete from drafts where phase in ('before-backup', 'after-backup')`)).rowCount;
      expect(deleted).toBe(seededRows + acknowledgedAfterBackup);
      for (let i = 1; i <= writtenAfterDelete; i++) {
        await db.query(`insert into drafts values ($1, 'after-delete', 'written after the accident')`, [seededRows + acknowledgedAfterBackup + i]);
      }
      const [{ segment }] = (await db.query('select pg_walfile_name(pg_current_wal_lsn()) as segment')).rows as { segment: string }[];
      await db.query('select pg_switch_wal()');
      const archivedBy = Date.now() + 60_000;
      for (;;) {
        const [{ last }] = (await db.query('select last_archived_wal as last from pg_stat_archiver')).rows as { last: string | null }[];
        if (last && last >= segment) break;
        if (Date.now() > archivedBy) throw new Error(`WAL segment ${segment} was not archived (last ${last})`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      // The restore: a new data directory from the base backup, recovery settings as CloudNativePG writes them.
      const baseBackupBytes = directoryBytes(baseBackup);
      const archiveBytes = directoryBytes(archive);
      const restoreStartedAt = Date.now();
      cpSync(baseBackup, restoredData, { recursive: true });
      appendFileSync(
        join(restoredData, 'postgresql.auto.conf'),
        [
          `restore_command = 'cp ${archive}/%f %p'`,
          `recovery_target_time = '${target}'`,
          `recovery_target_action = 'promote'`,
          '',
        ].join('\n'),
      );
      writeFileSync(join(restoredData, 'recovery.signal'), '');
      handToPostgres(restoredData);
      chmodSync(restoredData, 0o700);
      // The new cluster must not archive into the old cluster's archive (CloudNativePG refuses a non-empty destination).
      restored = await startPostgres(restoredData, await freePort(), { archive_mode: 'off' });
      const check = await connect(restored.url);
      try {
        const promotedBy = Date.now() + 120_000;
        while ((await check.query('select pg_is_in_recovery() as r')).rows[0].r) {
          if (Date.now() > promotedBy) throw new Error(`the restored server was not promoted:\n${restored.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const restoreMs = Date.now() - restoreStartedAt;

        const counts = Object.fromEntries(
          ((await check.query('select phase, count(*)::int as n from drafts group by phase')).rows as { phase: string; n: number }[]).map(
            (r) => [r.phase, r.n],
          ),
        );
        expect(counts).toEqual({ 'before-backup': seededRows, 'after-backup': acknowledgedAfterBackup });
        const back = (await check.query(`select id from drafts where phase = 'after-backup' order by id`)).rows.map((r) => Number(r.id));
        expect(back).toEqual(acknowledged);
        // The restored server is a primary on a new timeline: it takes writes.
        await check.query(`insert into drafts values (0, 'after-restore', 'the restored server accepts writes')`);
        expect(restored.output()).toMatch(/recovery stopping before commit of transaction \d+, time /);

        const dataMb = (baseBackupBytes + archiveBytes) / 1024 / 1024;
        printFigure('pitr: rows restored', `${seededRows + acknowledgedAfterBackup} of ${seededRows + acknowledgedAfterBackup} committed before the target (0 lost); ${writtenAfterDelete} written after the DELETE correctly absent`);
        printFigure('pitr: data', `base backup ${(baseBackupBytes / 1024 / 1024).toFixed(1)} MB + WAL archive ${(archiveBytes / 1024 / 1024).toFixed(1)} MB`);
        printFigure('pitr: restore time', `${(restoreMs / 1000).toFixed(2)} s (copy base backup, replay WAL to the target, promote)`);
        printFigure('pitr: restore time per MB', `${(restoreMs / dataMb).toFixed(1)} ms/MB`);
      } finally {
        await check.end();
      }
    } finally {
      await db.end();
    }
  }, 300_000);
});
