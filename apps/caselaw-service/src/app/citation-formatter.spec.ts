import { detectCitations } from './citation-detector';
import { CitationFormatError, formatCitation } from './citation-formatter';
import { CaseCitation } from './citation-types';

describe('formatCitation', () => {
  it('writes a Bluebook case citation and marks the case name for italics', () => {
    expect(formatCitation({ kind: 'case', caseName: 'Roe v. Wade', volume: 410, reporter: 'U.S.', page: 113, pinCite: '120', year: 1973 })).toEqual({
      citation: 'Roe v. Wade, 410 U.S. 113, 120 (1973)',
      italic: [{ start: 0, end: 11 }],
    });
  });

  it('puts the court in the parenthetical unless the reporter implies it', () => {
    expect(formatCitation({ kind: 'case', volume: 123, reporter: 'F. 3d', page: 456, court: '9th Cir.', year: 1997 }).citation).toBe('123 F.3d 456 (9th Cir. 1997)');
    expect(formatCitation({ kind: 'case', volume: 5, reporter: 'S.Ct.', page: 10, court: 'U.S.', year: 1990 }).citation).toBe('5 S. Ct. 10 (1990)');
    expect(formatCitation({ kind: 'case', volume: 5, reporter: 'F.Supp.2d', page: 10 }).citation).toBe('5 F. Supp. 2d 10');
  });

  it('writes parallel and short forms', () => {
    expect(formatCitation({ kind: 'case', caseName: 'Roe v. Wade', volume: 410, reporter: 'U.S.', page: 113, parallel: [{ volume: 93, reporter: 'S. Ct.', page: 705 }], year: 1973 }).citation)
      .toBe('Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705 (1973)');
    expect(formatCitation({ kind: 'case', caseName: 'Roe', volume: 410, reporter: 'U.S.', pinCite: '120' }).citation).toBe('Roe, 410 U.S. at 120');
  });

  it('writes statutes, regulations and rules', () => {
    expect(formatCitation({ kind: 'statute', title: 42, code: 'U.S.C.', section: '1983', year: 2018 }).citation).toBe('42 U.S.C. § 1983 (2018)');
    expect(formatCitation({ kind: 'statute', code: 'Cal. Civ. Proc. Code', section: '425.16' }).citation).toBe('Cal. Civ. Proc. Code § 425.16');
    expect(formatCitation({ kind: 'regulation', title: 28, code: 'C.F.R.', section: '35.104' }).citation).toBe('28 C.F.R. § 35.104');
    expect(formatCitation({ kind: 'rule', code: 'Fed. R. Civ. P.', section: '56(a)' }).citation).toBe('Fed. R. Civ. P. 56(a)');
  });

  it('rejects an unknown reporter and a short form without a pin cite', () => {
    expect(() => formatCitation({ kind: 'case', volume: 1, reporter: 'Xyz.', page: 2 })).toThrow(CitationFormatError);
    expect(() => formatCitation({ kind: 'case', volume: 1, reporter: 'U.S.' })).toThrow(/pinCite/);
  });

  it('gives back the canonical text of what the detector found', () => {
    const canonical = [
      'Roe v. Wade, 410 U.S. 113, 120 (1973)',
      'Acme Corp. v. Smith, 123 F.3d 456, 460-61 (9th Cir. 1997)',
      'Brown v. Bd. of Educ., 347 U.S. 483 (1954)',
      '12 F. Supp. 2d 34 (S.D.N.Y. 1998)',
    ];
    for (const text of canonical) {
      const [found] = detectCitations(text) as CaseCitation[];
      expect(formatCitation(found).citation).toBe(text);
    }
  });
});
