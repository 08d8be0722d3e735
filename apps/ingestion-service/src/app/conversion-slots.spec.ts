import { ConversionSlots } from './conversion-slots';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ConversionSlots', () => {
  it('runs at most `concurrency` at once, queues up to `maxWaiting`, refuses the rest with 503', async () => {
    const slots = new ConversionSlots(2, 1);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      slots.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect({ inProgress: slots.inProgress, queued: slots.queued }).toEqual({ inProgress: 2, queued: 1 });

    await expect(slots.run(async () => 'too many')).rejects.toMatchObject({ status: 503, code: 'conversion_busy' });

    gates[0].resolve();
    expect(await runs[0]).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    expect({ inProgress: slots.inProgress, queued: slots.queued }).toEqual({ inProgress: 2, queued: 0 });

    gates[1].resolve();
    gates[2].resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(slots.inProgress).toBe(0);
  });

  it('frees the slot when the work fails', async () => {
    const slots = new ConversionSlots(1, 0);
    await expect(slots.run(async () => Promise.reject(new Error('corrupt')))).rejects.toThrow('corrupt');
    expect(await slots.run(async () => 'next')).toBe('next');
    expect(slots.inProgress).toBe(0);
  });
});
