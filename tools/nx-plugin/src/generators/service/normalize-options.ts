import { getProjects, Tree } from '@nx/devkit';
import { platform } from '@factsway/service-catalog';
import { CatalogEntrySummary, readCatalogEntries } from '../../lib/catalog-source';
import { ServiceGeneratorSchema } from './schema';

/** Everything the steps need, validated once. */
export interface NormalizedServiceOptions {
  /** Short name, e.g. `billing`. */
  name: string;
  /** `billing-service`: project, app folder, image and Deployment name. */
  serviceId: string;
  /** `apps/billing-service`. */
  projectRoot: string;
  port: number;
  description: string;
  tables: string[];
  peers: string[];
  /** The catalog already lists this service (same name and port): do not add it again. */
  catalogEntry?: CatalogEntrySummary;
  skipDerivedArtifacts: boolean;
}

const kebabName = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const snakeTable = /^[a-z][a-z0-9_]*$/;

export function normalizeOptions(tree: Tree, schema: ServiceGeneratorSchema): NormalizedServiceOptions {
  const name = String(schema.name ?? '').trim();
  if (!kebabName.test(name)) {
    throw new Error(`Invalid service name "${name}": use lower-case kebab case starting with a letter, e.g. "billing" or "case-notes".`);
  }
  if (name.endsWith('-service')) {
    throw new Error(`Invalid service name "${name}": give the short name without "-service" (e.g. "${name.slice(0, -'-service'.length)}").`);
  }
  const serviceId = `${name}-service`;
  const projectRoot = `apps/${serviceId}`;
  // A folder holding only domain code written ahead of the skeleton is fine; a project is not.
  if (tree.exists(`${projectRoot}/project.json`) || getProjects(tree).has(serviceId)) {
    throw new Error(`Service "${name}" already exists: ${projectRoot} (project ${serviceId}). Choose another name.`);
  }

  const port = Number(schema.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new Error(`Invalid port "${schema.port}": use an integer from 1024 to 65535.`);
  }
  const catalog = readCatalogEntries(tree);
  const catalogEntry = catalog.find((s) => s.name === name);
  if (catalogEntry && catalogEntry.port !== port) {
    throw new Error(`The catalog already lists service "${name}" on port ${catalogEntry.port}, not ${port}. Use --port ${catalogEntry.port}.`);
  }
  const portOwner = catalog.find((s) => s.port === port && s.name !== name);
  if (portOwner) {
    throw new Error(`Port ${port} is already used by ${portOwner.name}-service. Choose a free port (used: ${catalog.map((s) => s.port).join(', ')}).`);
  }
  const component = Object.entries(platform.localPorts).find(([, p]) => p === port);
  if (component) {
    throw new Error(`Port ${port} is already used by the local platform's ${component[0]}. Choose another port.`);
  }

  const tables = resolveTables(name, schema, catalogEntry);
  const peers = resolvePeers(name, schema, catalog, catalogEntry);
  return {
    name,
    serviceId,
    projectRoot,
    port,
    description: catalogEntry?.description || schema.description?.replace(/\s+/g, ' ').trim() || `The ${name} service`,
    tables,
    peers,
    catalogEntry,
    skipDerivedArtifacts: schema.skipDerivedArtifacts ?? false,
  };
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function resolveTables(name: string, schema: ServiceGeneratorSchema, entry?: CatalogEntrySummary): string[] {
  const requested = schema.database === false ? [] : splitList(schema.tables);
  if (entry) {
    if (requested && requested.join(',') !== entry.tables.join(',')) {
      throw new Error(`The catalog lists ${name}'s tables as [${entry.tables.join(', ')}]; --tables/--no-database disagree. Change the catalog instead.`);
    }
    return [...entry.tables];
  }
  const tables = requested ?? [name.replace(/-/g, '_')];
  for (const table of tables) {
    if (!snakeTable.test(table)) throw new Error(`Invalid table name "${table}": use snake_case starting with a letter.`);
  }
  return tables;
}

function resolvePeers(name: string, schema: ServiceGeneratorSchema, catalog: CatalogEntrySummary[], entry?: CatalogEntrySummary): string[] {
  const requested = splitList(schema.peers);
  if (entry) {
    if (requested && requested.join(',') !== entry.peers.join(',')) {
      throw new Error(`The catalog lists ${name}'s peers as [${entry.peers.join(', ')}]; --peers disagrees. Change the catalog instead.`);
    }
    return [...entry.peers];
  }
  const peers = requested ?? [];
  for (const peer of peers) {
    if (peer === name) throw new Error(`A service cannot be its own peer ("${peer}").`);
    if (!catalog.some((s) => s.name === peer)) {
      throw new Error(`Unknown peer "${peer}": the catalog has ${catalog.map((s) => s.name).join(', ')}.`);
    }
  }
  return peers;
}
