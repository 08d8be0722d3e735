import { documentSchema } from './document-schema';

const A = '01JDQ4V2X3Y4Z5A6B7C8D9E0F1';
const B = '01JDQ4V2X3Y4Z5A6B7C8D9E0F2';
const C = '01JDQ4V2X3Y4Z5A6B7C8D9E0F3';

const valid = {
  title: 'Motion to Dismiss',
  sections: [
    { id: A, heading: null, paragraphs: [{ id: B, text: 'COMES NOW the Defendant.' }] },
    { id: C, heading: { text: 'Argument', level: 1 }, paragraphs: [] },
  ],
};

function issues(input: unknown): string[] {
  const result = documentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('documentSchema', () => {
  it('accepts a document with a heading-less first section and headed sections', () => {
    expect(documentSchema.parse(valid)).toEqual(valid);
  });

  it('reads \\r\\n in paragraph text as \\n and keeps tabs', () => {
    const parsed = documentSchema.parse({
      ...valid,
      sections: [{ id: A, heading: null, paragraphs: [{ id: B, text: 'line one\r\nline\ttwo' }] }],
    });
    expect(parsed.sections[0].paragraphs[0].text).toBe('line one\nline\ttwo');
  });

  it.each([
    ['missing title', { sections: [] }, 'title'],
    ['multi-line title', { ...valid, title: 'a\nb' }, 'title: must be one line'],
    ['id that is not a ULID', { ...valid, sections: [{ ...valid.sections[1], id: 'abc' }] }, 'sections.0.id: must be a ULID'],
    [
      'heading-less section after the first',
      { ...valid, sections: [valid.sections[1], { id: A, heading: null, paragraphs: [{ id: B, text: 'x' }] }] },
      'sections.1.heading: only the first section',
    ],
    ['heading-less empty section', { ...valid, sections: [{ id: A, heading: null, paragraphs: [] }] }, 'at least one paragraph'],
    ['heading level 7', { ...valid, sections: [{ id: C, heading: { text: 'x', level: 7 }, paragraphs: [] }] }, 'sections.0.heading.level'],
    ['blank paragraph', { ...valid, sections: [{ id: A, heading: null, paragraphs: [{ id: B, text: '  ' }] }] }, 'must contain visible text'],
    [
      'control character in text',
      { ...valid, sections: [{ id: A, heading: null, paragraphs: [{ id: B, text: 'bell\u0007' }] }] },
      'control characters',
    ],
    [
      'duplicate ids',
      { ...valid, sections: [{ id: A, heading: null, paragraphs: [{ id: A, text: 'x' }] }] },
      'sections.0.paragraphs.0.id: duplicate id',
    ],
    ['unknown field', { ...valid, author: 'me' }, 'author'],
  ])('rejects a %s', (_name, input, expected) => {
    expect(issues(input).join('\n')).toContain(expected);
  });
});
