import { splitSentences } from './sentence-splitter';

function texts(input: string): string[] {
  return splitSentences(input).map((s) => s.text);
}

describe('splitSentences', () => {
  it('returns offsets such that text.slice(start, end) is the sentence', () => {
    const input = '  The court agreed.  The jury did not!\nWhy?  ';
    const sentences = splitSentences(input);
    expect(sentences.map((s) => s.text)).toEqual(['The court agreed.', 'The jury did not!', 'Why?']);
    for (const s of sentences) expect(input.slice(s.start, s.end)).toBe(s.text);
    expect(sentences[0]).toEqual({ text: 'The court agreed.', start: 2, end: 19 });
  });

  it('does not split after case names, reporters, courts or corporate suffixes', () => {
    expect(
      texts(
        'Roe v. Wade, 410 U.S. 113 (1973), held otherwise. The Court in Acme Inc. v. Smith Corp., ' +
          '123 F.3d 456 (9th Cir. 1997), disagreed. See Brown v. Bd. of Educ., 347 U.S. 483 (1954).',
      ),
    ).toEqual([
      'Roe v. Wade, 410 U.S. 113 (1973), held otherwise.',
      'The Court in Acme Inc. v. Smith Corp., 123 F.3d 456 (9th Cir. 1997), disagreed.',
      'See Brown v. Bd. of Educ., 347 U.S. 483 (1954).',
    ]);
  });

  it('does not split after titles, initials, "No.", dotted acronyms or decimals', () => {
    expect(
      texts(
        'Dr. J. R. Smith testified that the rate was 3.5 percent. Mr. Jones, No. 12-345, agreed. ' +
          'See, e.g., Fed. R. Civ. P. 56. The U.S. Attorney paid $3.50. Next.',
      ),
    ).toEqual([
      'Dr. J. R. Smith testified that the rate was 3.5 percent.',
      'Mr. Jones, No. 12-345, agreed.',
      'See, e.g., Fed. R. Civ. P. 56.',
      'The U.S. Attorney paid $3.50.',
      'Next.',
    ]);
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(texts('He said, "Stop." Then he left. (This was noted.) [Sic.] Done')).toEqual([
      'He said, "Stop."',
      'Then he left.',
      '(This was noted.)',
      '[Sic.]',
      'Done',
    ]);
  });

  it('does not split when the next word starts in lower case', () => {
    expect(texts('The firm, Smith et al. filed first. Id. at 5 says so, etc. and more.')).toEqual([
      'The firm, Smith et al. filed first.',
      'Id. at 5 says so, etc. and more.',
    ]);
  });

  it('ends a sentence at a blank line even without punctuation', () => {
    const input = 'STATEMENT OF FACTS\n\nThe contract was signed on Jan. 5, 2020.\r\n\r\nIt was breached';
    const sentences = splitSentences(input);
    expect(sentences.map((s) => s.text)).toEqual([
      'STATEMENT OF FACTS',
      'The contract was signed on Jan. 5, 2020.',
      'It was breached',
    ]);
    for (const s of sentences) expect(input.slice(s.start, s.end)).toBe(s.text);
  });

  it('handles empty and whitespace-only text and non-ASCII text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n\t ')).toEqual([]);
    const input = 'Café Müller sued — twice. Ärger folgte.';
    expect(splitSentences(input).map((s) => input.slice(s.start, s.end))).toEqual([
      'Café Müller sued — twice.',
      'Ärger folgte.',
    ]);
  });
});
