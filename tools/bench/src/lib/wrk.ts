import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The load generator's core; servers are pinned to the other one (SERVER_CORE). */
export const LOAD_CORE = '1';
export const SERVER_CORE = '0';

export interface WrkOptions {
  seconds: number;
  connections?: number;
  /** Extra request headers, e.g. a Range. */
  headers?: Record<string, string>;
}

export interface WrkResult {
  requestsPerSecond: number;
  bytesPerSecond: number;
  /** Non-2xx/3xx answers and socket errors: a run with any is not a valid figure. */
  errors: number;
}

/** `taskset -c 1 wrk -t1 -c32`: one load thread on the core the server does not use. */
export async function wrk(url: string, options: WrkOptions): Promise<WrkResult> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const { stdout } = await run(
    'taskset',
    ['-c', LOAD_CORE, 'wrk', '-t1', `-c${options.connections ?? 32}`, `-d${options.seconds}s`, '--latency', ...headerArgs, url],
    { maxBuffer: 1 << 20 },
  );
  return parseWrk(stdout);
}

export function parseWrk(output: string): WrkResult {
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!rate) throw new Error(`wrk printed no Requests/sec:\n${output}`);
  const transfer = /Transfer\/sec:\s+([\d.]+)([KMG]?B)/.exec(output);
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[transfer?.[2] ?? 'B'] ?? 1;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0;
  return { requestsPerSecond: Number(rate[1]), bytesPerSecond: Number(transfer?.[1] ?? 0) * unit, errors: non2xx + socketErrors };
}
