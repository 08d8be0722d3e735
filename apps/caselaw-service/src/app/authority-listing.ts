import { formatCitation } from './citation-formatter';
import { CaseCitation, Citation } from './citation-types';

/** How an authority is listed: its full Bluebook form without pin cites, and the name it is filed under. */
export interface AuthorityListing {
  kind: Citation['kind'];
  citation: string;
  name: string;
  caseName?: string;
}

/**
 * The listing for a detected full citation; `all` is the detection result it came from,
 * so a parallel chain ("410 U.S. 113, 93 S. Ct. 705") is listed as one authority.
 */
export function authorityListing(citation: Citation, all: readonly Citation[]): AuthorityListing {
  if (citation.kind !== 'case') {
    const { kind, title, code, section, year } = citation;
    const text = formatCitation({ kind, title, code, section, year }).citation;
    return { kind, citation: text, name: text };
  }
  if (citation.form === 'short') throw new TypeError('a short-form citation is not an authority by itself');
  const index = all.indexOf(citation);
  const parallel = all.filter((c): c is CaseCitation => c.kind === 'case' && c.parallelOf === index);
  const text = formatCitation({
    kind: 'case',
    caseName: citation.caseName,
    volume: citation.volume,
    reporter: citation.reporter,
    page: citation.page,
    court: citation.court,
    year: citation.year,
    parallel: parallel.map((p) => ({ volume: p.volume, reporter: p.reporter, page: p.page as number })),
  }).citation;
  return { kind: 'case', citation: text, name: citation.caseName ?? text, ...(citation.caseName ? { caseName: citation.caseName } : {}) };
}

/**
 * Which detected citation each one belongs to as an authority: itself for a full
 * citation, the head of its parallel chain, or for a short form ("410 U.S. at 120")
 * the first full citation of the same volume and reporter; -1 when there is none.
 */
export function authorityIndexes(all: readonly Citation[]): number[] {
  return all.map((citation, index) => {
    if (citation.kind !== 'case') return index;
    if (citation.parallelOf !== undefined) return citation.parallelOf;
    if (citation.form === 'full') return index;
    return all.findIndex(
      (c) => c.kind === 'case' && c.form === 'full' && c.parallelOf === undefined && c.volume === citation.volume && c.reporter === citation.reporter,
    );
  });
}
