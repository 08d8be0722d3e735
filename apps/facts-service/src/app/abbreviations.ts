/**
 * Words that end with a period without ending a sentence in legal prose
 * (compared lower-case, without the final period). Single letters (initials)
 * and dotted acronyms such as "U.S." or "e.g." are recognised by shape instead.
 * "etc." and "et al." are left out on purpose: they often end a sentence, and when
 * they do not, the next word is lower-case, which already prevents a split.
 */
export const nonTerminalAbbreviations: ReadonlySet<string> = new Set([
  // titles and name suffixes
  'mr', 'mrs', 'ms', 'dr', 'prof', 'hon', 'rev', 'gen', 'col', 'capt', 'lt', 'sgt', 'jr', 'sr', 'esq', 'st',
  // parties and organisations
  'v', 'vs', 'inc', 'corp', 'co', 'ltd', 'llc', 'llp', 'bros', 'assoc', "ass'n", 'dept', "dep't", "gov't",
  "int'l", "nat'l", 'bd', 'educ', 'univ', 'ins', 'mfg', 'cnty', "comm'n", "sec'y", 'dist', 'mun', 'hosp',
  // numbers, places in a document, references
  'no', 'nos', 'p', 'pp', 'para', 'paras', 'sec', 'secs', 'art', 'ch', 'cl', 'ex', 'exh', 'fig', 'vol',
  'cf', 'approx', 'ca', 'viz',
  // courts and reporters
  'cir', 'ct', 'app', 'supp', 'ed', 'cal', 'fed', 'civ', 'crim', 'proc', 'evid', 'stat', 'ann', 'rptr',
  'super', 'sup', 'bankr', 'jud', 'admin', 'reg', 'regs',
  // months
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
