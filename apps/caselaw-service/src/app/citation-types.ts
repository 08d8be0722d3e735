/** A reporter citation: "Roe v. Wade, 410 U.S. 113, 120 (1973)" or the short form "410 U.S. at 120". */
export interface CaseCitation {
  kind: 'case';
  form: 'full' | 'short';
  /** `input.slice(start, end)`: from the case name when there is one to the closing parenthesis. */
  text: string;
  start: number;
  end: number;
  caseName?: string;
  volume: number;
  /** The canonical Bluebook abbreviation, however the input spaced it. */
  reporter: string;
  /** First page; absent in a short form. */
  page?: number;
  pinCite?: string;
  court?: string;
  year?: number;
  /** Index (in the same result) of the first citation of a parallel chain such as "410 U.S. 113, 93 S. Ct. 705". */
  parallelOf?: number;
}

/** "42 U.S.C. § 1983", "Cal. Civ. Proc. Code § 425.16", "28 C.F.R. § 35.104", "Fed. R. Civ. P. 56". */
export interface EnactmentCitation {
  kind: 'statute' | 'regulation' | 'rule';
  text: string;
  start: number;
  end: number;
  /** Title number for U.S.C. and C.F.R. citations. */
  title?: number;
  /** "U.S.C.", "C.F.R.", "Cal. Civ. Proc. Code", "Fed. R. Civ. P." */
  code: string;
  section: string;
  year?: number;
}

export type Citation = CaseCitation | EnactmentCitation;
