import { detectCitations } from './citation-detector';
import { formatCitation } from './citation-formatter';
import { CaseCitation, Citation } from './citation-types';

/** Where an authority is cited: page (form feeds separate pages), paragraph (non-blank lines) and offsets. */
export interface Occurrence {
  page: number;
  paragraph: number;
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
  sortKey: string;
  occurrences: Occurrence[];
}

/** Builds a table of authorities: every cited authority once, grouped by kind, alphabetised, with where it appears. */
export function buildTableOfAuthorities(text: string): TableOfAuthorities {
  const locate = locator(text);
  const citations = detectCitations(text);
  const authorities = new Map<string, Authority>();
  const byIndex: (Authority | undefined)[] = [];
  const unresolvedShortForms: Occurrence[] = [];

  citations.forEach((citation, index) => {
    if (citation.kind === 'case' && citation.form === 'short') return;
    const head = citation.kind === 'case' && citation.parallelOf !== undefined ? byIndex[citation.parallelOf] : undefined;
    const authority = head ?? authorityFor(citation, citations, authorities);
    byIndex[index] = authority;
    if (!head) authority.occurrences.push(locate(citation));
  });
  for (const citation of citations) {
    if (citation.kind !== 'case' || citation.form !== 'short') continue;
    const full = citations.findIndex(
      (c) => c.kind === 'case' && c.form === 'full' && c.volume === citation.volume && c.reporter === citation.reporter,
    );
    if (full === -1) unresolvedShortForms.push(locate(citation));
    else byIndex[full]?.occurrences.push(locate(citation));
  }

  const sections = sectionOrder
    .map(({ kind, heading, citationKind }) => ({
      kind,
      heading,
      entries: [...authorities.values()]
        .filter((a) => a.kind === citationKind)
        .sort((a, b) => a.sortKey.localeCompare(b.sortKey, 'en', { sensitivity: 'base', numeric: true }))
        .map(toEntry),
    }))
    .filter((section) => section.entries.length > 0);
  return { sections, unresolvedShortForms };
}

function authorityFor(citation: Citation, all: Citation[], authorities: Map<string, Authority>): Authority {
  const key = citation.kind === 'case'
    ? `case|${citation.volume}|${citation.reporter}|${citation.page}`
    : `${citation.kind}|${citation.title ?? ''}|${citation.code}|${citation.section}`;
  const existing = authorities.get(key);
  if (existing) {
    if (citation.kind === 'case' && !existing.caseName && citation.caseName) Object.assign(existing, listing(citation, all));
    return existing;
  }
  const created: Authority = { kind: citation.kind, occurrences: [], ...listing(citation, all) };
  authorities.set(key, created);
  return created;
}

function listing(citation: Citation, all: Citation[]): Pick<Authority, 'citation' | 'caseName' | 'sortKey'> {
  if (citation.kind !== 'case') {
    const { kind, title, code, section, year } = citation;
    const text = formatCitation({ kind, title, code, section, year }).citation;
    return { citation: text, sortKey: `${code} ${title ?? ''} ${section}` };
  }
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
  return { citation: text, caseName: citation.caseName, sortKey: citation.caseName ?? text };
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

/** Maps an offset to its page (1 + form feeds before it) and paragraph (1 + non-blank lines started before it). */
function locator(text: string): (span: { start: number; end: number }) => Occurrence {
  const pageStarts = [0];
  const paragraphStarts: number[] = [];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i += 1) {
    const char = text[i];
    if (i === text.length || char === '\n' || char === '\f') {
      if (text.slice(lineStart, i).trim() !== '') paragraphStarts.push(lineStart);
      if (char === '\f') pageStarts.push(i + 1);
      lineStart = i + 1;
    }
  }
  return ({ start, end }) => ({
    page: countAtOrBefore(pageStarts, start),
    paragraph: Math.max(1, countAtOrBefore(paragraphStarts, start)),
    start,
    end,
  });
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
