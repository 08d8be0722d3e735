import type { Breadcrumb, Event } from '@sentry/node';

export const FILTERED = '[Filtered]';

/** Headers that carry credentials whatever their value looks like. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** Any key containing one of these (case-insensitive) holds a secret, at any depth. */
const SENSITIVE_KEY = /passw(or)?d|pwd|secret|token|api[-_]?key|authori[sz]ation|session|cookie|credential|private[-_]?key/i;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_HEADERS.has(key.toLowerCase()) || SENSITIVE_KEY.test(key);
}

const MAX_DEPTH = 20;

/** A deep copy of `value` with every sensitive key's value replaced, and URLs/query strings inside strings scrubbed. */
export function scrubValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH || seen.has(value)) return FILTERED;
  seen.add(value);
  if (Array.isArray(value)) {
    // [name, value] pairs, as Sentry stores headers or query strings sometimes.
    if (value.length === 2 && typeof value[0] === 'string' && isSensitiveKey(value[0])) return [value[0], FILTERED];
    return value.map((item) => scrubValue(item, depth + 1, seen));
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = isSensitiveKey(key) ? FILTERED : scrubValue(item, depth + 1, seen);
  }
  return result;
}

/**
 * Secrets inside free text: `https://x/y?token=abc&page=2` -> `https://x/y?token=[Filtered]&page=2`,
 * bare query strings and log-style pairs (`a=1&password=x`, `login with password=x`), credentials
 * in URLs (`postgres://user:pw@host`) and JSON-looking pairs (`"password": "x"`), even in text
 * that does not parse.
 */
export function scrubText(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi, `$1${FILTERED}$3`)
    .replace(/([?&;\s]|^)([^=&?#\s;]+)=([^&#\s;]*)/g, (match, separator: string, key: string) =>
      isSensitiveKey(decodeSafely(key)) ? `${separator}${key}=${FILTERED}` : match,
    )
    .replace(/("([^"]*)"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (match, prefix: string, key: string) =>
      isSensitiveKey(key) ? `${prefix}"${FILTERED}"` : match,
    );
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `beforeSend`: nothing that could hold a credential leaves the process. */
export function scrubEvent<T extends Event>(event: T): T {
  const scrubbed = { ...event };
  if (event.request) {
    const request = { ...event.request };
    if (request.headers) request.headers = scrubValue(request.headers) as Record<string, string>;
    if (request.cookies) request.cookies = Object.fromEntries(Object.keys(request.cookies).map((k) => [k, FILTERED]));
    if (request.data !== undefined) request.data = scrubBody(request.data);
    if (request.query_string !== undefined) request.query_string = scrubValue(request.query_string) as typeof request.query_string;
    if (request.url) request.url = scrubText(request.url);
    if (request.env) request.env = scrubValue(request.env) as Record<string, string>;
    scrubbed.request = request;
  }
  if (event.extra) scrubbed.extra = scrubValue(event.extra) as Event['extra'];
  if (event.contexts) scrubbed.contexts = scrubValue(event.contexts) as Event['contexts'];
  if (event.tags) scrubbed.tags = scrubValue(event.tags) as Event['tags'];
  if (event.user) scrubbed.user = scrubValue(event.user) as Event['user'];
  if (event.breadcrumbs) scrubbed.breadcrumbs = event.breadcrumbs.map(scrubBreadcrumb);
  if (event.message) scrubbed.message = scrubText(event.message);
  return scrubbed;
}

/** `beforeBreadcrumb`: same rules for breadcrumb data (HTTP breadcrumbs carry URLs). */
export function scrubBreadcrumb(breadcrumb: Breadcrumb): Breadcrumb {
  return {
    ...breadcrumb,
    ...(breadcrumb.message ? { message: scrubText(breadcrumb.message) } : {}),
    ...(breadcrumb.data ? { data: scrubValue(breadcrumb.data) as Breadcrumb['data'] } : {}),
  };
}

/** Request bodies arrive as objects or as raw JSON / form-encoded strings. */
function scrubBody(data: unknown): unknown {
  if (typeof data !== 'string') return scrubValue(data);
  const trimmed = data.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(scrubValue(JSON.parse(trimmed)));
    } catch {
      // Not JSON after all: the free-text rules still catch quoted and key=value secrets.
    }
  }
  return scrubText(data);
}
