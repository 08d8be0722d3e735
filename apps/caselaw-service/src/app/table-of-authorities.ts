import { type AuthorityListing, groupByAuthority } from './authority-listing';
import { detectCitations } from './citation-detector';
import { Citation } from './citation-types';

/** Where an authority is cited: page (form feeds separate pages), paragraph and offsets in the text. */
export interface Occurrence {
  page: number;
  /** 1-based: the n-th paragraph of the text. */
  paragraph: number;
  /** The draft's paragraph id, when the text came from a draft. */
  paragraphId?: string;
  start: number;
  end: number;
}

/** A paragraph of the text, when the caller knows them (a draft's document JSON). */
export interface ParagraphSpan {
  id?: string;
  start: number;
  end: number;
}

export interface TableEntry {
  /** The Bluebook citation as listed (full form, without pin cites). */
  citation: string;
  caseName?: string;
  occurrences: Occurrence[];
  pages: number[];
  paragraphs: number[];
  /** Cited on five or more pages: tables of authorities print "passim" instead of the pages. */
  passim: boolean;
}

export interface TableSection {
  kind: 'cases' | 'statutes' | 'regulations' | 'rules';
  heading: string;
  entries: TableEntry[];
}

export interface TableOfAuthorities {
  sections: TableSection[];
  /** Short forms ("410 U.S. at 120") whose full citation is not in the text. */
  unresolvedShortForms: Occurrence[];
}

const sectionOrder: { kind: TableSection['kind']; heading: string; citationKind: Citation['kind'] }[] = [
  { kind: 'cases', heading: 'Cases', citationKind: 'case' },
  { kind: 'statutes', heading: 'Statutes', citationKind: 'statute' },
  { kind: 'regulations', heading: 'Regulations', citationKind: 'regulation' },
  { kind: 'rules', heading: 'Rules', citationKind: 'rule' },
];

const passimPageCount = 5;

interface Authority {
  kind: Citation['kind'];
  citation: string;
  caseName?: string;
  occurrences: Occurrence[];
}

/**
 * Builds a table of authorities: every cited authority once, grouped by kind,
 * alphabetised, with where it appears. Paragraphs are the given spans, or else
 * the non-blank lines of the text.
 */
export function buildTableOfAuthorities(text: string, paragraphs?: readonly ParagraphSpan[]): TableOfAuthorities {
  const locate = locator(text, paragraphs ?? lineParagraphs(text));
  const citations = detectCitations(text);
  const { owners, listings } = groupByAuthority(citations);
  const byCitation = new Map<string, Authority>();
  const unresolvedShortForms: Occurrence[] = [];

  citations.forEach((citation, index) => {
    const owner = owners[index];
    if (owner === -1) {
      unresolvedShortForms.push(locate(citation));
      return;
    }
    // Parallel citations are one place in the text: the head's occurrence covers them.
    if (citation.kind === 'case' && citation.parallelOf !== undefined) return;
    const listing = listings.get(owner) as AuthorityListing;
    let authority = byCitation.get(listing.citation);
    if (!authority) {
      authority = { kind: listing.kind, citation: listing.citation, caseName: listing.caseName, occurrences: [] };
      byCitation.set(listing.citation, authority);
    }
    authority.occurrences.push(locate(citation));
  });

  const sections = sectionOrder
    .map(({ kind, heading, citationKind }) => ({
      kind,
      heading,
      entries: [...byCitation.values()]
        .filter((a) => a.kind === citationKind)
        .sort((a, b) => a.citation.localeCompare(b.citation, 'en', { sensitivity: 'base', numeric: true }))
        .map(toEntry),
    }))
    .filter((section) => section.entries.length > 0);
  return { sections, unresolvedShortForms };
}

function toEntry(authority: Authority): TableEntry {
  const occurrences = [...authority.occurrences].sort((a, b) => a.start - b.start);
  const pages = [...new Set(occurrences.map((o) => o.page))];
  return {
    citation: authority.citation,
    ...(authority.caseName ? { caseName: authority.caseName } : {}),
    occurrences,
    pages,
    paragraphs: [...new Set(occurrences.map((o) => o.paragraph))],
    passim: pages.length >= passimPageCount,
  };
}

function lineParagraphs(text: string): ParagraphSpan[] {
  return [...text.matchAll(/[^\n\f]+/g)]
    .filter((m) => m[0].trim() !== '')
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Maps an offset to its page (1 + form feeds before it) and its paragraph. */
function locator(text: string, paragraphs: readonly ParagraphSpan[]): (span: { start: number; end: number }) => Occurrence {
  const pageStarts = [0, ...[...text.matchAll(/\f/g)].map((m) => m.index + 1)];
  const paragraphStarts = paragraphs.map((p) => p.start);
  return ({ start, end }) => {
    const paragraphIndex = Math.max(0, countAtOrBefore(paragraphStarts, start) - 1);
    const id = paragraphs[paragraphIndex]?.id;
    return {
      page: countAtOrBefore(pageStarts, start),
      paragraph: paragraphIndex + 1,
      ...(id ? { paragraphId: id } : {}),
      start,
      end,
    };
  };
}

function countAtOrBefore(sortedStarts: number[], offset: number): number {
  let low = 0;
  let high = sortedStarts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sortedStarts[middle] <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
