import { REQUEST_ID_MAX_LENGTH, resolveRequestId } from './request-id';

const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('resolveRequestId', () => {
  it.each(['abc', 'trace-1.2:3_4', '01J9ZQ3V7K8M4N5P6Q7R8S9T0V', 'a'.repeat(REQUEST_ID_MAX_LENGTH)])('keeps a safe id %s', (id) => {
    expect(resolveRequestId(id)).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too long', 'a'.repeat(REQUEST_ID_MAX_LENGTH + 1)],
    ['with spaces', 'a b'],
    ['with a newline (log injection)', 'abc\n{"level":"fatal"}'],
    ['with quotes', 'a"b'],
    ['repeated header', ['a', 'b']],
  ])('replaces a %s id with a new ULID', (_case, incoming) => {
    expect(resolveRequestId(incoming as string | string[] | undefined)).toMatch(ulid);
  });
});
