import { alertmanagerNotificationsFailing } from './alerts/alertmanager-notifications-failing';
import { availabilityErrorBudgetBurn } from './alerts/availability-error-budget-burn';
import { containerMemoryNearLimit } from './alerts/container-memory-near-limit';
import { databaseConnectionErrors } from './alerts/database-connection-errors';
import { databaseUnavailable } from './alerts/database-unavailable';
import { latencyErrorBudgetBurn } from './alerts/latency-error-budget-burn';
import { podCrashLooping } from './alerts/pod-crash-looping';
import { postgresDown } from './alerts/postgres-down';
import { serviceDown } from './alerts/service-down';
import { serviceNotReady } from './alerts/service-not-ready';
import { updateCertificateExpiring } from './alerts/update-certificate-expiring';
import { updateManifestUnreachable } from './alerts/update-manifest-unreachable';
import { updateProbeSlow } from './alerts/update-probe-slow';
import { hpaAtMaximum, namespaceQuotaNearLimit, nodeRequestsNearAllocatable, podPending } from './alerts/capacity';
import { persistentVolumeFilling } from './alerts/persistent-volume-filling';
import {
  postgresBackupTooOld,
  postgresConnectionsNearLimit,
  postgresReplicationLagging,
  postgresWalArchivingFailing,
} from './alerts/postgres-data-safety';
import { scrapeJobMissing } from './alerts/scrape-job-missing';
import { watchdog } from './alerts/watchdog';
import { MonitoredServices } from '../service-selectors';
import { AlertDefinition } from './rule-types';

/**
 * Every alert of the platform, for these services. Volumes are watched through the kubelet's
 * volume statistics (PersistentVolumeFilling); no node exporter is deployed.
 */
export function alertDefinitions(services: MonitoredServices): AlertDefinition[] {
  return [
    serviceDown(services),
    availabilityErrorBudgetBurn,
    latencyErrorBudgetBurn,
    databaseConnectionErrors,
    databaseUnavailable,
    postgresDown,
    serviceNotReady(services),
    podCrashLooping(services),
    containerMemoryNearLimit(services),
    // The update path as clients see it in production (the local origin's own metrics exist only locally).
    updateManifestUnreachable,
    updateCertificateExpiring,
    updateProbeSlow,
    alertmanagerNotificationsFailing,
    postgresWalArchivingFailing,
    postgresBackupTooOld,
    postgresReplicationLagging,
    postgresConnectionsNearLimit,
    persistentVolumeFilling,
    podPending,
    hpaAtMaximum,
    namespaceQuotaNearLimit,
    nodeRequestsNearAllocatable,
    watchdog,
    scrapeJobMissing,
  ];
}
