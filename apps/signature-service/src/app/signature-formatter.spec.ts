import { attorneySchema } from './signature-data';
import { DEFAULT_SIGNATURE_LINES, formatSignature, roleOf } from './signature-formatter';

const attorney = attorneySchema.parse({
  name: 'Maria Lopez',
  barNumber: '24012345',
  firm: 'Lopez & Partners LLP',
  address: ['100 Congress Ave., Suite 2000', 'Austin, Texas 78701'],
  phone: '(512) 555-0100',
  email: 'mlopez@lopezpartners.example',
  represents: 'plaintiff',
  date: '2026-03-05',
});

describe('formatSignature', () => {
  it('fills the default block, one line per address line', () => {
    expect(formatSignature(attorney, DEFAULT_SIGNATURE_LINES)).toEqual([
      'Respectfully submitted,',
      '',
      'LOPEZ & PARTNERS LLP',
      '',
      'By: /s/ Maria Lopez',
      'Maria Lopez',
      'State Bar No. 24012345',
      '100 Congress Ave., Suite 2000',
      'Austin, Texas 78701',
      'Telephone: (512) 555-0100',
      'Email: mlopez@lopezpartners.example',
      '',
      'Attorney for Plaintiff',
      'Dated: March 5, 2026',
    ]);
  });

  it('leaves out the lines of missing optional fields', () => {
    const minimal = attorneySchema.parse({ name: 'Sam Poe', barNumber: '1', address: ['1 Main St.'], role: 'Pro Hac Vice' });
    const lines = formatSignature(minimal, DEFAULT_SIGNATURE_LINES);
    expect(lines.join('\n')).not.toMatch(/Telephone|Email|Dated/);
    expect(lines).toContain('Pro Hac Vice');
  });

  it('names the represented parties when the case is known', () => {
    expect(roleOf(attorney, { plaintiffs: ['Jane Roe', 'Richard Roe'], defendants: ['Acme'] })).toBe(
      'Attorney for Plaintiffs Jane Roe and Richard Roe',
    );
    expect(roleOf({ ...attorney, represents: 'defendant' }, { plaintiffs: [], defendants: ['A', 'B', 'C'] })).toBe(
      'Attorney for Defendants A, B, and C',
    );
    expect(roleOf({ ...attorney, role: 'Of Counsel' })).toBe('Of Counsel');
  });

  it('uses a custom template with the case number', () => {
    expect(formatSignature(attorney, ['{caseNumber}', '{signature}, {role}'], { caseNumber: '24-1', plaintiffs: [], defendants: [] })).toEqual([
      '24-1',
      '/s/ Maria Lopez, Attorney for Plaintiff',
    ]);
  });
});
