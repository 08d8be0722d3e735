import { fileExtension } from './file-extension';

const contentTypes: Readonly<Record<string, string>> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.exe': 'application/x-msdownload',
  '.zip': 'application/zip',
  '.dmg': 'application/x-apple-diskimage',
  '.deb': 'application/vnd.debian.binary-package',
  '.rpm': 'application/x-rpm',
  // A blockmap is gzip-compressed JSON that electron-updater gunzips itself: it must
  // never be sent with Content-Encoding: gzip, so it is served as opaque bytes.
  '.blockmap': 'application/octet-stream',
};

/** The Content-Type an object at `path` is stored and served with. */
export function contentTypeFor(path: string): string {
  return contentTypes[fileExtension(path)] ?? 'application/octet-stream';
}
