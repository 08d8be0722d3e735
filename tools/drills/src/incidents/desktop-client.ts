import { AppImageUpdater, UpdateCheckResult } from 'electron-updater';
import { AppAdapter } from 'electron-updater/out/AppAdapter';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeHttpExecutor, noCancel } from '@factsway/release/testing';

/**
 * One installed desktop app as far as updates go: electron-updater's own AppUpdater (the
 * Linux one) with a plain-Node app adapter instead of Electron's. `stagingId` is the
 * per-install id electron-updater keeps in `<userData>/.updaterId`; its last 32 bits decide
 * whether the install falls under a manifest's `stagingPercentage`.
 */
export class DesktopClient {
  readonly updater: AppImageUpdater;
  private readonly executor = new NodeHttpExecutor();

  constructor(
    readonly installedVersion: string,
    stagingId: string,
    feedUrl: string,
    private readonly directory: string,
  ) {
    const userDataPath = join(directory, 'user-data');
    mkdirSync(userDataPath, { recursive: true });
    writeFileSync(join(userDataPath, '.updaterId'), stagingId);
    const app: AppAdapter = {
      version: installedVersion,
      name: 'FACTSWAY',
      isPackaged: true,
      appUpdateConfigPath: join(directory, 'app-update.yml'),
      userDataPath,
      baseCachePath: join(directory, 'cache'),
      whenReady: () => Promise.resolve(),
      relaunch: () => undefined,
      quit: () => undefined,
      onQuit: () => undefined,
    };
    this.updater = new AppImageUpdater(undefined, app);
    this.updater.logger = null;
    this.updater.autoDownload = false;
    this.updater.forceDevUpdateConfig = true; // an AppImage is recognised by $APPIMAGE, which a test has not
    // The executor is Electron's net module in the app; this is the same HttpExecutor over node:http.
    (this.updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = this.executor;
    this.updater.setFeedURL({ provider: 'generic', url: feedUrl });
  }

  /** What the app would do on its periodic check: null when it stays on its version. */
  async check(): Promise<{ offered: string | null; latest: string }> {
    const result = (await this.updater.checkForUpdates()) as UpdateCheckResult;
    return { offered: result.isUpdateAvailable ? result.updateInfo.version : null, latest: result.updateInfo.version };
  }

  /** Downloads what the manifest offers through electron-updater's checked download (sha512). */
  async download(): Promise<string> {
    const provider = (await (this.updater as unknown as { clientPromise: Promise<GenericProvider> }).clientPromise) as GenericProvider;
    const info = await provider.getLatestVersion();
    const [file] = provider.resolveFiles(info);
    const destination = join(this.directory, `download-${info.version}`);
    await this.executor.download(file.url, destination, { sha512: file.info.sha512, cancellationToken: noCancel() });
    return info.version;
  }
}
