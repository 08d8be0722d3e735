import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { CancellationToken, configureRequestOptions, configureRequestUrl, DownloadOptions, HttpExecutor } from 'builder-util-runtime';
import { ClientRequest, request, RequestOptions } from 'node:http';

/**
 * electron-updater's HTTP layer without Electron: builder-util-runtime's HttpExecutor
 * over `http.request`, with the same `download` ElectronHttpExecutor has (so the
 * sha512 check in builder-util-runtime's download pipeline runs unchanged).
 */
export class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error: Error | null) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

/**
 * electron-updater types the provider's executor as its ElectronHttpExecutor; at run time
 * it only calls the HttpExecutor methods this class has.
 */
export function asProviderExecutor(executor: NodeHttpExecutor): ElectronHttpExecutor {
  return executor as unknown as ElectronHttpExecutor;
}

export const noCancel = (): CancellationToken => new CancellationToken();
