import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderUpdatesDistributionTemplate } from './render-updates-template';

export const templatePath = join(__dirname, '..', 'updates-distribution.yml');

writeFileSync(templatePath, renderUpdatesDistributionTemplate());
process.stdout.write(`wrote ${templatePath}\n`);
