import type { Event } from '@sentry/node';
import { FILTERED, isSensitiveKey, scrubBreadcrumb, scrubEvent, scrubText } from './scrub';

const SECRETS = ['hunter2', 'sk_live_abc', 'Bearer eyJhbGci', 'sess-42', 'tok-99', 'pw-in-url', 'cookie-val', 'k3y'];

function leaks(value: unknown): string[] {
  const text = JSON.stringify(value);
  return SECRETS.filter((secret) => text.includes(secret));
}

describe('isSensitiveKey', () => {
  it.each(['password', 'userPassword', 'PASSWD', 'client_secret', 'accessToken', 'api_key', 'apikey', 'X-API-KEY', 'Authorization', 'sessionId', 'cookie', 'set-cookie'])(
    'treats %s as sensitive',
    (key) => expect(isSensitiveKey(key)).toBe(true),
  );
  it.each(['caseNumber', 'title', 'passage', 'compass', 'draftId', 'content-type', 'user-agent'])('keeps %s', (key) =>
    expect(isSensitiveKey(key)).toBe(false),
  );
});

describe('scrubText', () => {
  it('filters sensitive query parameters and keeps the others', () => {
    expect(scrubText('https://api.factsway.com/api/cases?token=tok-99&page=2&api_key=k3y')).toBe(
      `https://api.factsway.com/api/cases?token=${FILTERED}&page=2&api_key=${FILTERED}`,
    );
  });
  it('filters credentials embedded in URLs and bare query strings', () => {
    expect(scrubText('postgres://factsway:pw-in-url@db:5432/factsway')).toBe(`postgres://factsway:${FILTERED}@db:5432/factsway`);
    expect(scrubText('password=hunter2&limit=5')).toBe(`password=${FILTERED}&limit=5`);
  });
  it('leaves ordinary text alone', () => {
    expect(scrubText('Roe v. Wade, 410 U.S. 113 (1973)')).toBe('Roe v. Wade, 410 U.S. 113 (1973)');
  });
});

describe('scrubEvent', () => {
  const leakyEvent: Event = {
    message: 'failed calling http://records/api?session=sess-42',
    request: {
      url: 'http://127.0.0.1:3001/api/drafts?token=tok-99&x=1',
      method: 'POST',
      headers: {
        authorization: 'Bearer eyJhbGci',
        Cookie: 'sid=cookie-val',
        'set-cookie': 'sid=cookie-val',
        'x-api-key': 'k3y',
        'content-type': 'application/json',
      },
      cookies: { sid: 'cookie-val' },
      query_string: 'token=tok-99&page=1',
      data: JSON.stringify({ user: 'ann', password: 'hunter2', nested: { deeper: [{ client_secret: 'sk_live_abc' }] } }),
    },
    extra: { config: { database: { password: 'hunter2' } }, note: 'see ?apikey=k3y' },
    contexts: { upstream: { headers: { Authorization: 'Bearer eyJhbGci' }, sessionToken: 'sess-42' } },
    breadcrumbs: [
      { category: 'http', data: { url: 'https://peer/x?access_token=tok-99', method: 'GET' } },
      { category: 'log', message: 'login with password=hunter2' },
    ],
    tags: { request_id: '01HZZZ', session: 'sess-42' },
    user: { id: 'u1', sessionKey: 'sess-42' },
  };

  it('sends none of the secrets, wherever they were', () => {
    const scrubbed = scrubEvent(leakyEvent);
    expect(leaks(scrubbed)).toEqual([]);
  });

  it('keeps what is needed to debug', () => {
    const scrubbed = scrubEvent(leakyEvent);
    expect(scrubbed.request?.method).toBe('POST');
    expect(scrubbed.request?.headers?.['content-type']).toBe('application/json');
    expect(scrubbed.request?.url).toBe(`http://127.0.0.1:3001/api/drafts?token=${FILTERED}&x=1`);
    expect(JSON.parse(scrubbed.request?.data as string)).toEqual({
      user: 'ann',
      password: FILTERED,
      nested: { deeper: [{ client_secret: FILTERED }] },
    });
    expect(scrubbed.tags?.['request_id']).toBe('01HZZZ');
    expect(scrubbed.user?.id).toBe('u1');
  });

  it('does not change the event it was given', () => {
    const copy = JSON.parse(JSON.stringify(leakyEvent));
    scrubEvent(leakyEvent);
    expect(leakyEvent).toEqual(copy);
  });

  it('scrubs object bodies, header pairs and bodies that are not valid JSON', () => {
    const scrubbed = scrubEvent({
      request: {
        data: { password: 'hunter2', list: [['authorization', 'Bearer eyJhbGci']] },
        query_string: [['token', 'tok-99']],
      },
      extra: { raw: '{"password": "hunter2", broken' },
    });
    expect(leaks(scrubbed)).toEqual([]);
  });

  it('survives cycles and very deep values', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic['self'] = cyclic;
    let deep: Record<string, unknown> = { password: 'hunter2' };
    for (let i = 0; i < 50; i += 1) deep = { next: deep };
    const scrubbed = scrubEvent({ extra: { cyclic, deep } });
    expect(leaks(scrubbed)).toEqual([]);
    expect((scrubbed.extra?.['cyclic'] as Record<string, unknown>)['self']).toBe(FILTERED);
  });
});

describe('scrubBreadcrumb', () => {
  it('filters URLs and data keys of breadcrumbs', () => {
    const crumb = scrubBreadcrumb({
      category: 'http',
      message: 'GET https://x/y?apikey=k3y',
      data: { url: 'https://x/y?token=tok-99', headers: { cookie: 'cookie-val' }, status_code: 200 },
    });
    expect(leaks(crumb)).toEqual([]);
    expect(crumb.data?.['status_code']).toBe(200);
  });
});
