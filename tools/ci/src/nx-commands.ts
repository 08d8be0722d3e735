/** One `npx nx ...` invocation found in a workflow `run:` script, reduced to what must exist. */
export type NxCommand =
  | { kind: 'targets'; line: string; targets: string[]; configuration?: string }
  | { kind: 'run'; line: string; project: string; target: string; configuration?: string }
  | { kind: 'release'; line: string; subcommand: string }
  | { kind: 'show'; line: string; targets: string[] };

/** Splits a shell line into words, dropping quotes (enough for the workflows' plain commands). */
function words(line: string): string[] {
  return (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((word) => word.replace(/^["']|["']$/g, ''));
}

function flagValue(args: string[], ...names: string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    for (const name of names) {
      if (args[index] === name) return args[index + 1];
      if (args[index].startsWith(`${name}=`)) return args[index].slice(name.length + 1);
    }
  }
  return undefined;
}

/** Values of `-t a b c` / `--targets=a,b` (until the next flag). */
function targetList(args: string[]): string[] {
  const inline = flagValue(args, '--targets', '--target');
  if (inline) return inline.split(',');
  const start = args.findIndex((arg) => arg === '-t' || arg === '--targets' || arg === '--target' || arg === '--with-target');
  if (start === -1) return [];
  const values: string[] = [];
  for (const arg of args.slice(start + 1)) {
    if (arg.startsWith('-')) break;
    values.push(...arg.split(','));
  }
  return values;
}

/** Every `npx nx` command in a script (one per line; `>-` folded scripts are one line). */
export function nxCommands(script: string): NxCommand[] {
  const commands: NxCommand[] = [];
  for (const line of script.split('\n')) {
    // A command ends at a shell separator or the close of a `$( ... )`.
    const match = /\bnpx nx ([^;|&)]*)/.exec(line.trim());
    if (!match) continue;
    const args = words(match[1]);
    const [verb, ...rest] = args;
    const configuration = flagValue(rest, '-c', '--configuration');
    if (verb === 'affected' || verb === 'run-many') {
      commands.push({ kind: 'targets', line: line.trim(), targets: targetList(rest), configuration });
    } else if (verb === 'run') {
      const [project, target, inlineConfiguration] = rest[0].split(':');
      commands.push({ kind: 'run', line: line.trim(), project, target, configuration: inlineConfiguration ?? configuration });
    } else if (verb === 'release') {
      commands.push({ kind: 'release', line: line.trim(), subcommand: rest[0] });
    } else if (verb === 'show') {
      commands.push({ kind: 'show', line: `npx nx ${match[1].trim()}`, targets: targetList(rest) });
    } else {
      // `npx nx <target> <project>`
      commands.push({ kind: 'run', line: line.trim(), project: rest[0], target: verb, configuration });
    }
  }
  return commands;
}
