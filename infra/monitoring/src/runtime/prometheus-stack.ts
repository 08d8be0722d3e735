import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localAlertmanagerConfig } from '../alertmanager/alertmanager-config';
import { monitoringFilePath, monitoringFiles, ruleFiles, toYaml } from '../monitoring-files';
import { LocalTargets, localPrometheusConfig } from '../prometheus/local-config';
import { MonitoredServices } from '../service-selectors';
import { ManagedProcess, startManagedProcess } from './managed-process';
import { findBinary } from './find-binary';

/** Starts Alertmanager with the local routing tree on 127.0.0.1:`port`; receivers post to `webhookUrl` if given. */
export async function startAlertmanager(options: {
  port: number;
  workDir: string;
  webhookUrl?: string;
  logFile?: string;
}): Promise<ManagedProcess> {
  const dir = join(options.workDir, 'alertmanager');
  mkdirSync(join(dir, 'data'), { recursive: true });
  const configFile = join(dir, monitoringFiles.alertmanagerLocal);
  writeFileSync(configFile, toYaml(localAlertmanagerConfig(options.webhookUrl)));
  const url = `http://127.0.0.1:${options.port}`;
  return startManagedProcess({
    name: 'alertmanager',
    command: findBinary('prometheus-alertmanager', 'alertmanager'),
    args: [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      // Empty: no gossip listener on 0.0.0.0:9094 for a single local instance.
      '--cluster.listen-address=',
    ],
    url,
    readyUrl: `${url}/-/ready`,
    logFile: options.logFile,
  });
}

/**
 * Starts Prometheus with the local scrape configuration and the committed rule files
 * (copied next to the config, exactly as production loads them) on 127.0.0.1:`port`.
 */
export async function startPrometheus(options: {
  port: number;
  workDir: string;
  /** The services the committed rule files were generated for, with where each one listens. */
  services: MonitoredServices;
  targets: LocalTargets;
  logFile?: string;
}): Promise<ManagedProcess> {
  const dir = join(options.workDir, 'prometheus');
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const file of ruleFiles) copyFileSync(monitoringFilePath(file), join(dir, file));
  const configFile = join(dir, monitoringFiles.prometheusLocal);
  writeFileSync(configFile, toYaml(localPrometheusConfig(ruleFiles, options.services, options.targets)));
  const url = `http://127.0.0.1:${options.port}`;
  return startManagedProcess({
    name: 'prometheus',
    command: findBinary('prometheus'),
    args: [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      '--storage.tsdb.retention.time=1d',
    ],
    url,
    readyUrl: `${url}/-/ready`,
    logFile: options.logFile,
  });
}
