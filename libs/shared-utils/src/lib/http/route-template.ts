import type { Express, Request } from 'express';
import { UNMATCHED_ROUTE } from '../metrics/http-metrics';

const routeValue = Symbol('factsway.route');
const routeTemplate = Symbol('factsway.routeTemplate');

interface RouteTracking {
  [routeValue]?: { path: unknown };
  [routeTemplate]?: string;
}

/**
 * Records the matched route template (`/api/cases/:id`) on each request of `app`.
 *
 * Express sets `req.route` when a route matches, but restores `req.baseUrl` when an
 * error leaves a mounted router, so reading both at the end of the request can lose the
 * mount prefix. An accessor on the app's request prototype captures `baseUrl + route.path`
 * at the moment of matching instead, at no per-request cost when nothing matches.
 * Mount sub-routers at literal paths: a parameter in a mount path would appear raw.
 */
export function trackRouteTemplates(app: Express): void {
  Object.defineProperty(app.request, 'route', {
    configurable: true,
    get(this: RouteTracking) {
      return this[routeValue];
    },
    set(this: RouteTracking & Request, route: { path: unknown }) {
      this[routeValue] = route;
      const path = typeof route?.path === 'string' ? route.path : String(route?.path);
      this[routeTemplate] = (this.baseUrl || '') + path;
    },
  });
}

/** The template of the route that handled `req`, or `unmatched`. */
export function routeTemplateOf(req: Request): string {
  return (req as Request & RouteTracking)[routeTemplate] ?? UNMATCHED_ROUTE;
}

/** For the fall-through 404: a route may have matched the path and then passed the request on. */
export function markUnmatched(req: Request): void {
  (req as Request & RouteTracking)[routeTemplate] = UNMATCHED_ROUTE;
}

/**
 * Names the route of a request answered by middleware that serves a whole path space
 * (no Express route matches there), so its log line and metrics do not say `unmatched`.
 */
export function labelRoute(req: Request, label: string): void {
  (req as Request & RouteTracking)[routeTemplate] = label;
}
