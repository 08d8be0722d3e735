type ExitHook = () => Promise<unknown>;

const hooks: ExitHook[] = [];

/**
 * Work that must finish after a service's graceful shutdown and before its process exits,
 * such as sending queued error reports (`src/monitoring/sentry.ts` registers that).
 */
export function beforeServiceExit(hook: ExitHook): void {
  hooks.push(hook);
}

/**
 * Runs every hook, all at once, for at most `timeoutMs`: the pod's grace period is
 * preStop + drain + a few seconds, and a hook must never keep a stopping process alive.
 */
export async function runBeforeExitHooks(timeoutMs = 3000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.allSettled(hooks.map((hook) => hook())), deadline]);
  clearTimeout(timer);
}
