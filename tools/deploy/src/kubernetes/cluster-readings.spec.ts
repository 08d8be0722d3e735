import { jobState } from './job-state';
import { readMigrationLog } from './migration-log';
import { readyPodsVersion } from './pod-versions';
import { revisionOfVersion } from './rollback-revision';
import { PodObject } from './cluster-objects';

const REGISTRY = 'registry.example.com:5000';

function pod(image: string, label: string | undefined, ready = true, terminating = false): PodObject {
  return {
    metadata: { labels: label ? { 'app.kubernetes.io/version': label } : {}, ...(terminating ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { containers: [{ name: 'records-service', image }] },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}
const image = (version: string) => `${REGISTRY}/factsway/records-service:${version}`;

describe('readyPodsVersion (the version gate reads this)', () => {
  it('reports the one version every ready pod runs (registry with a port)', () => {
    expect(readyPodsVersion({ items: [pod(image('1.4.0'), '1.4.0'), pod(image('1.4.0'), '1.4.0')] }, 'records-service', REGISTRY)).toBe('1.4.0');
  });
  it('ignores pods that are not ready or are terminating; none ready is undefined', () => {
    const items = [pod(image('1.3.0'), '1.3.0', false), pod(image('1.3.0'), '1.3.0', true, true), pod(image('1.4.0'), '1.4.0')];
    expect(readyPodsVersion({ items }, 'records-service', REGISTRY)).toBe('1.4.0');
    expect(readyPodsVersion({ items: items.slice(0, 2) }, 'records-service', REGISTRY)).toBeUndefined();
  });
  it('names every version when ready pods disagree', () => {
    expect(readyPodsVersion({ items: [pod(image('1.4.0'), '1.4.0'), pod(image('1.3.0'), '1.3.0')] }, 'records-service', REGISTRY)).toBe(
      'mixed 1.3.0 + 1.4.0',
    );
  });
  it('an image from another registry, or a label that disagrees with the tag, never passes as the version', () => {
    expect(readyPodsVersion({ items: [pod('docker.io/factsway/records-service:1.4.0', '1.4.0')] }, 'records-service', REGISTRY)).toBe(
      'image docker.io/factsway/records-service:1.4.0',
    );
    expect(readyPodsVersion({ items: [pod(image('1.4.0'), '1.3.0')] }, 'records-service', REGISTRY)).toBe('image 1.4.0 with label 1.3.0');
  });
});

describe('revisionOfVersion (rollout undo target)', () => {
  const replicaSet = (revision: string, version: string) => ({
    metadata: { annotations: { 'deployment.kubernetes.io/revision': revision } },
    spec: { template: { metadata: { labels: { 'app.kubernetes.io/version': version } } } },
  });
  it('picks the newest revision that ran the version', () => {
    expect(revisionOfVersion({ items: [replicaSet('2', '1.3.0'), replicaSet('5', '1.3.0'), replicaSet('6', '1.4.0')] }, '1.3.0')).toBe(5);
  });
  it('is undefined when no kept revision ran it', () => {
    expect(revisionOfVersion({ items: [replicaSet('6', '1.4.0')] }, '1.3.0')).toBeUndefined();
  });
});

describe('jobState', () => {
  it('reads Complete, Failed (with reason) and still running', () => {
    expect(jobState({ metadata: {}, status: { conditions: [{ type: 'Complete', status: 'True' }] } })).toEqual({ state: 'complete' });
    expect(
      jobState({ metadata: {}, status: { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' }] } }),
    ).toEqual({ state: 'failed', reason: 'DeadlineExceeded: Job was active longer than specified deadline' });
    expect(jobState({ metadata: {}, status: { conditions: [{ type: 'Failed', status: 'False' }] } })).toEqual({ state: 'running' });
    expect(jobState({ metadata: {} })).toEqual({ state: 'running' });
  });
});

describe('readMigrationLog', () => {
  it('names the failing migration file without its extension', () => {
    expect(readMigrationLog('applied 1_init\nmigration /app/migrations/2_add-notes.js failed: syntax error at "x"\n')).toEqual({
      applied: ['1_init'],
      failedMigration: '2_add-notes',
      message: 'syntax error at "x"',
    });
  });
  it('a clean run has no failure', () => {
    expect(readMigrationLog('nothing to apply: the database is up to date\n')).toEqual({ applied: [] });
  });
});
