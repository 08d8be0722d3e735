/** What could be read from a caption; a field that was not found is `null` (or an empty list). */
export interface ExtractedCaption {
  court: string | null;
  district: string | null;
  county: string | null;
  caseNumber: string | null;
  judge: string | null;
  plaintiffs: string[];
  defendants: string[];
  documentTitle: string | null;
}

// A column break inside a caption row: a separator character with a space before it
// (`JOHN DOE,   §   Case No. 1`), or a run of three or more spaces.
const COLUMN_BREAK = /\s+[§)|:](?:\s+|$)|\s{3,}/;
const SEPARATOR_ONLY = /^[§)|:]$/;
const VERSUS = /^(?:v\.?|vs\.?|versus|-?against-?)$/i;
const PLAINTIFF_ROLE = /^(?:plaintiffs?|petitioners?|appellants?|claimants?|movants?)[,.:;]?$/i;
const DEFENDANT_ROLE = /^(?:defendants?|respondents?|appellees?)[,.:;]?$/i;
const INLINE_ROLE =
  /,?\s+(?:plaintiffs?|petitioners?|appellants?|claimants?|movants?|defendants?|respondents?|appellees?)[,.]?$/i;
const CASE_NUMBER =
  /\b(?:case|cause|civil action|criminal action|index|docket|adversary proceeding)\s*(?:no\.?|number|#)\s*:?\s*([A-Za-z0-9][A-Za-z0-9:\-/.]*[A-Za-z0-9])/i;
const JUDGE = /\b(?:judge|hon\.|honorable)\s*:?\s*(.+)$/i;

/** One line of the caption split into its party column and its case-number column. */
interface Row {
  left: string;
  right: string;
  full: string;
  indented: boolean;
}

/**
 * Reads court, case number, judge, parties and document title from caption text,
 * such as the one `formatCaption` writes or one pasted from a pleading.
 */
export function extractCaption(text: string): ExtractedCaption {
  const rows = text.split(/\r?\n/).map(toRow);

  const courtStart = rows.findIndex((row) => /\bcourt\b/i.test(row.full));
  let headerEnd = courtStart;
  if (courtStart >= 0) {
    while (headerEnd + 1 < rows.length && rows[headerEnd + 1].full !== '' && rows[headerEnd + 1].right === '' && !isPartyRow(rows[headerEnd + 1])) {
      headerEnd++;
    }
  }
  const header = courtStart >= 0 ? rows.slice(courtStart, headerEnd + 1).map((row) => row.full) : [];

  const versusIndex = rows.findIndex((row, index) => index > headerEnd && VERSUS.test(row.left));
  let plaintiffs: string[] = [];
  let defendants: string[] = [];
  let partyEnd = -1;
  if (versusIndex >= 0) {
    plaintiffs = partiesIn(rows.slice(headerEnd + 1, versusIndex), PLAINTIFF_ROLE);
    partyEnd = versusIndex + 1;
    const defendantRows: Row[] = [];
    for (; partyEnd < rows.length; partyEnd++) {
      const row = rows[partyEnd];
      if (DEFENDANT_ROLE.test(row.left)) break;
      if (row.left === '' && row.right === '' && defendantRows.some((r) => r.left !== '')) break;
      defendantRows.push(row);
      if (INLINE_ROLE.test(row.left)) break;
    }
    defendants = partiesIn(defendantRows, DEFENDANT_ROLE);
  }

  const caseNumber = CASE_NUMBER.exec(rows.map((row) => row.right).join('\n'))?.[1] ?? CASE_NUMBER.exec(text)?.[1] ?? null;
  const judge = rows.map((row) => JUDGE.exec(row.right)?.[1]?.trim()).find(Boolean) ?? null;
  const documentTitle =
    partyEnd >= 0
      ? (rows.slice(partyEnd + 1).find((row) => row.full !== '' && row.right === '' && !SEPARATOR_ONLY.test(row.full))?.full ?? null)
      : null;

  return { ...readCourt(header), caseNumber, judge, plaintiffs, defendants, documentTitle };
}

function toRow(line: string): Row {
  const trimmed = line.trim();
  // A row with an empty party column starts with its separator: `) Case No. 1`.
  const separatorFirst = /^[§)|:](?:\s+|$)/.exec(trimmed);
  if (separatorFirst) return { left: '', right: trimmed.slice(separatorFirst[0].length).trim(), full: trimmed, indented: true };
  const [left, ...rest] = trimmed.split(COLUMN_BREAK);
  return {
    left: left.trim(),
    right: rest.join(' ').trim(),
    full: trimmed,
    indented: /^\s/.test(line),
  };
}

/** A caption row with a column separator in it belongs to the party block, not the court heading. */
function isPartyRow(row: Row): boolean {
  return row.full !== row.left || VERSUS.test(row.left);
}

function readCourt(header: string[]): Pick<ExtractedCaption, 'court' | 'district' | 'county'> {
  if (header.length === 0) return { court: null, district: null, county: null };
  const [first, ...others] = header;
  const [courtPart, forPart] = first.replace(/^in the\s+/i, '').split(/\s+for the\s+/i);
  const details = [...(forPart ? [forPart] : []), ...others.map((line) => line.replace(/^for the\s+/i, ''))];
  return {
    court: courtPart.trim(),
    district: details.find((line) => /district|division|circuit/i.test(line)) ?? null,
    county: details.find((line) => /county|parish|borough/i.test(line)) ?? null,
  };
}

/**
 * Party names from the party column: one per line, each ending with `,` or `;`;
 * an indented line after a name that has not ended yet continues it (a wrapped name).
 */
function partiesIn(rows: Row[], role: RegExp): string[] {
  const parties: string[] = [];
  for (const row of rows) {
    if (row.left === '' || role.test(row.left) || SEPARATOR_ONLY.test(row.left)) continue;
    const previous = parties[parties.length - 1];
    if (previous !== undefined && row.indented && !/[,;]$/.test(previous)) {
      parties[parties.length - 1] = `${previous} ${row.left}`;
    } else {
      parties.push(row.left);
    }
  }
  return parties.map((party) => party.replace(INLINE_ROLE, '').replace(/[,;]$/, '').trim()).filter(Boolean);
}
