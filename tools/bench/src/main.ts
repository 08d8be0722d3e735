// One command for every performance figure: `npm run bench` (or `npx nx run bench:run`).
// `--quick`: every row with one-second runs, to check the command works (its test does that).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { formatTable } from './lib/bench-row';
import { ensureDebianTools } from './lib/debian-tools';
import { FULL_BENCH, QUICK_BENCH, runBench } from './lib/run-bench';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  ensureDebianTools(log);
  const numberArgument = (name: string) => {
    const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
    return value === undefined ? {} : { [name]: Number(value) };
  };
  // `--rounds=N --seconds=N` trade precision for time on a busy machine.
  const rows = await runBench({ ...(quick ? QUICK_BENCH : FULL_BENCH), ...numberArgument('rounds'), ...numberArgument('seconds'), log });
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  process.stdout.write(`\nFACTSWAY bench ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${cpus().length} cores${quick ? ' (quick: not meaningful)' : ''}\n\n`);
  process.stdout.write(`${formatTable(rows)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
