import { newId, ULID_PATTERN } from './new-id';

describe('newId', () => {
  it('makes unique ULIDs that sort in creation order', () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(ULID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('encodes the current time in the first 10 characters', () => {
    const before = Date.now();
    const id = newId();
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const time = [...id.slice(0, 10)].reduce((acc, char) => acc * 32 + alphabet.indexOf(char), 0);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});
