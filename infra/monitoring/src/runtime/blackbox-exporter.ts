import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitoringFiles, toYaml } from '../monitoring-files';
import { blackboxExporterConfig } from '../probes/update-manifest-probes';
import { lookupBinary } from './find-binary';
import { ManagedProcess, startManagedProcess } from './managed-process';

/** Debian's package installs `prometheus-blackbox-exporter`; upstream releases call it `blackbox_exporter`. */
export const blackboxExporterCommands = ['prometheus-blackbox-exporter', 'blackbox_exporter'] as const;

export function blackboxExporterInstalled(): boolean {
  return lookupBinary(...blackboxExporterCommands) !== undefined;
}

/** Starts the blackbox exporter with the committed probe modules on 127.0.0.1:`port`. */
export async function startBlackboxExporter(options: { port: number; workDir: string; logFile?: string }): Promise<ManagedProcess> {
  const dir = join(options.workDir, 'blackbox-exporter');
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, monitoringFiles.blackboxExporter);
  writeFileSync(configFile, toYaml(blackboxExporterConfig()));
  const url = `http://127.0.0.1:${options.port}`;
  return startManagedProcess({
    name: 'blackbox-exporter',
    command: lookupBinary(...blackboxExporterCommands)!,
    args: [`--config.file=${configFile}`, `--web.listen-address=127.0.0.1:${options.port}`],
    url,
    readyUrl: `${url}/-/healthy`,
    logFile: options.logFile,
  });
}
