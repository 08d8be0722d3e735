import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';

/** The one thing the publisher needs from a CDN: drop cached copies of these paths. */
export interface CdnInvalidator {
  /**
   * `paths` start with `/`. `reference` is unique per run; CloudFront treats a request
   * repeated with the same reference (an SDK retry) as the same invalidation.
   */
  invalidate(paths: string[], reference: string): Promise<string>;
}

export class CloudFrontInvalidator implements CdnInvalidator {
  constructor(
    private readonly distributionId: string,
    private readonly client = new CloudFrontClient({ region: 'us-east-1' }),
  ) {}

  async invalidate(paths: string[], reference: string): Promise<string> {
    const result = await this.client.send(
      new CreateInvalidationCommand({
        DistributionId: this.distributionId,
        InvalidationBatch: { CallerReference: reference, Paths: { Quantity: paths.length, Items: paths } },
      }),
    );
    return `CloudFront invalidation ${result.Invalidation?.Id ?? '(no id)'} on ${this.distributionId}`;
  }
}

/** The local update origin caches nothing, so there is nothing to invalidate. */
export class NoCdnInvalidator implements CdnInvalidator {
  async invalidate(paths: string[]): Promise<string> {
    return `no CDN in front of this bucket; ${paths.join(', ')} are live immediately`;
  }
}
