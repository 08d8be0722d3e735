import { queryOperation } from './create-pool';

describe('queryOperation', () => {
  it.each([
    ['select 1', 'select'],
    ['  INSERT INTO cases', 'insert'],
    [{ text: 'update drafts set x = 1' }, 'update'],
    ['WITH x AS (select 1) select * from x', 'with'],
    ['vacuum', 'other'],
    ["select '; drop table'", 'select'],
    [undefined, 'other'],
  ])('labels %j as %s', (query, operation) => {
    expect(queryOperation(query)).toBe(operation);
  });
});
