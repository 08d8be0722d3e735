import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The kernel's short name (`node`, `postgres`, ...). */
  name: string;
  state: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid ...; comm may contain spaces and parentheses.
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(ppid), name, state };
  } catch {
    return undefined;
  }
}

/** Every live (non-zombie) process below `root` in the process tree (Linux /proc). */
export function descendantsOf(root: number): ProcessInfo[] {
  const all = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readProcess(Number(entry)))
    .filter((p): p is ProcessInfo => p !== undefined && p.state !== 'Z');
  const children = new Map<number, ProcessInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: ProcessInfo[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child.pid);
    }
  };
  visit(root);
  return found;
}

/** Live processes whose command line contains `text` (e.g. a data directory), with their descendants. */
export function processesMentioning(text: string): ProcessInfo[] {
  const matches: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const info = cmdline.includes(text) ? readProcess(Number(entry)) : undefined;
    if (info && info.state !== 'Z') matches.push(info, ...descendantsOf(info.pid));
  }
  return matches;
}
