import { JobObject } from './cluster-objects';

export type JobState = { state: 'complete' } | { state: 'failed'; reason: string } | { state: 'running' };

/** A Job is done when its `Complete` or `Failed` condition is True (Kubernetes sets exactly one). */
export function jobState(job: JobObject): JobState {
  const conditions = job.status?.conditions ?? [];
  const isTrue = (type: string) => conditions.find((condition) => condition.type === type && condition.status === 'True');
  if (isTrue('Complete')) return { state: 'complete' };
  const failed = isTrue('Failed');
  if (failed) return { state: 'failed', reason: [failed.reason, failed.message].filter(Boolean).join(': ') || 'Failed' };
  return { state: 'running' };
}
