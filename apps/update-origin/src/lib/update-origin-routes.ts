import type { Router } from 'express';
import { answerBucketFailure } from './answer-bucket-failure';
import { serveUpdateObjects, type UpdateObjectSource } from './serve-update-objects';

/** Every path that is not /health, /ready or /metrics names an object in the bucket. */
export function registerUpdateOriginRoutes(router: Router, source: UpdateObjectSource): void {
  router.use(serveUpdateObjects(source));
  router.use(answerBucketFailure(source.metrics, source.logger));
}
