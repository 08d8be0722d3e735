import { getProjects, logger } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { ServiceGeneratorStep } from '../step';

/**
 * Artifacts regenerated from the catalog by other projects (Kubernetes manifests, scrape
 * config, dashboards, runbooks). They read the catalog from disk, so they run after the
 * generator has written it. A project that adds such an artifact adds one line here.
 */
export const derivedArtifactTargets: readonly { project: string; target: string; what: string }[] = [
  { project: 'kubernetes', target: 'synth', what: 'Kubernetes manifests' },
  { project: 'monitoring', target: 'synth', what: 'Prometheus scrape config, alerts and dashboard' },
];

export const regenerateDerivedArtifacts: ServiceGeneratorStep = {
  name: 'derived artifacts',
  run(tree, options) {
    const projects = getProjects(tree);
    const present = derivedArtifactTargets.filter((t) => projects.get(t.project)?.targets?.[t.target] !== undefined);
    if (options.skipDerivedArtifacts || present.length === 0) {
      if (present.length > 0) {
        logger.warn(`Skipped; now run: ${present.map((t) => `npx nx run ${t.project}:${t.target}`).join(' && ')}`);
      }
      return;
    }
    return () => {
      for (const { project, target, what } of present) {
        logger.info(`Regenerating ${what}: nx run ${project}:${target}`);
        execFileSync('npx', ['nx', 'run', `${project}:${target}`], { cwd: tree.root, stdio: 'inherit' });
      }
    };
  },
};
