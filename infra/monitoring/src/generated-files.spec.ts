import { readFileSync } from 'node:fs';
import { renderMonitoringFiles } from './generated-files';
import { projectFile } from './testing/project-paths';

describe('committed monitoring files', () => {
  const rendered = renderMonitoringFiles();

  it.each(Object.keys(rendered))('%s matches its source (run `npx nx run monitoring:generate` after a change)', (file) => {
    expect(readFileSync(projectFile(file), 'utf8')).toBe(rendered[file]);
  });
});
