import { ServiceGeneratorStep } from '../step';
import { createProjectFiles } from './create-project-files';
import { addCatalogEntry } from './add-catalog-entry';
import { addMigration } from './add-migration';
import { regenerateDerivedArtifacts } from './regenerate-derived-artifacts';

/** The generator's steps, in order. Artifacts derived from the catalog come last. */
export const serviceGeneratorSteps: readonly ServiceGeneratorStep[] = [
  createProjectFiles,
  addCatalogEntry,
  addMigration,
  regenerateDerivedArtifacts,
];
