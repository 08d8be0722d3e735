import { startLocalMonitoring } from '@factsway/monitoring';
import { platform } from '@factsway/service-catalog';
import { join } from 'node:path';
import { PlatformComponent } from '../platform-component';

/**
 * Prometheus (local scrape config, the production alerts.yml and recording rules) and
 * Alertmanager (the production routing tree), when the Debian packages are installed.
 * On the catalog's ports they take 9090 and 9093; on free ports (tests) free ones too.
 * `ALERT_WEBHOOK_URL` makes both Alertmanager receivers post there.
 */
export const monitoringComponent: PlatformComponent = {
  name: 'monitoring',
  async start(context) {
    const onCatalogPorts = context.ports.updateOrigin === platform.localPorts.updateOrigin;
    const webhookUrl = process.env['ALERT_WEBHOOK_URL'] || undefined;
    const monitoring = await startLocalMonitoring({
      workDir: join(context.dataDir, 'monitoring'),
      logsDir: context.logsDir,
      services: context.ports.services,
      updateOrigin: context.ports.updateOrigin,
      ports: onCatalogPorts ? 'catalog' : 'free',
      webhookUrl,
    });
    if (!monitoring.installed) {
      return {
        endpoints: [
          { name: 'prometheus', url: '-', status: monitoring.reason },
          { name: 'alertmanager', url: '-', status: monitoring.reason },
        ],
        pids: () => [],
        stop: async () => undefined,
      };
    }
    const { prometheus, alertmanager } = monitoring;
    return {
      endpoints: [
        { name: 'prometheus', url: prometheus.url, status: 'ready (infra/monitoring alerts.yml, recording-rules.yml; 1s scrapes)' },
        {
          name: 'alertmanager',
          url: alertmanager.url,
          status: webhookUrl ? `ready (notifications to ${webhookUrl})` : 'ready (alerts in its UI; set ALERT_WEBHOOK_URL to receive them)',
        },
      ],
      pids: () => [prometheus.pid, alertmanager.pid].filter((pid): pid is number => pid !== undefined),
      stop: monitoring.stop,
    };
  },
};
