import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderUpdatesDistributionTemplate } from './render-updates-template';

const committedPath = join(__dirname, '..', 'updates-distribution.yml');

describe('infra/cloudfront/updates-distribution.yml', () => {
  it('is exactly what the CDK app synthesizes (run `npx nx run cloudfront:synth` after changing src/)', () => {
    expect(readFileSync(committedPath, 'utf8')).toBe(renderUpdatesDistributionTemplate());
  });

  it('parses as YAML 1.1 into a CloudFormation template with resources and outputs', () => {
    const template = parse(readFileSync(committedPath, 'utf8'), { schema: 'yaml-1.1' });
    expect(Object.keys(template.Resources).length).toBeGreaterThan(5);
    // Dates in IAM policy versions stay strings under a YAML 1.1 parser.
    expect(JSON.stringify(template)).toContain('"Version":"2012-10-17"');
  });
});
