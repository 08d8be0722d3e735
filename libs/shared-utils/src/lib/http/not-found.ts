import type { NextFunction, Request, Response } from 'express';
import { notFound } from '../errors/http-error';
import { markUnmatched } from './route-template';

/** The last route: anything no route answered is a 404 counted under route `unmatched`. */
export function unmatchedRoute(req: Request, _res: Response, next: NextFunction): void {
  markUnmatched(req);
  next(notFound(`No route for ${req.method} ${req.path}`));
}
