import { Readable } from 'node:stream';

/**
 * Passes on exactly `length` bytes of `source` and fails if it ends early. The response
 * has already announced Content-Length; sending more would corrupt a keep-alive
 * connection (s3rver, for one, answers `Range: bytes=0-0` with the whole object).
 */
export function exactLength(source: Readable, length: number): Readable {
  async function* limited(): AsyncGenerator<Buffer> {
    let remaining = length;
    for await (const chunk of source) {
      const bytes = chunk as Buffer;
      if (bytes.length >= remaining) {
        yield bytes.subarray(0, remaining);
        remaining = 0;
        break;
      }
      remaining -= bytes.length;
      yield bytes;
    }
    source.destroy();
    if (remaining > 0) throw new Error(`bucket sent ${length - remaining} of ${length} bytes`);
  }
  return Readable.from(limited(), { objectMode: false });
}
