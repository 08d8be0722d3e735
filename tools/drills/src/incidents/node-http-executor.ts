import { CancellationToken, configureRequestOptions, configureRequestUrl, DownloadOptions, HttpExecutor } from 'builder-util-runtime';
import { ClientRequest, request, RequestOptions } from 'node:http';

/**
 * electron-updater's HTTP layer without Electron: builder-util-runtime's HttpExecutor over
 * `http.request`, with the `download` ElectronHttpExecutor has, so the sha512 check of
 * builder-util-runtime's download pipeline runs unchanged. (apps/update-origin's specs
 * have the same class in their testing folder, which no alias exports.)
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

export const noCancel = (): CancellationToken => new CancellationToken();
