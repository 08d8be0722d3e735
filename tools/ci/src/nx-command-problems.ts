import { ProjectGraph, readJsonFile, workspaceRoot } from '@nx/devkit';
import { join } from 'node:path';
import { NxCommand } from './nx-commands';

function targetsOf(graph: ProjectGraph, project: string): Record<string, { configurations?: Record<string, unknown> }> {
  return (graph.nodes[project]?.data.targets ?? {}) as Record<string, { configurations?: Record<string, unknown> }>;
}

/** Why the command would fail, or undefined when every project, target and configuration it names exists. */
export function nxCommandProblem(graph: ProjectGraph, command: NxCommand): string | undefined {
  const projects = Object.keys(graph.nodes);
  switch (command.kind) {
    case 'targets':
    case 'show': {
      if (command.targets.length === 0) return 'names no target';
      for (const target of command.targets) {
        const owners = projects.filter((project) => targetsOf(graph, project)[target]);
        if (owners.length === 0) return `no project has a "${target}" target`;
        const configuration = command.kind === 'targets' ? command.configuration : undefined;
        if (configuration && !owners.some((project) => targetsOf(graph, project)[target].configurations?.[configuration])) {
          return `no "${target}" target has configuration "${configuration}"`;
        }
      }
      return undefined;
    }
    case 'run': {
      if (!graph.nodes[command.project]) return `no project "${command.project}"`;
      const target = targetsOf(graph, command.project)[command.target];
      if (!target) return `${command.project} has no "${command.target}" target`;
      if (command.configuration && !target.configurations?.[command.configuration]) {
        return `${command.project}:${command.target} has no configuration "${command.configuration}"`;
      }
      return undefined;
    }
    case 'release': {
      const release = readJsonFile<{ release?: { groups?: Record<string, unknown> } }>(join(workspaceRoot, 'nx.json')).release;
      if (command.subcommand !== 'version') return `unexpected nx release ${command.subcommand}`;
      return release?.groups?.['platform'] ? undefined : 'nx.json has no release group "platform"';
    }
  }
}
