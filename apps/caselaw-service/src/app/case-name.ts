/** Abbreviations that may end a word inside a case name (compared lower-case, without the period). */
const caseNameAbbreviations = new Set([
  'inc', 'corp', 'co', 'ltd', 'bd', 'educ', "ass'n", "nat'l", "int'l", "dep't", "gov't", 'univ', 'mfg', 'bros',
  'ins', 'am', 'fed', 'gen', 'mun', 'cnty', "comm'n", "sec'y", 'hosp', 'sch', 'dist', 'cal', 'tex', 'fla', 'ill',
  'mass', 'pa', 'st', 'mr', 'dr', 'jr', 'sr', 'no', 'auth', 'dev', 'transp', 'tel', 'elec', 'envtl', 'equip',
  'fin', 'grp', 'indus', 'invs', 'mgmt', 'mktg', 'prods', 'pub', 'ry', 'sav', 'serv', 'sys', 'tech', 'cmty', 'ctr',
  'constr', 'def', 'emp', 'enters', 'found', 'hous', 'prot', 'res', "soc'y", 'sur', 'util', 'rel', 'al',
]);
/** Lower-case words that may sit inside a case name. */
const connectors = new Set(['of', 'the', 'and', '&', 'for', 'ex', 'rel.', 'de', 'la', 'del', 'du', 'von', 'van', 'der', 'et', 'al.', 'on', 'in', 'to']);
/** Capitalised words that introduce a citation rather than belong to the case name. */
const introducers = new Set(['see', 'cf.', 'but', 'also', 'accord', 'compare', 'contra', 'under', 'as', 'in', 'with', 'and', 'following', 'citing', 'quoting', 'per', 'after', 'e.g.']);

/**
 * Finds the case name that ends right before a citation ("Roe v. Wade, 410 U.S. 113"
 * -> "Roe v. Wade"), or undefined when the citation has none. A heuristic: it walks
 * back from the comma over capitalised words, abbreviations and connectors, and
 * stops at a signal ("See", "Cf."), a lower-case word, or the end of a sentence.
 */
export function caseNameBefore(text: string, citationStart: number): { name: string; start: number } | undefined {
  const windowStart = Math.max(0, citationStart - 300);
  const prefix = text.slice(windowStart, citationStart);
  const comma = /,\s*$/.exec(prefix);
  if (!comma) return undefined;
  const body = prefix.slice(0, comma.index);
  const words = [...body.matchAll(/\S+/g)].map((m) => ({ word: m[0], start: windowStart + m.index }));
  const versus = lastIndexWhere(words, (w) => w.word === 'v.' || w.word === 'vs.');
  if (versus > 0) {
    const defendant = words.slice(versus + 1);
    if (defendant.length === 0 || !defendant.every((w, i) => belongsToName(w.word, i === 0))) return undefined;
    let first = versus;
    while (first > 0 && belongsToName(words[first - 1].word, false) && !isIntroducer(words, first - 1)) first -= 1;
    while (first < versus && connectors.has(words[first].word)) first += 1;
    if (first === versus) return undefined;
    return { name: text.slice(words[first].start, windowStart + body.length), start: words[first].start };
  }
  const matter = /(?:^|\s)((?:In re|Ex parte|In the Matter of)\s+[^,;()]{1,120})$/.exec(body);
  if (!matter) return undefined;
  const start = windowStart + body.length - matter[1].length;
  return { name: matter[1], start };
}

function lastIndexWhere<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i])) return i;
  return -1;
}

function belongsToName(word: string, mustBeCapitalised: boolean): boolean {
  if (/[;:()[\]"]/.test(word)) return false;
  const bare = word.replace(/,$/, '');
  if (connectors.has(bare)) return !mustBeCapitalised;
  if (!/^[A-Z0-9]/.test(bare)) return false;
  if (bare.endsWith('.')) {
    const stem = bare.slice(0, -1).replace(/\u2019/g, "'");
    return /^[A-Z]$/.test(stem) || /^(?:[A-Za-z]\.)+[A-Za-z]$/.test(stem) || caseNameAbbreviations.has(stem.toLowerCase());
  }
  return true;
}

/** "In" starts a case name only as "In re"; other introducers never do. */
function isIntroducer(words: { word: string }[], index: number): boolean {
  const word = words[index].word.toLowerCase().replace(/,$/, '');
  if (word === 'in' && words[index + 1]?.word === 're') return false;
  return introducers.has(word) || words[index].word.endsWith(',');
}
