import { caseNameBefore } from './case-name';
import { CaseCitation, Citation, EnactmentCitation } from './citation-types';
import { findReporter, reporterPattern } from './reporters';

const pin = String.raw`\d{1,5}(?:\s*[-\u2013]\s*\d{1,5})?(?:\s*n\.\s*\d{1,3})?(?!\d)`;
const parenthetical = String.raw`(?:\s*\((?<court>[^()]{0,60}?)\s*(?<year>\d{4})\))?`;
const section = String.raw`(?<section>\d+(?:[.:-]\d+)*[a-z]*(?:\([A-Za-z0-9]+\))*)`;

const casePattern = new RegExp(
  String.raw`(?<![\w.§])(?<volume>\d{1,4})\s+(?<reporter>${reporterPattern()})\s+` +
    String.raw`(?:(?<page>\d{1,5})(?![\w])(?<pins>(?:,\s*${pin}(?!\s*(?:${reporterPattern()})\s))*)|at\s+(?<shortPin>${pin}))` +
    parenthetical,
  'g',
);

const enactmentPatterns: { kind: EnactmentCitation['kind']; code?: string; pattern: RegExp }[] = [
  {
    kind: 'statute',
    code: 'U.S.C.',
    pattern: new RegExp(String.raw`(?<![\w.])(?<title>\d{1,3})\s+U\.\s?S\.\s?C\.(?:\s?A\.)?\s*§§?\s*${section}${parenthetical}`, 'g'),
  },
  {
    kind: 'regulation',
    code: 'C.F.R.',
    pattern: new RegExp(String.raw`(?<![\w.])(?<title>\d{1,3})\s+C\.\s?F\.\s?R\.\s*§?\s*${section}${parenthetical}`, 'g'),
  },
  {
    kind: 'rule',
    pattern: new RegExp(String.raw`(?<![\w.])(?<code>Fed\.\s?R\.\s?(?:Civ\.\s?P|Crim\.\s?P|App\.\s?P|Evid|Bankr\.\s?P)\.)\s*${section}`, 'g'),
  },
  {
    kind: 'statute',
    pattern: new RegExp(String.raw`(?<![\w.])(?<code>(?:(?!(?:See|Cf|But|Under|Compare|Accord|In|As|Also|Contra)\b)[A-Z][A-Za-z.&']*\s+){0,5}(?:Code|Stat\.|Laws?)(?:\s+Ann\.)?)\s*§§?\s*${section}${parenthetical}`, 'g'),
  },
];

/** Finds case, statute, regulation and rule citations in text, in order of appearance. */
export function detectCitations(text: string): Citation[] {
  const found: Citation[] = [...detectCases(text), ...detectEnactments(text)];
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Citation[] = [];
  for (const citation of found) {
    const last = kept[kept.length - 1];
    if (!last || citation.start >= last.end) kept.push(citation);
  }
  linkParallelCitations(text, kept);
  return kept;
}

function detectCases(text: string): CaseCitation[] {
  const citations: CaseCitation[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(casePattern)) {
    const { volume, reporter: written, page, pins, shortPin, court, year } = m.groups as Record<string, string | undefined>;
    const reporter = findReporter(written as string);
    if (!reporter) continue;
    const coreStart = m.index;
    const found = page ? caseNameBefore(text, coreStart) : undefined;
    const name = found && found.start >= previousEnd ? found : undefined;
    const start = name?.start ?? coreStart;
    const end = coreStart + m[0].length;
    previousEnd = end;
    const pinCite = shortPin ?? (pins ? pins.replace(/^,\s*/, '').replace(/\s+/g, ' ') : undefined);
    citations.push({
      kind: 'case',
      form: page ? 'full' : 'short',
      text: text.slice(start, end),
      start,
      end,
      ...(name ? { caseName: name.name } : {}),
      volume: Number(volume),
      reporter: reporter.abbreviation,
      ...(page ? { page: Number(page) } : {}),
      ...(pinCite ? { pinCite } : {}),
      ...(court?.trim() ? { court: withoutDate(court.trim()) } : {}),
      ...(year ? { year: Number(year) } : {}),
    });
  }
  return citations;
}

function detectEnactments(text: string): EnactmentCitation[] {
  const citations: EnactmentCitation[] = [];
  for (const { kind, code, pattern } of enactmentPatterns) {
    for (const m of text.matchAll(pattern)) {
      const groups = m.groups as Record<string, string | undefined>;
      citations.push({
        kind,
        text: m[0],
        start: m.index,
        end: m.index + m[0].length,
        ...(groups['title'] ? { title: Number(groups['title']) } : {}),
        code: code ?? (groups['code'] as string).replace(/\s+/g, ' ').trim(),
        section: groups['section'] as string,
        ...(groups['year'] ? { year: Number(groups['year']) } : {}),
      });
    }
  }
  return citations;
}

/** "(9th Cir. Mar. 3, 1997)" names the court and a date; the court is what the parts keep. */
function withoutDate(court: string): string {
  return court.replace(/,?\s*(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{1,2},?$/, '').trim();
}

/**
 * "Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705 (1973)": citations separated only by a
 * comma cite the same case. They share the case name of the first and the
 * court and year of the last.
 */
function linkParallelCitations(text: string, citations: Citation[]): void {
  let chain: CaseCitation[] = [];
  const closeChain = () => {
    const last = chain[chain.length - 1];
    for (const member of chain.slice(0, -1)) {
      if (last.court) member.court = last.court;
      if (last.year !== undefined) member.year = last.year;
    }
    chain = [];
  };
  for (let i = 0; i < citations.length; i += 1) {
    const previous = citations[i - 1];
    const current = citations[i];
    const continues =
      i > 0 && previous.kind === 'case' && current.kind === 'case' && previous.form === 'full' && current.form === 'full' &&
      previous.year === undefined && /^,\s*$/.test(text.slice(previous.end, current.start));
    if (!continues) {
      if (chain.length > 1) closeChain();
      chain = current.kind === 'case' && current.form === 'full' ? [current] : [];
      continue;
    }
    const member = current as CaseCitation;
    member.parallelOf = (previous as CaseCitation).parallelOf ?? i - 1;
    delete member.caseName;
    chain.push(member);
  }
  if (chain.length > 1) closeChain();
}
