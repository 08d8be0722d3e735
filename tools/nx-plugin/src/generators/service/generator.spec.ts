import { findWorkspaceRoot } from '@factsway/dev-support';
import { addProjectConfiguration, readProjectConfiguration, Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { catalogServicesPath, readCatalogEntries } from '../../lib/catalog-source';
import { serviceGenerator } from './generator';
import { migrationsDirectory } from './steps/add-migration';
import { derivedArtifactsToRegenerate } from './steps/regenerate-derived-artifacts';

/** An empty workspace holding the real catalog file, as the generator finds it in this repo. */
function workspaceWithCatalog(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(catalogServicesPath, readFileSync(join(findWorkspaceRoot(), catalogServicesPath), 'utf-8'));
  return tree;
}

function migrationFiles(tree: Tree): string[] {
  return tree.exists(migrationsDirectory) ? tree.children(migrationsDirectory) : [];
}

function typeScriptErrors(text: string): string[] {
  const output = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
  return (output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('service generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = workspaceWithCatalog();
  });

  it('creates the app wired to shared-utils with build, serve and test set-up', async () => {
    await serviceGenerator(tree, { name: 'billing', port: 3010, skipDerivedArtifacts: true });

    const root = 'apps/billing-service';
    for (const file of ['src/main.ts', 'src/instrument.ts', 'src/app/routes.ts', 'src/app/routes.spec.ts', 'jest.config.cts', 'tsconfig.json', 'tsconfig.app.json', 'tsconfig.spec.json', 'esbuild.config.cjs', 'README.md']) {
      expect(tree.exists(`${root}/${file}`)).toBe(true);
    }
    const main = tree.read(`${root}/src/main.ts`, 'utf-8') as string;
    expect(main.split('\n')[0]).toMatch(/^import '\.\/instrument';/);
    expect(main).toContain("runService({ name: 'billing', routes: registerRoutes })");
    expect(tree.read(`${root}/src/app/routes.ts`, 'utf-8')).toContain('export function registerRoutes(router: Router, context: ServiceContext)');
    expect(tree.read(`${root}/esbuild.config.cjs`, 'utf-8')).toContain("'process.env.FACTSWAY_BUILD_VERSION'");
    expect(tree.read(`${root}/jest.config.cts`, 'utf-8')).toContain("preset: '../../jest.preset.js'");

    const project = readProjectConfiguration(tree, 'billing-service');
    expect(project.root).toBe(root);
    expect(project.targets?.['build']).toMatchObject({
      executor: '@nx/esbuild:esbuild',
      options: { bundle: true, platform: 'node', main: `${root}/src/main.ts`, outputPath: `dist/${root}` },
    });
    expect(project.targets?.['serve']?.options).toMatchObject({ buildTarget: 'billing-service:build' });
    expect(project.targets?.['typecheck']?.options).toEqual({ command: `tsc -p ${root}/tsconfig.app.json --noEmit` });
  });

  it('appends a typed catalog entry with defaults that still compiles', async () => {
    await serviceGenerator(tree, { name: 'case-notes', port: 3010, tables: 'notes,note_tags', peers: 'records', description: "Attorney's notes", skipDerivedArtifacts: true });

    const entries = readCatalogEntries(tree);
    expect(entries.map((s) => s.name)).toEqual(['records', 'ingestion', 'export', 'caseblock', 'signature', 'facts', 'exhibits', 'caselaw', 'case-notes']);
    expect(entries.at(-1)).toEqual({ name: 'case-notes', port: 3010, description: "Attorney's notes", tables: ['notes', 'note_tags'], peers: ['records'] });
    const catalog = tree.read(catalogServicesPath, 'utf-8') as string;
    expect(catalog).toContain("publicPaths: ['/api/case-notes']");
    expect(catalog).toContain('resources: small,');
    expect(typeScriptErrors(catalog)).toEqual([]);
  });

  it('writes a node-pg-migrate migration creating the tables, named like migrations:create', async () => {
    await serviceGenerator(tree, { name: 'billing', port: 3010, tables: 'invoices,payments', skipDerivedArtifacts: true });

    const [file] = migrationFiles(tree);
    expect(file).toMatch(/^\d{17}_create_billing_tables\.ts$/);
    const migration = tree.read(`${migrationsDirectory}/${file}`, 'utf-8') as string;
    expect(migration).toContain("pgm.createTable('invoices'");
    expect(migration).toContain("pgm.createTable('payments'");
    expect(migration.indexOf("pgm.dropTable('payments')")).toBeLessThan(migration.indexOf("pgm.dropTable('invoices')"));
    expect(typeScriptErrors(migration)).toEqual([]);
  });

  it('gives services generated one after another distinct, ordered migration names', async () => {
    await serviceGenerator(tree, { name: 'alpha', port: 3010, skipDerivedArtifacts: true });
    await serviceGenerator(tree, { name: 'beta', port: 3011, skipDerivedArtifacts: true });
    const files = migrationFiles(tree);
    expect(files).toHaveLength(2);
    expect([...files].sort()).toEqual([expect.stringMatching(/_create_alpha_tables/), expect.stringMatching(/_create_beta_tables/)]);
  });

  it('with --no-database: no tables, no migration, and the service does not require DATABASE_URL', async () => {
    await serviceGenerator(tree, { name: 'pdf', port: 3010, database: false, skipDerivedArtifacts: true });
    expect(readCatalogEntries(tree).at(-1)?.tables).toEqual([]);
    expect(migrationFiles(tree)).toEqual([]);
    expect(tree.read('apps/pdf-service/README.md', 'utf-8')).toContain('Owns no tables (no `DATABASE_URL`)');
  });

  it('generates a service the catalog already lists without adding it twice, taking its tables', async () => {
    const before = tree.read(catalogServicesPath, 'utf-8');
    await serviceGenerator(tree, { name: 'facts', port: 3006, skipDerivedArtifacts: true });
    expect(tree.read(catalogServicesPath, 'utf-8')).toBe(before);
    expect(tree.exists('apps/facts-service/src/main.ts')).toBe(true);
    const migration = tree.read(`${migrationsDirectory}/${migrationFiles(tree)[0]}`, 'utf-8') as string;
    expect(migration).toContain("pgm.createTable('sentences'");
    expect(migration).toContain("pgm.createTable('facts'");
  });

  it('leaves out tables an existing migration already creates', async () => {
    tree.write(`${migrationsDirectory}/20260101000000000_create_facts.ts`, "export async function up(pgm) { pgm.createTable('facts', {}); }");
    await serviceGenerator(tree, { name: 'facts', port: 3006, skipDerivedArtifacts: true });
    const generated = migrationFiles(tree).filter((f) => f.includes('create_facts_tables'));
    const migration = tree.read(`${migrationsDirectory}/${generated[0]}`, 'utf-8') as string;
    expect(migration).toContain("pgm.createTable('sentences'");
    expect(migration).not.toContain("pgm.createTable('facts'");
  });

  it.each([
    ['records', 3001],
    ['caseblock', 3004],
    ['signature', 3005],
    ['facts', 3006],
    ['exhibits', 3007],
    ['caselaw', 3008],
  ])('writes the first spec of %s-service exactly as committed (the platform contract from @factsway/service-testing)', async (name, port) => {
    await serviceGenerator(tree, { name, port, skipDerivedArtifacts: true });
    const path = `apps/${name}-service/src/app/routes.spec.ts`;
    expect(tree.read(path, 'utf-8')).toBe(readFileSync(join(findWorkspaceRoot(), path), 'utf-8'));
  });

  it('keeps domain files already written into the app folder', async () => {
    tree.write('apps/facts-service/src/app/sentence-splitter.ts', 'export const kept = true;\n');
    tree.write('apps/facts-service/src/app/routes.ts', '// routes written first\n');
    await serviceGenerator(tree, { name: 'facts', port: 3006, skipDerivedArtifacts: true });
    expect(tree.read('apps/facts-service/src/app/sentence-splitter.ts', 'utf-8')).toBe('export const kept = true;\n');
    expect(tree.read('apps/facts-service/src/app/routes.ts', 'utf-8')).toBe('// routes written first\n');
    expect(tree.exists('apps/facts-service/src/main.ts')).toBe(true);
  });

  describe('refuses, changing nothing', () => {
    const refusals: [string, Parameters<typeof serviceGenerator>[1], RegExp][] = [
      ['a port another service uses', { name: 'billing', port: 3001 }, /Port 3001 is already used by records-service/],
      ['a port of the local platform', { name: 'billing', port: 5433 }, /Port 5433 is already used by the local platform's postgres/],
      ['a catalog service on another port', { name: 'facts', port: 3010 }, /already lists service "facts" on port 3006/],
      ['upper case', { name: 'Billing', port: 3010 }, /Invalid service name "Billing"/],
      ['underscores', { name: 'case_notes', port: 3010 }, /Invalid service name "case_notes"/],
      ['a leading digit', { name: '9lives', port: 3010 }, /Invalid service name "9lives"/],
      ['the -service suffix', { name: 'billing-service', port: 3010 }, /without "-service" \(e\.g\. "billing"\)/],
      ['a port out of range', { name: 'billing', port: 80 }, /Invalid port "80"/],
      ['a non-integer port', { name: 'billing', port: 3010.5 }, /Invalid port "3010.5"/],
      ['an unknown peer', { name: 'billing', port: 3010, peers: 'payments' }, /Unknown peer "payments"/],
      ['a bad table name', { name: 'billing', port: 3010, tables: 'Invoices' }, /Invalid table name "Invoices"/],
    ];
    it.each(refusals)('%s', async (_, options, message) => {
      const changesBefore = tree.listChanges().map((c) => `${c.type} ${c.path} ${c.content?.toString()}`);
      await expect(serviceGenerator(tree, options)).rejects.toThrow(message);
      expect(tree.listChanges().map((c) => `${c.type} ${c.path} ${c.content?.toString()}`)).toEqual(changesBefore);
    });

    it('a name that already has a project', async () => {
      await serviceGenerator(tree, { name: 'billing', port: 3010, skipDerivedArtifacts: true });
      const catalogBefore = tree.read(catalogServicesPath, 'utf-8');
      await expect(serviceGenerator(tree, { name: 'billing', port: 3011 })).rejects.toThrow(/Service "billing" already exists/);
      expect(tree.read(catalogServicesPath, 'utf-8')).toBe(catalogBefore);
    });
  });
});

describe('derived artifacts', () => {
  it('regenerates the catalog-derived artifacts of the projects that declare them, after writing', async () => {
    const tree = workspaceWithCatalog();
    expect(derivedArtifactsToRegenerate(tree)).toEqual([]);
    addProjectConfiguration(tree, 'kubernetes', { root: 'infra/kubernetes', targets: { synth: { executor: 'nx:run-commands', options: { command: 'true' } } } });
    addProjectConfiguration(tree, 'monitoring', { root: 'infra/monitoring', targets: { test: {} } });
    expect(derivedArtifactsToRegenerate(tree).map((t) => `${t.project}:${t.target}`)).toEqual(['kubernetes:synth']);
  });
});
