import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSecondaryBucketTemplate, renderUpdatesDistributionTemplate } from './render-updates-template';

const outputs: [string, () => string][] = [
  ['updates-distribution.yml', renderUpdatesDistributionTemplate],
  ['updates-secondary-bucket.yml', renderSecondaryBucketTemplate],
];
for (const [name, render] of outputs) {
  const path = join(__dirname, '..', name);
  writeFileSync(path, render());
  process.stdout.write(`wrote ${path}\n`);
}
