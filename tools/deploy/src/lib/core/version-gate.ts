/** What the gate saw for one service. */
export interface ObservedVersion {
  service: string;
  /** The version its ready pods report; undefined when none is ready or it is unreachable. */
  runningVersion: string | undefined;
}

export interface GateVerdict {
  passed: boolean;
  /** Services not running the release version, with what they run instead. */
  failing: ObservedVersion[];
}

/** Every service must run exactly the release version; anything else (older, newer, none) fails. */
export function evaluateVersionGate(releaseVersion: string, observed: readonly ObservedVersion[]): GateVerdict {
  const failing = observed.filter((entry) => entry.runningVersion !== releaseVersion);
  return { passed: failing.length === 0, failing };
}

export function describeGateFailure(releaseVersion: string, failing: readonly ObservedVersion[]): string {
  return failing
    .map((entry) => `${entry.service} runs ${entry.runningVersion ?? 'nothing ready'}, expected ${releaseVersion}`)
    .join('; ');
}
