import { ChildProcess } from 'node:child_process';

/** SIGTERM to a process a drill started, waiting for it to exit; nothing if it already has. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
