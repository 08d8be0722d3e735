export interface ReleaseStep {
  name: string;
  run: () => Promise<void>;
}

/** Runs steps in order, logging each; `afterStep` lets tests stop a run between any two steps. */
export async function runReleaseSteps(
  steps: ReleaseStep[],
  log: (line: string) => void,
  afterStep?: (step: string) => void | Promise<void>,
): Promise<void> {
  for (const step of steps) {
    await step.run();
    log(`done: ${step.name}`);
    await afterStep?.(step.name);
  }
}
