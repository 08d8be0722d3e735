import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { platform, services } from '@factsway/service-catalog';
import { renderMonitoringFiles } from './generated-files';

/** `npx nx run monitoring:generate`: rewrites the committed files under infra/monitoring/ from the catalog. */
const projectRoot = join(__dirname, '..');
for (const [file, content] of Object.entries(renderMonitoringFiles(services, platform))) {
  writeFileSync(join(projectRoot, file), content);
  process.stdout.write(`wrote infra/monitoring/${file}\n`);
}
