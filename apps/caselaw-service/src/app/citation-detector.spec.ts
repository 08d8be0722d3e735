import { detectCitations } from './citation-detector';
import { CaseCitation, EnactmentCitation } from './citation-types';

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0];
}

describe('detectCitations: cases', () => {
  it('finds a bare Supreme Court citation with its offsets', () => {
    const text = 'It was settled in 410 U.S. 113 (1973).';
    const citation = only(detectCitations(text)) as CaseCitation;
    expect(citation).toEqual({
      kind: 'case', form: 'full', text: '410 U.S. 113 (1973)', start: 18, end: 37,
      volume: 410, reporter: 'U.S.', page: 113, year: 1973,
    });
    expect(text.slice(citation.start, citation.end)).toBe(citation.text);
  });

  it('reads the case name, pin cite, court and year', () => {
    const text = 'See Roe v. Wade, 410 U.S. 113, 120 (1973); Acme Corp. v. Smith, 123 F.3d 456, 460-61 (9th Cir. 1997).';
    const [roe, acme] = detectCitations(text) as CaseCitation[];
    expect(roe).toMatchObject({ caseName: 'Roe v. Wade', volume: 410, reporter: 'U.S.', page: 113, pinCite: '120', year: 1973 });
    expect(roe.court).toBeUndefined();
    expect(roe.text).toBe('Roe v. Wade, 410 U.S. 113, 120 (1973)');
    expect(acme).toMatchObject({ caseName: 'Acme Corp. v. Smith', volume: 123, reporter: 'F.3d', page: 456, pinCite: '460-61', court: '9th Cir.', year: 1997 });
    expect(text.slice(acme.start, acme.end)).toBe('Acme Corp. v. Smith, 123 F.3d 456, 460-61 (9th Cir. 1997)');
  });

  it('knows the common federal, regional and state reporters however they are spaced', () => {
    const text = [
      '5 S. Ct. 10 (1990)', '35 L. Ed. 2d 147 (1973)', '12 F. Supp. 2d 34 (S.D.N.Y. 1998)', '99 F.Supp.3d 1 (D. Mass. 2015)',
      '7 P.2d 8 (Cal. 1932)', '50 P.3d 60 (Or. 2002)', '1 So. 2d 2 (Fla. 1941)', "3 F. App'x 4 (2d Cir. 2001)",
      '8 N.E.2d 9 (N.Y. 1937)', '20 Cal. Rptr. 3d 30 (Ct. App. 2004)', '44 F.4th 55 (1st Cir. 2022)',
    ].join('; ');
    expect((detectCitations(text) as CaseCitation[]).map((c) => `${c.volume} ${c.reporter} ${c.page} ${c.court ?? '-'} ${c.year}`)).toEqual([
      '5 S. Ct. 10 - 1990', '35 L. Ed. 2d 147 - 1973', '12 F. Supp. 2d 34 S.D.N.Y. 1998', '99 F. Supp. 3d 1 D. Mass. 2015',
      '7 P.2d 8 Cal. 1932', '50 P.3d 60 Or. 2002', '1 So. 2d 2 Fla. 1941', "3 F. App'x 4 2d Cir. 2001",
      '8 N.E.2d 9 N.Y. 1937', '20 Cal. Rptr. 3d 30 Ct. App. 2004', '44 F.4th 55 1st Cir. 2022',
    ]);
  });

  it('links parallel citations: shared name, court and year, and no pin read from the next volume', () => {
    const text = 'Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973).';
    const citations = detectCitations(text) as CaseCitation[];
    expect(citations.map((c) => [c.reporter, c.page, c.pinCite, c.year, c.parallelOf])).toEqual([
      ['U.S.', 113, undefined, 1973, undefined],
      ['S. Ct.', 705, undefined, 1973, 0],
      ['L. Ed. 2d', 147, undefined, 1973, 0],
    ]);
    expect(citations[0].caseName).toBe('Roe v. Wade');
  });

  it('finds short forms and keeps the date out of the court', () => {
    const text = 'Roe, 410 U.S. at 120; Doe v. Bolton, 12 F.3d 1, 5 n.3 (D.C. Cir. Mar. 3, 1994).';
    const [short, doe] = detectCitations(text) as CaseCitation[];
    expect(short).toMatchObject({ form: 'short', volume: 410, reporter: 'U.S.', pinCite: '120', text: '410 U.S. at 120' });
    expect(short.page).toBeUndefined();
    expect(doe).toMatchObject({ caseName: 'Doe v. Bolton', pinCite: '5 n.3', court: 'D.C. Cir.', year: 1994 });
  });

  it('stops the case name at signals, lower-case words and sentence ends', () => {
    const names = (text: string) => (detectCitations(text) as CaseCitation[]).map((c) => c.caseName);
    expect(names('The court in Brown v. Bd. of Educ., 347 U.S. 483 (1954), said so.')).toEqual(['Brown v. Bd. of Educ.']);
    expect(names('It was wrong. Under Plessy v. Ferguson, 163 U.S. 537 (1896), it stood.')).toEqual(['Plessy v. Ferguson']);
    expect(names('Cf. United States v. Nixon, 418 U.S. 683 (1974).')).toEqual(['United States v. Nixon']);
    expect(names('See In re Gault, 387 U.S. 1 (1967).')).toEqual(['In re Gault']);
    expect(names('Roe v. Wade was decided. Later, 410 U.S. 113 (1973) was cited.')).toEqual([undefined]);
  });

  it('ignores numbers that only look like citations', () => {
    expect(detectCitations('He paid 410 dollars on 3/4/2020 at 5 p.m.; see page 12 U.S. currency.')).toEqual([]);
    expect(detectCitations('The 1.410 U.S. 113 value')).toEqual([]);
  });
});

describe('detectCitations: statutes, regulations, rules', () => {
  it('finds U.S.C., C.F.R., Federal Rules and state codes', () => {
    const text = 'Under 42 U.S.C. § 1983 (2018) and 28 U.S.C. §§ 1331, see 28 C.F.R. § 35.104, Fed. R. Civ. P. 56(a) and Cal. Civ. Proc. Code § 425.16.';
    const found = detectCitations(text) as EnactmentCitation[];
    expect(found.map((c) => [c.kind, c.title, c.code, c.section, c.year])).toEqual([
      ['statute', 42, 'U.S.C.', '1983', 2018],
      ['statute', 28, 'U.S.C.', '1331', undefined],
      ['regulation', 28, 'C.F.R.', '35.104', undefined],
      ['rule', undefined, 'Fed. R. Civ. P.', '56(a)', undefined],
      ['statute', undefined, 'Cal. Civ. Proc. Code', '425.16', undefined],
    ]);
    for (const c of found) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('does not read a statute title as a reporter volume', () => {
    expect(detectCitations('42 U.S.C. § 1983').map((c) => c.kind)).toEqual(['statute']);
  });
});
