/**
 * The case reporters the detector and formatter know (Bluebook abbreviations).
 * `impliedCourt` is set when the reporter itself names the court, in which case
 * the Bluebook parenthetical gives only the year, e.g. "410 U.S. 113 (1973)".
 */
export interface Reporter {
  abbreviation: string;
  name: string;
  impliedCourt?: string;
}

const supremeCourt = 'Supreme Court of the United States';

export const reporters: readonly Reporter[] = [
  { abbreviation: 'U.S.', name: 'United States Reports', impliedCourt: supremeCourt },
  { abbreviation: 'S. Ct.', name: 'Supreme Court Reporter', impliedCourt: supremeCourt },
  { abbreviation: 'L. Ed.', name: "Lawyers' Edition", impliedCourt: supremeCourt },
  { abbreviation: 'L. Ed. 2d', name: "Lawyers' Edition, Second Series", impliedCourt: supremeCourt },
  { abbreviation: 'F.', name: 'Federal Reporter' },
  { abbreviation: 'F.2d', name: 'Federal Reporter, Second Series' },
  { abbreviation: 'F.3d', name: 'Federal Reporter, Third Series' },
  { abbreviation: 'F.4th', name: 'Federal Reporter, Fourth Series' },
  { abbreviation: "F. App'x", name: 'Federal Appendix' },
  { abbreviation: 'F. Supp.', name: 'Federal Supplement' },
  { abbreviation: 'F. Supp. 2d', name: 'Federal Supplement, Second Series' },
  { abbreviation: 'F. Supp. 3d', name: 'Federal Supplement, Third Series' },
  { abbreviation: 'F.R.D.', name: 'Federal Rules Decisions' },
  { abbreviation: 'B.R.', name: 'Bankruptcy Reporter' },
  { abbreviation: 'Fed. Cl.', name: 'Federal Claims Reporter', impliedCourt: 'United States Court of Federal Claims' },
  { abbreviation: 'A.', name: 'Atlantic Reporter' },
  { abbreviation: 'A.2d', name: 'Atlantic Reporter, Second Series' },
  { abbreviation: 'A.3d', name: 'Atlantic Reporter, Third Series' },
  { abbreviation: 'P.', name: 'Pacific Reporter' },
  { abbreviation: 'P.2d', name: 'Pacific Reporter, Second Series' },
  { abbreviation: 'P.3d', name: 'Pacific Reporter, Third Series' },
  { abbreviation: 'N.E.', name: 'North Eastern Reporter' },
  { abbreviation: 'N.E.2d', name: 'North Eastern Reporter, Second Series' },
  { abbreviation: 'N.E.3d', name: 'North Eastern Reporter, Third Series' },
  { abbreviation: 'N.W.', name: 'North Western Reporter' },
  { abbreviation: 'N.W.2d', name: 'North Western Reporter, Second Series' },
  { abbreviation: 'S.E.', name: 'South Eastern Reporter' },
  { abbreviation: 'S.E.2d', name: 'South Eastern Reporter, Second Series' },
  { abbreviation: 'S.W.', name: 'South Western Reporter' },
  { abbreviation: 'S.W.2d', name: 'South Western Reporter, Second Series' },
  { abbreviation: 'S.W.3d', name: 'South Western Reporter, Third Series' },
  { abbreviation: 'So.', name: 'Southern Reporter' },
  { abbreviation: 'So. 2d', name: 'Southern Reporter, Second Series' },
  { abbreviation: 'So. 3d', name: 'Southern Reporter, Third Series' },
  { abbreviation: 'Cal. Rptr.', name: 'California Reporter' },
  { abbreviation: 'Cal. Rptr. 2d', name: 'California Reporter, Second Series' },
  { abbreviation: 'Cal. Rptr. 3d', name: 'California Reporter, Third Series' },
  { abbreviation: 'Cal. App. 4th', name: 'California Appellate Reports, Fourth Series' },
  { abbreviation: 'Cal. 4th', name: 'California Reports, Fourth Series', impliedCourt: 'Supreme Court of California' },
  { abbreviation: 'Cal. 5th', name: 'California Reports, Fifth Series', impliedCourt: 'Supreme Court of California' },
  { abbreviation: 'N.Y.2d', name: 'New York Reports, Second Series', impliedCourt: 'New York Court of Appeals' },
  { abbreviation: 'N.Y.3d', name: 'New York Reports, Third Series', impliedCourt: 'New York Court of Appeals' },
  { abbreviation: 'N.Y.S.2d', name: 'New York Supplement, Second Series' },
  { abbreviation: 'N.Y.S.3d', name: 'New York Supplement, Third Series' },
];

/** "F. Supp. 2d", "F.Supp.2d" and "F. Supp.2d" are the same reporter: compare without spaces. */
function squeeze(abbreviation: string): string {
  return abbreviation.replace(/\s+/g, '').replace(/\u2019/g, "'");
}

const bySqueezedAbbreviation = new Map(reporters.map((r) => [squeeze(r.abbreviation), r]));

export function findReporter(written: string): Reporter | undefined {
  return bySqueezedAbbreviation.get(squeeze(written));
}

/**
 * A regex source matching any known reporter however it is spaced, longest first so
 * that "F. Supp. 2d" wins over "F." and "L. Ed. 2d" over "L. Ed.".
 */
export function reporterPattern(): string {
  return [...reporters]
    .map((r) => r.abbreviation)
    .sort((a, b) => squeeze(b).length - squeeze(a).length)
    .map((abbreviation) =>
      squeeze(abbreviation)
        .split(/(?<=\.)/)
        .map((piece) => piece.replace(/[.]/g, '\\.').replace(/'/g, "['\u2019]"))
        .join('\\s?'),
    )
    .join('|');
}
