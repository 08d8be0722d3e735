import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderSecondaryBucketTemplate, renderUpdatesDistributionTemplate } from './render-updates-template';

const committedPath = join(__dirname, '..', 'updates-distribution.yml');
const committedSecondaryPath = join(__dirname, '..', 'updates-secondary-bucket.yml');

describe('infra/cloudfront/updates-distribution.yml', () => {
  it('is exactly what the CDK app synthesizes (run `npx nx run cloudfront:synth` after changing src/)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(renderUpdatesDistributionTemplate());
    expect(readFileSync(committedSecondaryPath, 'utf8')).toBe(renderSecondaryBucketTemplate());
  });

  it('parses as YAML 1.1 into a CloudFormation template with resources and outputs', () => {
    const template = parse(readFileSync(committedPath, 'utf8'), { schema: 'yaml-1.1' });
    expect(Object.keys(template.Resources).length).toBeGreaterThan(5);
    // Dates in IAM policy versions stay strings under a YAML 1.1 parser.
    expect(JSON.stringify(template)).toContain('"Version":"2012-10-17"');
  });

  // The origin access controls and the monitoring subscription inherit the distribution's acknowledgements.
  it('records each accepted cdk-nag finding with its reason, and only the three acknowledgements in src/', () => {
    const template = parse(readFileSync(committedPath, 'utf8'), { schema: 'yaml-1.1' });
    const accepted = new Set<string>();
    for (const [id, resource] of Object.entries<{ Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } }>(
      template.Resources,
    )) {
      for (const rule of resource.Metadata?.cdk_nag?.rules_to_suppress ?? []) {
        expect(rule.reason.length).toBeGreaterThan(40);
        accepted.add(`${rule.id} ${id.replace(/[0-9A-F]{8}$/, '')}`);
      }
    }
    expect([...accepted].sort()).toEqual([
      'AwsSolutions-CFR1 Distribution',
      'AwsSolutions-CFR1 DistributionMonitoringSubscription',
      'AwsSolutions-CFR1 DistributionOrigin1S3OriginAccessControl',
      'AwsSolutions-CFR1 DistributionOrigin2S3OriginAccessControl',
      'AwsSolutions-CFR2 Distribution',
      'AwsSolutions-CFR2 DistributionMonitoringSubscription',
      'AwsSolutions-CFR2 DistributionOrigin1S3OriginAccessControl',
      'AwsSolutions-CFR2 DistributionOrigin2S3OriginAccessControl',
      'AwsSolutions-S1 AccessLogs',
      'AwsSolutions-S1 AccessLogsPolicy',
    ]);
  });
});
