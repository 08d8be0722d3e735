import { defaultMigrationsDir } from '@factsway/dev-support';
import { listMigrationFiles } from '@factsway/database';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expandContractViolations } from './expand-contract-check';

const check = (up: string) => expandContractViolations('m.ts', `export async function up(pgm) {\n${up}\n}\nexport async function down(pgm) { pgm.dropTable('t'); }\n`);

describe('expand/contract check', () => {
  it('lets every repository migration through (or it says `// contract:` and why)', () => {
    const violations = listMigrationFiles(defaultMigrationsDir())
      .filter((f) => f.path.endsWith('.ts'))
      .flatMap((f) => expandContractViolations(basename(f.path), readFileSync(f.path, 'utf8')));
    expect(violations).toEqual([]);
  });

  it.each([
    ["pgm.dropColumn('cases', 'court');", 'dropColumn'],
    ["pgm.renameColumn('cases', 'title', 'name');", 'renameColumn'],
    ["pgm.dropTable('cases');", 'dropTable'],
    ["pgm.alterColumn('cases', 'court', { notNull: true });", 'NOT NULL'],
    ["pgm.alterColumn('cases', 'court', { type: 'varchar(10)' });", 'type'],
    ["pgm.addColumn('cases', { owner: { type: 'text', notNull: true } });", 'owner'],
    ["pgm.sql('ALTER TABLE cases RENAME COLUMN title TO name');", 'raw SQL'],
  ])('objects to %s', (up, expected) => {
    const [violation] = check(up);
    expect(violation).toContain(expected);
    expect(violation).toMatch(/^m\.ts:2: /);
  });

  it.each([
    "pgm.addColumn('cases', { note: { type: 'text' } });",
    "pgm.addColumn('cases', { flags: { type: 'jsonb', notNull: true, default: '{}' } });",
    "pgm.createIndex('cases', 'court');",
    "pgm.alterColumn('cases', 'court', { notNull: false });",
  ])('accepts %s', (up) => {
    expect(check(up)).toEqual([]);
  });

  it('accepts a contraction that says so', () => {
    expect(expandContractViolations('m.ts', "// contract: nothing has read cases.court since 0.3.0\nexport const up = (pgm) => pgm.dropColumn('cases', 'court');\n")).toEqual([]);
  });
});
