import { GeneratorCallback, runTasksInSerial, Tree } from '@nx/devkit';
import { normalizeOptions } from './normalize-options';
import { ServiceGeneratorSchema } from './schema';
import { serviceGeneratorSteps } from './steps';

/**
 * `npx nx g @factsway/nx-plugin:service <name> --port <n>`: a new FACTSWAY service,
 * its catalog entry and its first migration, then the artifacts derived from the catalog.
 */
export async function serviceGenerator(tree: Tree, schema: ServiceGeneratorSchema): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  const afterWrite: GeneratorCallback[] = [];
  for (const step of serviceGeneratorSteps) {
    try {
      const callback = await step.run(tree, options);
      if (callback) afterWrite.push(callback);
    } catch (error) {
      throw new Error(`service generator, step "${step.name}": ${(error as Error).message}`, { cause: error });
    }
  }
  return runTasksInSerial(...afterWrite);
}

export default serviceGenerator;
