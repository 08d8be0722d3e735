// docs/architecture.md is the map a newcomer reads first: it must agree with the catalog,
// its links must resolve, and every decision record must say its status and date.
import { services } from '@factsway/service-catalog';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const workspaceRoot = join(__dirname, '..', '..', '..');
const mapPath = join(workspaceRoot, 'docs', 'architecture.md');
const map = readFileSync(mapPath, 'utf8');

function serviceRows(markdown: string): { name: string; port: number; owns: string[] }[] {
  return markdown
    .split('\n')
    .filter((line) => /^\| [a-z]+-service \|/.test(line))
    .map((line) => {
      const [name, port, owns] = line.split('|').slice(1, 4).map((cell) => cell.trim());
      return { name, port: Number(port), owns: owns === '—' ? [] : owns.split(',').map((table) => table.trim()) };
    });
}

describe('docs/architecture.md', () => {
  it('lists every catalog service with its port and tables, and nothing else', () => {
    expect(serviceRows(map)).toEqual(
      services.map((service) => ({ name: `${service.name}-service`, port: service.port, owns: [...service.tables] })),
    );
  });

  it('links only to files that exist', () => {
    const targets = [...map.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((match) => match[1]).filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !existsSync(join(dirname(mapPath), target)))).toEqual([]);
  });

  it('names only folders that exist in its layout', () => {
    const layoutBlock = map.split('## Layout')[1].split('```')[1];
    const folders = [...layoutBlock.matchAll(/^([a-z-]+\/[a-z-]*\/?)/gm)].map((match) => match[1]).filter((folder) => !folder.includes('<'));
    expect(folders.length).toBeGreaterThan(10);
    expect(folders.filter((folder) => !existsSync(join(workspaceRoot, folder)))).toEqual([]);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(workspaceRoot, 'README.md'), 'utf8')).toContain('(docs/architecture.md)');
  });
});

describe('decision records (docs/adr)', () => {
  const adrDirectory = join(workspaceRoot, 'docs', 'adr');
  const records = readdirSync(adrDirectory).filter((file) => file.endsWith('.md'));

  it.each(records)('%s has a title, a status and a date', (file) => {
    const [title, , statusLine] = readFileSync(join(adrDirectory, file), 'utf8').split('\n');
    expect(title).toMatch(new RegExp(`^# ADR ${file.slice(0, 3)}: `));
    expect(statusLine).toMatch(/^Status: (proposed|accepted|superseded by ADR \d{3}|deprecated) · Date: \d{4}-\d{2}-\d{2}$/);
  });
});
