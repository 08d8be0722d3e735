import { k8s } from 'cdk8s-plus-34';

/**
 * Secrets the manifests read but never contain. See infra/kubernetes/README.md for how each is created.
 */
export const POSTGRES_CLUSTER_NAME = 'factsway-postgres';

/** Created by CloudNativePG at bootstrap (random password); key `uri` is a complete connection URL. */
export const POSTGRES_APP_SECRET = `${POSTGRES_CLUSTER_NAME}-app`;

/** Created by an operator (kubectl or External Secrets): key `dsn`. Optional: without it Sentry is off. */
export const SENTRY_SECRET = 'factsway-sentry';

/** Created by an operator: object-storage credentials for base backups and WAL archiving. */
export const POSTGRES_BACKUP_SECRET = 'factsway-postgres-backup-s3';

/** Created by cert-manager from the Certificate in ingress.yaml. */
export const API_TLS_SECRET = 'factsway-api-tls';

export function databaseUrlSource(): k8s.EnvVarSource {
  return { secretKeyRef: { name: POSTGRES_APP_SECRET, key: 'uri' } };
}

export function sentryDsnSource(): k8s.EnvVarSource {
  return { secretKeyRef: { name: SENTRY_SECRET, key: 'dsn', optional: true } };
}
