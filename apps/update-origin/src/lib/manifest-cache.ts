import { GetObjectCommand, GetObjectCommandOutput, S3ServiceException } from '@aws-sdk/client-s3';
import { isMissingObject } from '@factsway/update-path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OriginBucket, StoredObject } from './bucket-object';
import { storedBytesMatch } from './stored-bytes-match';

/**
 * Waits before reading again a manifest whose bytes did not match its ETag or whose body broke
 * off: s3rver rewrites a file in place and its ETag only afterwards, so a read can fall inside
 * a write. About 0.6 s in all, then the read fails (502 or the secondary bucket).
 */
const retryDelaysMs = [10, 20, 40, 80, 160, 320];

/** A manifest held in memory with the bucket's validators. */
export interface CachedManifest extends StoredObject {
  body: Buffer;
}

interface Entry {
  /** undefined: the bucket has no such key (also remembered, for latest-mac.yml and the like). */
  manifest: CachedManifest | undefined;
  /** When the read that confirmed it started. */
  validatedAt: number;
}

export interface ManifestCacheOptions {
  /**
   * How long an entry is served without asking the bucket again; 0 asks on every request
   * (requests that arrive while a read is under way share it).
   */
  revalidateMs: number;
  /** Most keys held; the least recently validated is dropped first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Manifests (latest*.yml) of one bucket, kept in memory by key with the bucket's ETag, and
 * revalidated with a conditional GET (If-None-Match) at most every `revalidateMs`. Concurrent
 * requests for an entry that is due share one bucket read. A failed read drops the entry and
 * fails the request: a manifest is never served more than `revalidateMs` after the bucket
 * last confirmed it (docs/adr/038, origin-cache).
 */
export class ManifestCache {
  private readonly entries = new Map<string, Entry>();
  private readonly reads = new Map<string, Promise<CachedManifest | undefined>>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly origin: OriginBucket,
    private readonly options: ManifestCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The manifest as the bucket held it at most `revalidateMs` ago, or undefined for no such key. */
  read(key: string): Promise<CachedManifest | undefined> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.validatedAt < this.options.revalidateMs) return Promise.resolve(entry.manifest);
    let pending = this.reads.get(key);
    if (!pending) {
      pending = this.revalidate(key, entry?.manifest).finally(() => this.reads.delete(key));
      this.reads.set(key, pending);
    }
    return pending;
  }

  private async revalidate(key: string, known: CachedManifest | undefined): Promise<CachedManifest | undefined> {
    const startedAt = this.now();
    try {
      const manifest = await this.fetch(key, known);
      this.remember(key, { manifest, validatedAt: startedAt });
      return manifest;
    } catch (error) {
      this.entries.delete(key);
      throw error;
    }
  }

  private async fetch(key: string, known: CachedManifest | undefined): Promise<CachedManifest | undefined> {
    let cause: unknown;
    for (const delayMs of [0, ...retryDelaysMs]) {
      if (delayMs > 0) await sleep(delayMs);
      let output: GetObjectCommandOutput;
      try {
        output = await this.origin.s3.send(new GetObjectCommand({ Bucket: this.origin.bucket, Key: key, IfNoneMatch: known?.etag }));
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        if (known && error instanceof S3ServiceException && error.$metadata.httpStatusCode === 304) return known;
        throw error;
      }
      try {
        const body = Buffer.from(await output.Body!.transformToByteArray());
        if (storedBytesMatch(body, output)) return { body, size: body.length, etag: output.ETag!, lastModified: output.LastModified };
        cause = new Error('its bytes did not match its ETag');
      } catch (error) {
        // s3rver cuts the body short when the file shrinks under a read.
        cause = error;
      }
    }
    throw new Error(`/${key} kept changing while being read`, { cause });
  }

  private remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
