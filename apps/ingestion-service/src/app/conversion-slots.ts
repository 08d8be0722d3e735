import { HttpError } from '@factsway/shared-utils';

/**
 * Bounds how many .docx conversions run at once (each holds a file of up to 50 MB and
 * its parsed XML in memory) and how many may wait; beyond that a request gets 503
 * `conversion_busy` at once instead of piling up until the process runs out of memory.
 */
export class ConversionSlots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  get inProgress(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) {
      this.active += 1;
    } else if (this.waiting.length < this.maxWaiting) {
      // The finishing conversion hands its slot straight to this one (`active` stays the same).
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      throw new HttpError(503, 'conversion_busy', `${this.active} conversions are running and ${this.waiting.length} waiting; retry shortly`);
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}
