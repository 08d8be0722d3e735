import { describeGateFailure, evaluateVersionGate } from './version-gate';

describe('the version gate', () => {
  it('passes only when every service runs exactly the release version', () => {
    expect(evaluateVersionGate('2.0.0', [{ service: 'a', runningVersion: '2.0.0' }]).passed).toBe(true);
    const verdict = evaluateVersionGate('2.0.0', [
      { service: 'a', runningVersion: '2.0.0' },
      { service: 'b', runningVersion: '1.9.0' },
      { service: 'c', runningVersion: undefined },
      { service: 'd', runningVersion: '2.0.1' },
    ]);
    expect(verdict.passed).toBe(false);
    expect(verdict.failing.map((entry) => entry.service)).toEqual(['b', 'c', 'd']);
    expect(describeGateFailure('2.0.0', verdict.failing)).toBe(
      'b runs 1.9.0, expected 2.0.0; c runs nothing ready, expected 2.0.0; d runs 2.0.1, expected 2.0.0',
    );
  });
});
