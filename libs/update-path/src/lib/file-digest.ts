import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export interface FileDigest {
  /** base64 of the SHA-512 digest, as electron-builder writes it and electron-updater checks it. */
  sha512: string;
  size: number;
}

export async function digestStream(stream: Readable | AsyncIterable<Uint8Array>): Promise<FileDigest> {
  const hash = createHash('sha512');
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha512: hash.digest('base64'), size };
}

export function digestFile(path: string): Promise<FileDigest> {
  return digestStream(createReadStream(path));
}

export function digestBytes(bytes: Uint8Array): FileDigest {
  return { sha512: createHash('sha512').update(bytes).digest('base64'), size: bytes.length };
}
