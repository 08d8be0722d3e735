import { k8s } from 'cdk8s-plus-34';

/**
 * Secrets the manifests read but never contain. See infra/kubernetes/README.md for how each is created.
 */
export const POSTGRES_CLUSTER_NAME = 'factsway-postgres';

/**
 * Created by CloudNativePG at bootstrap (random alphanumeric password): key `uri` is a complete
 * connection URL to the primary, keys `username` and `password` its parts.
 */
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

/**
 * A service's database environment: the application credentials from the CloudNativePG Secret,
 * composed by the kubelet (`$(VAR)` references to earlier variables) into a URL to the PgBouncer
 * pooler instead of the primary. CloudNativePG passwords are alphanumeric, so they need no escaping.
 */
export function pooledDatabaseEnvironment(poolerHost: string, database: string): k8s.EnvVar[] {
  return [
    { name: 'DATABASE_USER', valueFrom: { secretKeyRef: { name: POSTGRES_APP_SECRET, key: 'username' } } },
    { name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: POSTGRES_APP_SECRET, key: 'password' } } },
    { name: 'DATABASE_URL', value: `postgresql://$(DATABASE_USER):$(DATABASE_PASSWORD)@${poolerHost}:5432/${database}` },
  ];
}
