import { renderLines } from '@factsway/line-templates';
import type { Attorney } from './signature-data';

/** The lines used when a request names no template. */
export const DEFAULT_SIGNATURE_LINES = [
  'Respectfully submitted,',
  '',
  '{firm}',
  '',
  'By: {signature}',
  '{name}',
  'State Bar No. {barNumber}',
  '{address}',
  'Telephone: {phone}',
  'Email: {email}',
  '',
  '{role}',
  'Dated: {date}',
];

/** The parties of the case the block is signed in, when the request named one. */
export interface CaseParties {
  caseNumber?: string;
  plaintiffs: string[];
  defendants: string[];
}

/**
 * Fills the template lines for one attorney. `{address}` expands to one line per
 * address line; a line whose placeholders are all empty (no phone) is left out.
 */
export function formatSignature(attorney: Attorney, templateLines: readonly string[], caseParties?: CaseParties): string[] {
  return renderLines(templateLines, {
    name: attorney.name,
    signature: `/s/ ${attorney.name}`,
    barNumber: attorney.barNumber,
    firm: attorney.firm?.toUpperCase(),
    address: attorney.address.join('\n'),
    phone: attorney.phone,
    email: attorney.email,
    role: roleOf(attorney, caseParties),
    date: attorney.date ? formatDate(attorney.date) : undefined,
    caseNumber: caseParties?.caseNumber,
  }).flatMap((line) => line.split('\n'));
}

/** "Attorney for Plaintiffs Jane Roe and Richard Roe" when the case is known, else "Attorney for Plaintiff". */
export function roleOf(attorney: Attorney, caseParties?: CaseParties): string | undefined {
  if (attorney.role) return attorney.role;
  if (!attorney.represents) return undefined;
  const names = caseParties ? (attorney.represents === 'plaintiff' ? caseParties.plaintiffs : caseParties.defendants) : [];
  const side = attorney.represents === 'plaintiff' ? 'Plaintiff' : 'Defendant';
  if (names.length === 0) return `Attorney for ${side}`;
  return `Attorney for ${side}${names.length > 1 ? 's' : ''} ${joinNames(names)}`;
}

function joinNames(names: string[]): string {
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
}

function formatDate(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
