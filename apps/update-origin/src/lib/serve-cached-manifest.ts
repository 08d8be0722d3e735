import type { Request, Response } from 'express';
import { announceBody } from './byte-range';
import type { ManifestCache } from './manifest-cache';
import { decideObjectAnswer, notFound } from './object-answer';
import type { BodyCounter } from './record-origin-request';

/** A manifest from memory (see ManifestCache): same headers, 304, ranges and 416 as a streamed file. */
export async function serveCachedManifest(manifests: ManifestCache, req: Request, res: Response, key: string, counter: BodyCounter): Promise<void> {
  const manifest = await manifests.read(key);
  if (!manifest) throw notFound(key);
  const answer = decideObjectAnswer(req, res, key, manifest);
  if (answer.kind === 'not-modified') {
    res.status(304).end();
    return;
  }
  const length = announceBody(res, manifest.size, answer.range);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  const start = answer.range?.start ?? 0;
  counter.add(length);
  res.end(manifest.body.subarray(start, start + length));
}
