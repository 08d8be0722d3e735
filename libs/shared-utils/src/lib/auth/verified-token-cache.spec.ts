import type { Caller } from './caller';
import { VerifiedTokenCache } from './verified-token-cache';

const caller = (tenant: string): Caller => ({ subject: `user@${tenant}`, tenant, scopes: ['api:read'], token: `t-${tenant}` });

describe('VerifiedTokenCache', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('keeps a verified caller for its time to live, then checks again', () => {
    const cache = new VerifiedTokenCache(60_000, 10, clock);
    cache.set('a', caller('firm-a'), now + 3_600_000);
    expect(cache.get('a')).toEqual(caller('firm-a'));
    now += 59_999;
    expect(cache.get('a')?.tenant).toBe('firm-a');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never keeps a token past its own expiry', () => {
    const cache = new VerifiedTokenCache(60_000, 10, clock);
    cache.set('short', caller('firm-a'), now + 5_000);
    now += 5_000;
    expect(cache.get('short')).toBeUndefined();
    cache.set('expired', caller('firm-a'), now - 1);
    expect(cache.get('expired')).toBeUndefined();
  });

  it('holds at most its size, dropping the oldest first', () => {
    const cache = new VerifiedTokenCache(60_000, 2, clock);
    cache.set('a', caller('firm-a'), now + 3_600_000);
    cache.set('b', caller('firm-b'), now + 3_600_000);
    cache.set('c', caller('firm-c'), now + 3_600_000);
    expect([cache.get('a'), cache.get('b')?.tenant, cache.get('c')?.tenant]).toEqual([undefined, 'firm-b', 'firm-c']);
  });

  it('keeps nothing with a time to live of 0', () => {
    const cache = new VerifiedTokenCache(0, 10, clock);
    cache.set('a', caller('firm-a'), now + 3_600_000);
    expect(cache.get('a')).toBeUndefined();
  });
});
