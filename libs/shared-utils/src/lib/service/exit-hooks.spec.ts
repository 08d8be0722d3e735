import { beforeServiceExit, runBeforeExitHooks } from './exit-hooks';

describe('before-exit hooks', () => {
  it('runs every hook, and a hook that never finishes holds the exit only until the deadline', async () => {
    const ran: string[] = [];
    beforeServiceExit(async () => ran.push('flush'));
    beforeServiceExit(() => new Promise(() => undefined));
    beforeServiceExit(async () => {
      throw new Error('a failing hook does not stop the others');
    });
    const started = Date.now();
    await runBeforeExitHooks(200);
    expect(ran).toEqual(['flush']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
