import { findWorkspaceRoot } from '@factsway/dev-support';
import { spawnSync } from 'node:child_process';

// The bench command end to end in its quick mode: every comparison runs and the table has every
// row. The figures of one-second runs on a busy machine mean nothing, so none is asserted.

const EXPECTED_ROWS = [
  /^\| request path, Node 24: production stack, Sentry on \| .* \| bare Express 5: /m,
  /^\| request path, Node 24: production stack, Sentry on \| .* \| peer stack /m,
  /^\| records read \(Node 24\): .* \| bare Express \+ same pg query: /m,
  /^\| records read \(Node 24\): .* \| raw pg query loop /m,
  /^\| idle memory \(Node 24\): records-service from its bundle \| [\d.,]+ MiB /m,
  /^\| update origin \(Node 24\): latest.yml \| .* \| nginx: /m,
  /^\| update origin \(Node 24\): 1 MiB installer \(4 connections\) \| .* \| nginx: /m,
  /^\| update origin \(Node 24\): 256 KiB range of the installer \| .* \| nginx: /m,
  /^\| developer loop \(daemon, as locally\): cached nx test service-catalog \| [\d.,]+ s /m,
  /^\| developer loop \(daemon, as locally\): nx show projects \| [\d.,]+ s /m,
  /^\| developer loop \(no daemon, as CI\): cached nx test service-catalog \| [\d.,]+ s /m,
  /^\| developer loop \(no daemon, as CI\): nx show projects \| [\d.,]+ s /m,
  /^\| regenerating every derived artifact \(3 generators\) \| [\d.,]+ s /m,
];

describe('npm run bench -- --quick', () => {
  it('runs every comparison and prints one table with a row per figure, each with baseline, ratio, goal and verdict', () => {
    const root = findWorkspaceRoot();
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/bench/src/main.ts', '--quick'], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json', NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
    });
    expect(result.stderr).not.toContain('[bench] failed');
    expect(result.status).toBe(0);
    const table = result.stdout;
    expect(table).toContain('| figure | value | baseline | ratio | goal | met? |');
    for (const row of EXPECTED_ROWS) expect(table).toMatch(row);
    // The machine's Node gets its own two request-path rows when it is not the services' Node 24.
    const runtimes = new Set([...table.matchAll(/^\| request path, (Node \d+):/gm)].map((match) => match[1]));
    const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| figure'));
    expect(rows).toHaveLength(EXPECTED_ROWS.length + 2 * (runtimes.size - 1));
    for (const row of rows) expect(row).toMatch(/\| [\d.]+x \| (≥ [\d.]+x|≤ [\d.,]+ \w+|—) \| (yes|no|—) \|$/);
  }, 900_000);
});
