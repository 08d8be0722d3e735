import { getProjects, logger, Tree } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { ServiceGeneratorStep } from '../step';

export interface DerivedArtifactTarget {
  project: string;
  target: string;
  what: string;
}

/**
 * Artifacts regenerated from the catalog by other projects (Kubernetes manifests, scrape
 * config, dashboards, runbooks). They read the catalog from disk, so they run after the
 * generator has written it. A project that adds such an artifact adds one line here.
 */
export const derivedArtifactTargets: readonly DerivedArtifactTarget[] = [
  { project: 'kubernetes', target: 'synth', what: 'Kubernetes manifests' },
  { project: 'monitoring', target: 'generate', what: 'Prometheus scrape config, alerts and dashboard' },
];

/** The registered targets whose project exists here and declares that target. */
export function derivedArtifactsToRegenerate(tree: Tree): DerivedArtifactTarget[] {
  const projects = getProjects(tree);
  return derivedArtifactTargets.filter((t) => projects.get(t.project)?.targets?.[t.target] !== undefined);
}

export const regenerateDerivedArtifacts: ServiceGeneratorStep = {
  name: 'derived artifacts',
  run(tree, options) {
    const targets = derivedArtifactsToRegenerate(tree);
    if (targets.length === 0) return;
    const commands = targets.map((t) => `npx nx run ${t.project}:${t.target}`);
    if (options.skipDerivedArtifacts) {
      logger.warn(`Derived artifacts not regenerated; run: ${commands.join(' && ')}`);
      return;
    }
    return () => {
      for (const { project, target, what } of targets) {
        logger.info(`Regenerating ${what}: nx run ${project}:${target}`);
        execFileSync('npx', ['nx', 'run', `${project}:${target}`], { cwd: tree.root, stdio: 'inherit' });
      }
    };
  },
};
