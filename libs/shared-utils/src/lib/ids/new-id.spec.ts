import { newId, ULID_PATTERN } from './new-id';

describe('newId', () => {
  it('makes unique ULIDs that sort in creation order', () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    for (const id of ids) expect(id).toMatch(ULID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
