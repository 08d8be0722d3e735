import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { cacheControlFor, contentTypeFor, digestStream, FileDigest, isMissingObject } from '@factsway/update-path';

export interface StoredObject {
  size: number;
  etag?: string;
}

/**
 * The update bucket through the S3 API, with the metadata every object must carry
 * (Content-Type, Cache-Control, its sha512). Works the same against AWS and s3rver.
 */
export class UpdateBucket {
  constructor(
    readonly client: S3Client,
    readonly name: string,
  ) {}

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const result = await this.client.send(new HeadObjectCommand({ Bucket: this.name, Key: key }));
      return { size: result.ContentLength ?? 0, etag: result.ETag };
    } catch (error) {
      if (isMissingObject(error)) return undefined;
      throw error;
    }
  }

  /** Hashes what S3 actually stores, by reading it back. */
  async digest(key: string): Promise<FileDigest | undefined> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.name, Key: key }));
      return await digestStream(result.Body as Readable);
    } catch (error) {
      if (isMissingObject(error)) return undefined;
      throw error;
    }
  }

  async readText(key: string): Promise<string | undefined> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.name, Key: key }));
      return await result.Body!.transformToString('utf8');
    } catch (error) {
      if (isMissingObject(error)) return undefined;
      throw error;
    }
  }

  async putFile(key: string, path: string, digest: FileDigest): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.name,
        Key: key,
        Body: createReadStream(path),
        ContentLength: digest.size,
        ContentType: contentTypeFor(key),
        CacheControl: cacheControlFor(key),
        Metadata: { sha512: digest.sha512 },
      }),
    );
  }

  async putText(key: string, text: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.name,
        Key: key,
        Body: text,
        ContentType: contentTypeFor(key),
        CacheControl: cacheControlFor(key),
      }),
    );
  }

  async listKeys(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.name, Prefix: prefix, Delimiter: '/', ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }
}
