import { HttpError } from '@factsway/shared-utils';
import { type AuthorityListing, groupByAuthority } from './authority-listing';
import { detectCitations } from './citation-detector';
import { CitationFormatError, type CitationParts, formatCitation } from './citation-formatter';

/** Reads one written citation ("Roe v. Wade, 410 U.S. 113 (1973)") as an authority, or refuses it with 422. */
export function listingFromText(written: string): AuthorityListing {
  const text = written.trim().replace(/\.$/, '');
  const found = detectCitations(text);
  const { owners, listings } = groupByAuthority(found);
  const whole = found.length > 0 && found[0].start === 0 && found[found.length - 1].end === text.length;
  if (!whole || owners.some((owner) => owner !== 0) || (found[0].kind === 'case' && found[0].form === 'short')) {
    throw new HttpError(422, 'unrecognised_citation', `"${written}" is not one full case, statute, regulation or rule citation`);
  }
  return listings.get(0) as AuthorityListing;
}

/** Builds the listing of an authority from its parts (pin cites are not part of an authority). */
export function listingFromParts(parts: CitationParts): AuthorityListing {
  if (parts.kind === 'case' && parts.page === undefined) {
    throw new HttpError(422, 'unrecognised_citation', 'a short-form citation (no page) is not an authority');
  }
  const citation = formatParts(parts.kind === 'case' ? { ...parts, pinCite: undefined } : parts).citation;
  const caseName = parts.kind === 'case' ? parts.caseName : undefined;
  return { kind: parts.kind, citation, name: caseName ?? citation, ...(caseName ? { caseName } : {}) };
}

/** `formatCitation`, with its refusals as 422s. */
export function formatParts(parts: CitationParts) {
  try {
    return formatCitation(parts);
  } catch (error) {
    if (error instanceof CitationFormatError) throw new HttpError(422, error.code, error.message);
    throw error;
  }
}
