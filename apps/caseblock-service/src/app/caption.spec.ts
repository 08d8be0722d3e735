import { caseDataSchema } from './case-data';
import { extractCaption } from './caption-extractor';
import { formatCaption } from './caption-formatter';
import { captionLayoutSchema, DEFAULT_CAPTION_LAYOUT } from './caption-layout';

const federal = caseDataSchema.parse({
  court: 'United States District Court',
  district: 'Northern District of California',
  plaintiffs: ['Jane Roe', 'Richard Roe'],
  defendants: ['Acme Widgets, Inc.'],
  caseNumber: '3:24-cv-01234-JSC',
  judge: 'Hon. Jacqueline S. Corley',
  documentTitle: "Plaintiffs' Motion to Compel Discovery",
});

describe('formatCaption', () => {
  it('lays out court, parties, case number and title', () => {
    const lines = formatCaption(federal, DEFAULT_CAPTION_LAYOUT);
    expect(lines[0].trim()).toBe('IN THE UNITED STATES DISTRICT COURT');
    expect(lines[1].trim()).toBe('NORTHERN DISTRICT OF CALIFORNIA');
    expect(lines).toContainEqual(expect.stringMatching(/^JANE ROE; +\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^ +Plaintiffs, +\)/));
    expect(lines).toContainEqual(expect.stringMatching(/\) +Case No\. 3:24-cv-01234-JSC$/));
    expect(lines[lines.length - 1].trim()).toBe("PLAINTIFFS' MOTION TO COMPEL DISCOVERY");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(DEFAULT_CAPTION_LAYOUT.width);
  });

  it('follows a template: Texas § column, Cause No., custom labels, wrapped long names', () => {
    const texas = captionLayoutSchema.parse({
      courtLines: ['IN THE {court} OF', '{county}'],
      separator: '§',
      caseNumberLabel: 'Cause No.',
      plaintiffLabel: 'Petitioner',
      defendantLabel: 'Respondent',
      width: 64,
    });
    const lines = formatCaption(
      {
        court: 'District Court',
        county: 'Travis County, Texas',
        plaintiffs: ['In the Interest of a Child With a Particularly Long Descriptive Name'],
        defendants: ['State of Texas'],
        caseNumber: 'D-1-GN-24-001234',
        documentTitle: 'Original Petition',
      },
      texas,
    );
    expect(lines.slice(0, 2).map((line) => line.trim())).toEqual(['IN THE DISTRICT COURT OF', 'TRAVIS COUNTY, TEXAS']);
    expect(lines.filter((line) => line.includes(' § ') || line.endsWith(' §')).length).toBeGreaterThan(5);
    expect(lines.join('\n')).toContain('Cause No. D-1-GN-24-001234');
    expect(lines.join('\n')).toMatch(/Petitioner,/);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(64);
  });
});

describe('extractCaption', () => {
  it('reads back everything formatCaption wrote, for every separator', () => {
    for (const separator of ['§', ')', ':', '|', ''] as const) {
      const layout = { ...DEFAULT_CAPTION_LAYOUT, separator };
      const extracted = extractCaption(formatCaption(federal, layout).join('\n'));
      expect(extracted).toEqual({
        court: 'UNITED STATES DISTRICT COURT',
        district: 'NORTHERN DISTRICT OF CALIFORNIA',
        county: null,
        caseNumber: '3:24-cv-01234-JSC',
        judge: 'Hon. Jacqueline S. Corley',
        plaintiffs: ['JANE ROE', 'RICHARD ROE'],
        defendants: ['ACME WIDGETS, INC.'],
        documentTitle: "PLAINTIFFS' MOTION TO COMPEL DISCOVERY",
      });
    }
  });

  it('reads a caption with one party a side, where the case number sits beside an empty party row', () => {
    const single = { ...federal, plaintiffs: ['Jane Roe'], defendants: ['Acme'] };
    expect(extractCaption(formatCaption(single, DEFAULT_CAPTION_LAYOUT).join('\n'))).toMatchObject({
      plaintiffs: ['JANE ROE'],
      defendants: ['ACME'],
      caseNumber: '3:24-cv-01234-JSC',
      judge: 'Hon. Jacqueline S. Corley',
    });
  });

  it('joins a wrapped party name', () => {
    const long = { ...federal, plaintiffs: ['The Estate of Jonathan Alexander Worthington-Smythe the Third'] };
    expect(extractCaption(formatCaption(long, DEFAULT_CAPTION_LAYOUT).join('\n')).plaintiffs).toEqual([
      'THE ESTATE OF JONATHAN ALEXANDER WORTHINGTON-SMYTHE THE THIRD',
    ]);
  });

  it('reads a one-line court and inline party roles as pasted from a pleading', () => {
    const text = [
      'IN THE UNITED STATES DISTRICT COURT FOR THE DISTRICT OF DELAWARE',
      '',
      'SMITH & WESSON BRANDS, INC., Plaintiff,',
      'v.',
      'JOHN DOE, Defendant.',
      '',
      'Civil Action No. 1:23-cv-00456',
      '',
      'COMPLAINT',
    ].join('\n');
    expect(extractCaption(text)).toMatchObject({
      court: 'UNITED STATES DISTRICT COURT',
      district: 'DISTRICT OF DELAWARE',
      caseNumber: '1:23-cv-00456',
      plaintiffs: ['SMITH & WESSON BRANDS, INC.'],
      defendants: ['JOHN DOE'],
    });
  });

  it('returns nulls and empty lists for text that is not a caption', () => {
    expect(extractCaption('The quick brown fox jumps over the lazy dog.')).toEqual({
      court: null,
      district: null,
      county: null,
      caseNumber: null,
      judge: null,
      plaintiffs: [],
      defendants: [],
      documentTitle: null,
    });
  });
});
