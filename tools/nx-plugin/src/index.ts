export { serviceGenerator } from './generators/service/generator';
export type { ServiceGeneratorSchema } from './generators/service/schema';
export { derivedArtifactTargets } from './generators/service/steps/regenerate-derived-artifacts';
