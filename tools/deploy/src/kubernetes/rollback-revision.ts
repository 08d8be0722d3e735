import { ObjectList, REVISION_ANNOTATION, ReplicaSetObject, VERSION_LABEL } from './cluster-objects';

/**
 * The Deployment revision whose pod template ran `version` (the newest one if several did):
 * `rollout undo --to-revision` goes back to exactly that, whichever process rolled forward.
 */
export function revisionOfVersion(replicaSets: ObjectList<ReplicaSetObject>, version: string): number | undefined {
  const revisions = replicaSets.items
    .filter((replicaSet) => replicaSet.spec?.template?.metadata?.labels?.[VERSION_LABEL] === version)
    .map((replicaSet) => Number(replicaSet.metadata.annotations?.[REVISION_ANNOTATION]))
    .filter((revision) => Number.isInteger(revision) && revision > 0);
  return revisions.length ? Math.max(...revisions) : undefined;
}
