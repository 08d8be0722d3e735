const maxKeyBytes = 1024;
const maxSegmentBytes = 255;

export type ObjectKeyResult = { ok: true; key: string } | { ok: false; reason: string };

/**
 * Maps a raw request path to a bucket key, refusing anything that is not a plain
 * relative key: `.`/`..` segments (also percent-encoded), encoded slashes or
 * backslashes, empty segments, control characters. Node does not normalise
 * `GET /../x`, and s3rver maps keys onto its data folder, so this check is what keeps
 * a request inside the bucket.
 */
export function objectKeyFromPath(rawPath: string): ObjectKeyResult {
  if (!rawPath.startsWith('/') || rawPath === '/') return { ok: false, reason: 'no file named' };
  const segments = rawPath.slice(1).split('/');
  const decoded: string[] = [];
  for (const segment of segments) {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return { ok: false, reason: 'malformed percent-encoding' };
    }
    if (value === '') return { ok: false, reason: 'empty path segment' };
    if (value === '.' || value === '..') return { ok: false, reason: 'path traversal' };
    if (/[\\/\u0000-\u001f\u007f]/.test(value)) return { ok: false, reason: 'forbidden character in path' };
    // No installer name is this long, and s3rver (one file per key) cannot store it.
    if (Buffer.byteLength(value) > maxSegmentBytes) return { ok: false, reason: `path segment longer than ${maxSegmentBytes} bytes` };
    decoded.push(value);
  }
  const key = decoded.join('/');
  // S3's own limit; s3rver would otherwise fail on the file name and answer 500.
  if (Buffer.byteLength(key) > maxKeyBytes) return { ok: false, reason: `key longer than ${maxKeyBytes} bytes` };
  return { ok: true, key };
}
