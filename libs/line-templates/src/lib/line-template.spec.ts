import { placeholdersIn, renderLines, templateLinesSchema } from './line-template';

describe('line templates', () => {
  it('lists the placeholders of a line in order', () => {
    expect(placeholdersIn('{firm}, {city} {zip}')).toEqual(['firm', 'city', 'zip']);
    expect(placeholdersIn('Respectfully submitted,')).toEqual([]);
  });

  it('fills placeholders and drops lines whose placeholders are all empty', () => {
    const lines = ['Respectfully submitted,', '', '{name}', 'Telephone: {phone}', 'Email: {email}', '{city}, {state}'];
    expect(renderLines(lines, { name: 'Jane Roe', phone: '', email: undefined, city: 'Austin', state: null })).toEqual([
      'Respectfully submitted,',
      '',
      'Jane Roe',
      'Austin, ',
    ]);
  });

  it('accepts template lines that use allowed placeholders only', () => {
    const schema = templateLinesSchema(['name', 'phone']);
    expect(schema.parse(['{name}', 'Tel. {phone}'])).toEqual(['{name}', 'Tel. {phone}']);
    const result = schema.safeParse(['{name}', '{fax}']);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain('unknown placeholder {fax}');
    expect(result.error?.issues[0].path).toEqual([1]);
  });

  it('rejects empty templates and lines with line breaks', () => {
    const schema = templateLinesSchema(['name']);
    expect(schema.safeParse([]).success).toBe(false);
    expect(schema.safeParse(['a\nb']).success).toBe(false);
  });
});
