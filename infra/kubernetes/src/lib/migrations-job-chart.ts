import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-34';
import { Construct } from 'constructs';
import { ClusterSettings } from './cluster-settings';
import { imageReference, selectorLabels, workloadLabels } from './labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext, tmpVolume } from './pod-security';
import { databaseUrlSource } from './secret-references';

/** The Nx project, image and pod name of the schema migrations. */
export const MIGRATIONS_NAME = 'migrations';

/** `0.1.0` -> `migrations-0-1-0`: Jobs are immutable, so each platform version gets its own. */
export function migrationsJobName(version: string): string {
  return `${MIGRATIONS_NAME}-${version.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * Runs the `migrations` image (node-pg-migrate `up`) once per platform version. The deploy
 * applies it and waits for completion before any Deployment rolls; a failed migration
 * rolls back in its transaction, so a retry starts from the same schema.
 */
export class MigrationsJobChart extends Chart {
  constructor(scope: Construct, id: string, settings: ClusterSettings) {
    super(scope, id);
    const namespace = settings.namespace;
    const labels = workloadLabels(MIGRATIONS_NAME, settings.version, 'migrations');
    const tmp = tmpVolume('16Mi');

    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: { name: MIGRATIONS_NAME, namespace, labels: selectorLabels(MIGRATIONS_NAME) },
      automountServiceAccountToken: false,
    });

    const environment: k8s.EnvVar[] = [
      { name: 'DEPLOYMENT_ENV', value: settings.environment },
      { name: 'APP_VERSION', value: settings.version },
      { name: 'LOG_LEVEL', value: settings.logLevel },
      settings.databaseUrl === undefined
        ? { name: 'DATABASE_URL', valueFrom: databaseUrlSource() }
        : { name: 'DATABASE_URL', value: settings.databaseUrl },
    ];

    new k8s.KubeJob(this, 'job', {
      metadata: { name: migrationsJobName(settings.version), namespace, labels },
      spec: {
        // A transient connection failure deserves a retry; a failing migration fails the same way twice.
        backoffLimit: 2,
        activeDeadlineSeconds: 600,
        ttlSecondsAfterFinished: 7 * 24 * 3600,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            serviceAccountName: MIGRATIONS_NAME,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            ...(settings.hostNetwork ? { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } : {}),
            securityContext: restrictedPodSecurityContext(),
            containers: [
              {
                name: MIGRATIONS_NAME,
                image: imageReference(settings, MIGRATIONS_NAME),
                imagePullPolicy: settings.imagePullPolicy,
                env: environment,
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
                  limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('256Mi') },
                },
                securityContext: restrictedContainerSecurityContext(),
                volumeMounts: [tmp.mount],
              },
            ],
            volumes: [tmp.volume],
          },
        },
      },
    });
  }
}
