import { renderLines } from '@factsway/line-templates';
import type { CaseData } from './case-data';
import type { CaptionLayout } from './caption-layout';
import { center, wrapText } from './text-wrap';

const LABEL_INDENT = '        ';
const CONTINUATION_INDENT = '  ';

/**
 * Lays out a caption as fixed-width text lines:
 *
 *                        IN THE DISTRICT COURT
 *                        TRAVIS COUNTY, TEXAS
 *
 *   JOHN DOE,                          §
 *           Plaintiff,                 §
 *                                      §   Case No. D-1-GN-24-001234
 *   v.                                 §
 *                                      §   Judge: Hon. Maria Lopez
 *   ACME CORP.,                        §
 *           Defendant.                 §
 *
 *                   PLAINTIFF'S MOTION TO COMPEL
 */
export function formatCaption(data: CaseData, layout: CaptionLayout): string[] {
  const width = layout.width;
  const gutter = layout.separator ? ` ${layout.separator} ` : '   ';
  const leftWidth = Math.floor((width - gutter.length) / 2);
  const rightWidth = width - leftWidth - gutter.length;

  const courtLines = renderLines(layout.courtLines, {
    court: data.court,
    district: data.district,
    county: data.county,
  }).flatMap((line) => wrapText(line.toUpperCase(), width).map((part) => center(part, width)));

  const left = [
    ...partyLines(data.plaintiffs, leftWidth),
    LABEL_INDENT + roleLabel(layout.plaintiffLabel, data.plaintiffs.length) + ',',
    '',
    layout.versus,
    '',
    ...partyLines(data.defendants, leftWidth),
    LABEL_INDENT + roleLabel(layout.defendantLabel, data.defendants.length) + '.',
  ];
  const right = [
    ...wrapText(`${layout.caseNumberLabel} ${data.caseNumber}`, rightWidth, CONTINUATION_INDENT),
    ...(data.judge ? ['', ...wrapText(`${layout.judgeLabel} ${data.judge}`, rightWidth, CONTINUATION_INDENT)] : []),
  ];
  const rows = Math.max(left.length, right.length);
  const rightStart = Math.max(0, Math.floor((rows - right.length) / 2));
  const partyBlock = Array.from({ length: rows }, (_, row) => {
    const rightText = right[row - rightStart] ?? '';
    return ((left[row] ?? '').padEnd(leftWidth) + gutter + rightText).trimEnd();
  });

  const title = wrapText(data.documentTitle.toUpperCase(), width).map((line) => center(line, width));
  return [...courtLines, '', ...partyBlock, '', ...title];
}

/** One party per line, upper case, the last followed by a comma; long names wrap with an indent. */
function partyLines(parties: string[], width: number): string[] {
  return parties.flatMap((party, index) => {
    const name = party.toUpperCase() + (index === parties.length - 1 ? ',' : ';');
    return wrapText(name, width, CONTINUATION_INDENT);
  });
}

function roleLabel(label: string, count: number): string {
  return count > 1 ? `${label}s` : label;
}
