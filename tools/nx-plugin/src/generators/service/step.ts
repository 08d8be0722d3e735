import { GeneratorCallback, Tree } from '@nx/devkit';
import { NormalizedServiceOptions } from './normalize-options';

/**
 * One thing the service generator does. Steps run in order on the virtual Tree; a step may
 * return a callback that runs after the Tree is written to disk (e.g. to run another target).
 * To extend the generator, add a file under steps/ and one line in steps/index.ts.
 */
export interface ServiceGeneratorStep {
  /** Shown in errors, e.g. "catalog entry". */
  name: string;
  run(tree: Tree, options: NormalizedServiceOptions): void | GeneratorCallback | Promise<void | GeneratorCallback>;
}
