/** The few fields of kubectl's JSON output that the backend reads. */
export interface ObjectMeta {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PodTemplate {
  metadata?: ObjectMeta;
  spec?: { containers?: { name: string; image: string }[] };
}

export interface DeploymentObject {
  metadata: ObjectMeta;
  spec?: { template?: PodTemplate };
}

export interface ReplicaSetObject {
  metadata: ObjectMeta;
  spec?: { template?: PodTemplate };
}

export interface PodObject {
  metadata: ObjectMeta;
  spec?: { containers?: { name: string; image: string }[] };
  status?: { conditions?: Condition[] };
}

export interface JobObject {
  metadata: ObjectMeta;
  status?: { conditions?: Condition[]; failed?: number; succeeded?: number };
}

export interface ObjectList<T> {
  items: T[];
}

export const VERSION_LABEL = 'app.kubernetes.io/version';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export function parseJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`kubectl did not return JSON for ${what}: ${text.slice(0, 200)}`);
  }
}
