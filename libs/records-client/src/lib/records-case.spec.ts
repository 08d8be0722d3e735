import { partiesOnSide, recordsCaseSchema } from './records-case';

describe('partiesOnSide', () => {
  const recordsCase = recordsCaseSchema.parse({
    id: '01JDQ4V2X3Y4Z5A6B7C8D9E0F1',
    title: 'Roe v. Acme',
    caseNumber: '3:24-cv-01234',
    court: 'United States District Court',
    parties: [
      { name: 'Jane Roe', role: 'plaintiff' },
      { name: 'Acme Widgets, Inc.', role: 'Defendant' },
      { name: 'Richard Roe', role: 'Plaintiffs' },
      { name: 'Witness Co.', role: 'third-party' },
      { name: 'Beta LLC', role: 'respondent' },
    ],
  });

  it('groups parties by side from their role, keeping their order', () => {
    expect(partiesOnSide(recordsCase, 'plaintiff')).toEqual(['Jane Roe', 'Richard Roe']);
    expect(partiesOnSide(recordsCase, 'defendant')).toEqual(['Acme Widgets, Inc.', 'Beta LLC']);
  });

  it('accepts a case without parties', () => {
    expect(recordsCaseSchema.parse({ id: 'x', title: 't' }).parties).toEqual([]);
  });
});
