import { CdnInvalidator } from '../lib/cdn-invalidator';

export interface RecordedInvalidation {
  paths: string[];
  reference: string;
}

/** A CDN that only remembers what it was asked to invalidate; for tests without an AWS account. */
export class RecordingInvalidator implements CdnInvalidator {
  readonly requests: RecordedInvalidation[] = [];

  async invalidate(paths: string[], reference: string): Promise<string> {
    this.requests.push({ paths: [...paths], reference });
    return `recorded invalidation #${this.requests.length}`;
  }
}
