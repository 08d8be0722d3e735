import { buildTableOfAuthorities } from './table-of-authorities';

const brief = [
  'INTRODUCTION',
  'Plaintiff relies on Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705 (1973), and 42 U.S.C. § 1983.',
  'See Acme Corp. v. Smith, 123 F.3d 456, 460 (9th Cir. 1997).',
  '\f',
  'ARGUMENT',
  'The Court later narrowed it. Roe, 410 U.S. at 153. Compare Brown v. Bd. of Educ., 347 U.S. 483 (1954).',
  '',
  'Acme Corp. v. Smith, 123 F.3d 456, 470 (9th Cir. 1997); Fed. R. Civ. P. 56; 28 C.F.R. § 35.104; 999 F.2d at 5.',
].join('\n');

describe('buildTableOfAuthorities', () => {
  const table = buildTableOfAuthorities(brief);

  it('groups authorities by kind in the usual order', () => {
    expect(table.sections.map((s) => s.heading)).toEqual(['Cases', 'Statutes', 'Regulations', 'Rules']);
  });

  it('lists each case once, alphabetised, in full form without pin cites', () => {
    expect(table.sections[0].entries.map((e) => e.citation)).toEqual([
      'Acme Corp. v. Smith, 123 F.3d 456 (9th Cir. 1997)',
      'Brown v. Bd. of Educ., 347 U.S. 483 (1954)',
      'Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705 (1973)',
    ]);
  });

  it('gives the pages and paragraphs where each authority appears, short forms included', () => {
    const [acme, brown, roe] = table.sections[0].entries;
    expect([acme.pages, acme.paragraphs]).toEqual([[1, 2], [3, 6]]);
    expect([brown.pages, brown.paragraphs]).toEqual([[2], [5]]);
    expect([roe.pages, roe.paragraphs]).toEqual([[1, 2], [2, 5]]);
    for (const o of roe.occurrences) expect(brief.slice(o.start, o.end)).toMatch(/410 U\.S\./);
    expect(roe.passim).toBe(false);
  });

  it('lists statutes, regulations and rules', () => {
    expect(table.sections.slice(1).map((s) => s.entries.map((e) => e.citation))).toEqual([
      ['42 U.S.C. § 1983'], ['28 C.F.R. § 35.104'], ['Fed. R. Civ. P. 56'],
    ]);
  });

  it('reports short forms whose full citation is missing', () => {
    expect(table.unresolvedShortForms).toHaveLength(1);
    expect(brief.slice(table.unresolvedShortForms[0].start, table.unresolvedShortForms[0].end)).toBe('999 F.2d at 5');
  });

  it('marks an authority cited on five or more pages as passim, and gives an empty table for text without citations', () => {
    const pages = Array.from({ length: 5 }, () => 'As held in 410 U.S. 113 (1973).').join('\f');
    expect(buildTableOfAuthorities(pages).sections[0].entries[0]).toMatchObject({ pages: [1, 2, 3, 4, 5], passim: true });
    expect(buildTableOfAuthorities('No authorities here.')).toEqual({ sections: [], unresolvedShortForms: [] });
  });
});
