import { k8s } from 'cdk8s-plus-34';

/** Non-root identity of every FACTSWAY container; the images create this user (UID >= 10000). */
export const RUN_AS_USER = 10001;
export const RUN_AS_GROUP = 10001;

/** Pod-level half of the Pod Security Standards "restricted" profile. */
export function restrictedPodSecurityContext(): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS_USER,
    runAsGroup: RUN_AS_GROUP,
    fsGroup: RUN_AS_GROUP,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level half; the root filesystem is read-only, so writable paths are emptyDir mounts. */
export function restrictedContainerSecurityContext(): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: RUN_AS_USER,
    runAsGroup: RUN_AS_GROUP,
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** The writable `/tmp` every Node process may need (multer, os.tmpdir()). */
export function tmpVolume(sizeLimit: string): { volume: k8s.Volume; mount: k8s.VolumeMount } {
  return {
    volume: { name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString(sizeLimit) } },
    mount: { name: 'tmp', mountPath: '/tmp' },
  };
}
