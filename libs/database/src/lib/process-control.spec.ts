import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { servesDataDir } from './process-control';

describe('servesDataDir', () => {
  it('recognises a process started for a data dir, and no other', async () => {
    const dataDir = '/tmp/factsway-test/data';
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], {
      env: { ...process.env, FACTSWAY_DB_WORKER: JSON.stringify({ mode: 'serve', dataDir }) },
      stdio: 'ignore',
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(servesDataDir(child.pid!, dataDir)).toBe(true);
      expect(servesDataDir(child.pid!, `${dataDir}-other`)).toBe(false);
      expect(servesDataDir(process.pid, dataDir)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
});
