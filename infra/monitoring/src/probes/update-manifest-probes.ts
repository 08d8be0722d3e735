import { platform } from '@factsway/service-catalog';
import { DesktopPlatform, manifestName, manifestSuffix } from '@factsway/update-path';
import { monitoringConfig } from '../config';

/**
 * The synthetic check of the desktop update path: the Prometheus blackbox exporter fetches each
 * live manifest electron-updater fetches (`latest.yml`, `latest-mac.yml`, `latest-linux.yml`) the
 * way a client does, through the CDN in production and through the local update origin locally.
 * It is the production signal for the update path (with the CloudWatch alarms in the CDN template):
 * the update origin's own metrics exist only locally.
 */
export const updateProbe = {
  job: 'update-manifest-probe',
  /** The exporter modules: production demands TLS (the certificate is checked); locally the origin is plain HTTP. */
  modules: { production: 'update_manifest', local: 'update_manifest_local' },
  /** Production: the exporter as a Service next to Prometheus (the platform team installs it with Prometheus). */
  productionExporter: `prometheus-blackbox-exporter.${monitoringConfig.production.monitoringNamespace}.svc:9115`,
  productionBaseUrl: `https://${platform.updatesDomain}/`,
  /** The exporter's default port, used by `npm start`; tests pick a free one. */
  localExporterPort: 9115,
  /** A manifest body carries a `version: <semver>` line; an error page or an empty object does not. */
  bodyPattern: '(?m)^version: \\S+',
  timeout: '10s',
} as const;

/** Probe metrics the blackbox exporter exposes (see its prober/http.go). */
export const probeMetrics = {
  success: 'probe_success',
  duration: 'probe_duration_seconds',
  statusCode: 'probe_http_status_code',
  certificateExpiry: 'probe_ssl_earliest_cert_expiry',
} as const;

/** The live manifests of the `latest` channel, one per desktop platform. */
export function probedManifests(): string[] {
  return (Object.keys(manifestSuffix) as DesktopPlatform[]).map((p) => manifestName('latest', p));
}

export function probedUrls(baseUrl: string): string[] {
  return probedManifests().map((name) => new URL(name, baseUrl).href);
}

/** blackbox-exporter.yml: what counts as a healthy manifest answer. */
export function blackboxExporterConfig() {
  const http = (tls: boolean) => ({
    prober: 'http',
    timeout: updateProbe.timeout,
    http: {
      method: 'GET',
      valid_status_codes: [200],
      // A redirect to an error page is not a manifest.
      follow_redirects: false,
      fail_if_not_ssl: tls,
      fail_if_body_not_matches_regexp: [updateProbe.bodyPattern],
      preferred_ip_protocol: 'ip4',
      ip_protocol_fallback: true,
      // Mirrors electron-updater's cache buster, so a probe is never answered from a stale edge copy.
      headers: { 'Cache-Control': 'no-cache' },
    },
  });
  return {
    modules: {
      [updateProbe.modules.production]: http(true),
      [updateProbe.modules.local]: http(false),
    },
  };
}

/** The scrape job that asks the exporter at `exporter` to probe each manifest under `baseUrl`. */
export function updateProbeScrapeJob(exporter: string, baseUrl: string, module: string) {
  return {
    job_name: updateProbe.job,
    metrics_path: '/probe',
    params: { module: [module] },
    static_configs: [{ targets: probedUrls(baseUrl) }],
    relabel_configs: [
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { target_label: '__address__', replacement: exporter },
    ],
  };
}
