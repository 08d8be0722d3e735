import { freePort } from '@factsway/dev-support';
import { platform, services as catalog } from '@factsway/service-catalog';
import { join } from 'node:path';
import { LocalTargets } from '../prometheus/local-config';
import { lookupBinary } from './find-binary';
import { ManagedProcess } from './managed-process';
import { startAlertmanager, startPrometheus } from './prometheus-stack';
import { blackboxExporterInstalled, startBlackboxExporter } from './blackbox-exporter';
import { updateProbe } from '../probes/update-manifest-probes';

export interface LocalMonitoringOptions {
  /** Prometheus' TSDB and Alertmanager's state go under `<workDir>/prometheus|alertmanager`. */
  workDir: string;
  logsDir: string;
  /** What to scrape: the platform's service ports and update origin. */
  services: Record<string, number>;
  updateOrigin: number;
  /** `catalog`: 9090 and 9093 (`platform.localPorts`), as for `npm start`; `free`: any free ports, for tests. */
  ports: 'catalog' | 'free';
  /** Both Alertmanager receivers post here when set (e.g. a local chat bridge, or a test's server). */
  webhookUrl?: string;
}

export type LocalMonitoring =
  | { installed: false; reason: string }
  | {
      installed: true;
      prometheus: ManagedProcess;
      alertmanager: ManagedProcess;
      /** Probing the update origin's manifests; absent when the exporter is not installed. */
      blackboxExporter?: ManagedProcess;
      stop(): Promise<void>;
    };

/**
 * Alertmanager, then Prometheus with the local scrape config and the production rule files.
 * When the Debian packages are missing it starts nothing and says how to install them.
 */
export async function startLocalMonitoring(options: LocalMonitoringOptions): Promise<LocalMonitoring> {
  if (!lookupBinary('prometheus') || !lookupBinary('prometheus-alertmanager', 'alertmanager')) {
    return { installed: false, reason: 'not installed (apt-get install -y prometheus prometheus-alertmanager)' };
  }
  // Prometheus and Alertmanager do not report the port they bound for `:0`, so they are given one picked beforehand.
  const prometheusPort = options.ports === 'catalog' ? platform.localPorts.prometheus : await freePort();
  const alertmanagerPort = options.ports === 'catalog' ? platform.localPorts.alertmanager : await freePort();
  const at = (port: number) => `127.0.0.1:${port}`;
  const alertmanager = await startAlertmanager({
    port: alertmanagerPort,
    workDir: options.workDir,
    webhookUrl: options.webhookUrl,
    logFile: join(options.logsDir, 'alertmanager.log'),
  });
  let blackboxExporter: ManagedProcess | undefined;
  try {
    if (blackboxExporterInstalled()) {
      blackboxExporter = await startBlackboxExporter({
        port: options.ports === 'catalog' ? updateProbe.localExporterPort : await freePort(),
        workDir: options.workDir,
        logFile: join(options.logsDir, 'blackbox-exporter.log'),
      });
    }
  } catch (error) {
    await alertmanager.stop();
    throw error;
  }
  const targets: LocalTargets = {
    services: Object.fromEntries(Object.entries(options.services).map(([name, port]) => [name, at(port)])),
    updateOrigin: at(options.updateOrigin),
    blackboxExporter: blackboxExporter && new URL(blackboxExporter.url).host,
    alertmanager: at(alertmanagerPort),
    prometheus: at(prometheusPort),
  };
  let prometheus: ManagedProcess;
  try {
    prometheus = await startPrometheus({
      port: prometheusPort,
      workDir: options.workDir,
      // The committed rule files cover the whole catalog, so the local Prometheus scrapes all of it.
      services: catalog,
      targets,
      logFile: join(options.logsDir, 'prometheus.log'),
    });
  } catch (error) {
    await blackboxExporter?.stop();
    await alertmanager.stop();
    throw error;
  }
  return {
    installed: true,
    prometheus,
    alertmanager,
    blackboxExporter,
    stop: async () => {
      await prometheus.stop();
      await blackboxExporter?.stop();
      await alertmanager.stop();
    },
  };
}
