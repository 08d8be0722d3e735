import { findReporter } from './reporters';

export interface CaseCitationParts {
  kind: 'case';
  caseName?: string;
  volume: number;
  reporter: string;
  /** First page; leave it out for a short form ("410 U.S. at 120"), which then needs a pin cite. */
  page?: number;
  pinCite?: string;
  court?: string;
  year?: number;
  /** Parallel reporters cited after the first: "410 U.S. 113, 93 S. Ct. 705 (1973)". */
  parallel?: { volume: number; reporter: string; page: number }[];
}

export interface EnactmentCitationParts {
  kind: 'statute' | 'regulation' | 'rule';
  title?: number;
  code: string;
  section: string;
  year?: number;
}

export type CitationParts = CaseCitationParts | EnactmentCitationParts;

export interface FormattedCitation {
  citation: string;
  /** Ranges that Bluebook sets in italics (the case name). */
  italic: { start: number; end: number }[];
}

/** Parts that cannot make a citation; `code` says why (for the API's 422). */
export class CitationFormatError extends Error {
  constructor(readonly code: 'unknown_reporter' | 'missing_pin_cite', message: string) {
    super(message);
  }
}

/** Builds the Bluebook form of a citation from its parts. */
export function formatCitation(parts: CitationParts): FormattedCitation {
  return parts.kind === 'case' ? formatCase(parts) : { citation: formatEnactment(parts), italic: [] };
}

function formatCase(parts: CaseCitationParts): FormattedCitation {
  const reporter = canonicalReporter(parts.reporter);
  let citation = '';
  const italic: FormattedCitation['italic'] = [];
  const caseName = parts.caseName?.trim();
  if (caseName) {
    italic.push({ start: 0, end: caseName.length });
    citation += `${caseName}, `;
  }
  if (parts.page === undefined) {
    if (!parts.pinCite) throw new CitationFormatError('missing_pin_cite', 'a short-form citation (no page) needs a pinCite');
    return { citation: `${citation}${parts.volume} ${reporter.abbreviation} at ${parts.pinCite}`, italic };
  }
  citation += `${parts.volume} ${reporter.abbreviation} ${parts.page}`;
  if (parts.pinCite) citation += `, ${parts.pinCite}`;
  for (const other of parts.parallel ?? []) {
    citation += `, ${other.volume} ${canonicalReporter(other.reporter).abbreviation} ${other.page}`;
  }
  const court = reporter.impliedCourt ? undefined : parts.court?.trim();
  const parenthetical = [court, parts.year].filter((p) => p !== undefined && p !== '').join(' ');
  if (parenthetical) citation += ` (${parenthetical})`;
  return { citation, italic };
}

function formatEnactment(parts: EnactmentCitationParts): string {
  const code = parts.code.trim().replace(/\s+/g, ' ');
  const lead = parts.title !== undefined ? `${parts.title} ${code}` : code;
  const body = parts.kind === 'rule' ? `${lead} ${parts.section}` : `${lead} § ${parts.section}`;
  return parts.year !== undefined ? `${body} (${parts.year})` : body;
}

function canonicalReporter(written: string) {
  const reporter = findReporter(written);
  if (!reporter) throw new CitationFormatError('unknown_reporter', `unknown reporter "${written}"`);
  return reporter;
}
