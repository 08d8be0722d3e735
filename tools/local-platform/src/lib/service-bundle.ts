import { serviceId } from '@factsway/service-catalog';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built bundle of a catalog service, found through its project's build target
 * (`outputPath` + `main.js`), so it follows wherever the project builds to.
 */
export function serviceBundle(workspaceRoot: string, name: string): string {
  const id = serviceId(name);
  const projectFile = join(workspaceRoot, 'apps', id, 'project.json');
  if (!existsSync(projectFile)) {
    throw new Error(`${id}: no project at apps/${id} (generate it: npx nx g @factsway/nx-plugin:service ${name} --port <port>)`);
  }
  const project = JSON.parse(readFileSync(projectFile, 'utf8')) as {
    targets?: { build?: { options?: { outputPath?: string } } };
  };
  const outputPath = project.targets?.build?.options?.outputPath;
  if (!outputPath) throw new Error(`${id}: its build target has no outputPath`);
  const bundle = join(workspaceRoot, outputPath, 'main.js');
  if (!existsSync(bundle)) {
    throw new Error(`${id} is not built (${bundle} missing): run npx nx run-many -t build -p '*-service'`);
  }
  return bundle;
}
