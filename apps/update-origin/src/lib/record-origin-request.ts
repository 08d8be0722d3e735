import type { UpdatePathKind } from '@factsway/update-path';
import type { Response } from 'express';
import type { OriginMetrics } from './origin-metrics';

export interface BodyCounter {
  /** Adds bytes actually written to the client. */
  add(bytes: number): void;
}

/** Counts the request by path kind and status, its duration and body bytes, once the response is complete. */
export function recordOriginRequest(res: Response, kind: UpdatePathKind, metrics: OriginMetrics): BodyCounter {
  const started = process.hrtime.bigint();
  let bodyBytes = 0;
  res.once('finish', () => {
    metrics.requests.inc({ kind, status: String(res.statusCode) });
    metrics.duration.observe({ kind }, Number(process.hrtime.bigint() - started) / 1e9);
    metrics.bytes.inc({ kind }, bodyBytes);
  });
  return {
    add(bytes) {
      bodyBytes += bytes;
    },
  };
}
