import { formatCitation } from './citation-formatter';
import { CaseCitation, Citation } from './citation-types';

/** How an authority is listed: its full Bluebook form without pin cites, and the name it is filed under. */
export interface AuthorityListing {
  kind: Citation['kind'];
  citation: string;
  name: string;
  caseName?: string;
}

export interface AuthorityGroups {
  /**
   * For each detected citation, the index of the citation that names its authority: itself
   * for a full citation, the head of its parallel chain, or for a short form ("410 U.S. at 120")
   * the first full citation of the same volume and reporter; -1 when there is none.
   */
  owners: number[];
  /** The listing of each owner index. */
  listings: Map<number, AuthorityListing>;
}

/** Groups a detection result by authority, in one pass (texts can hold thousands of citations). */
export function groupByAuthority(all: readonly Citation[]): AuthorityGroups {
  const firstFull = new Map<string, number>();
  const parallel = new Map<number, CaseCitation[]>();
  all.forEach((citation, index) => {
    if (citation.kind !== 'case' || citation.form !== 'full') return;
    if (citation.parallelOf !== undefined) {
      const members = parallel.get(citation.parallelOf) ?? [];
      members.push(citation);
      parallel.set(citation.parallelOf, members);
      return;
    }
    const key = `${citation.volume} ${citation.reporter}`;
    if (!firstFull.has(key)) firstFull.set(key, index);
  });
  const owners = all.map((citation, index) => {
    if (citation.kind !== 'case') return index;
    if (citation.parallelOf !== undefined) return citation.parallelOf;
    if (citation.form === 'full') return index;
    return firstFull.get(`${citation.volume} ${citation.reporter}`) ?? -1;
  });
  const listings = new Map<number, AuthorityListing>();
  for (const owner of owners) {
    if (owner !== -1 && !listings.has(owner)) listings.set(owner, authorityListing(all[owner], parallel.get(owner)));
  }
  return { owners, listings };
}

/** The listing for a full citation, with the parallel citations that follow it ("410 U.S. 113, 93 S. Ct. 705"). */
export function authorityListing(citation: Citation, parallel: readonly CaseCitation[] = []): AuthorityListing {
  if (citation.kind !== 'case') {
    const { kind, title, code, section, year } = citation;
    const text = formatCitation({ kind, title, code, section, year }).citation;
    return { kind, citation: text, name: text };
  }
  if (citation.form === 'short') throw new TypeError('a short-form citation is not an authority by itself');
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
