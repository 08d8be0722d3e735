/**
 * Paragraph and section ids travel inside the .docx as bookmarks, so a document
 * exported and ingested again keeps its ids. Word hides bookmarks whose name
 * starts with `_`, and allows at most 40 characters: `_fwp_` + a 26-character ULID fits.
 */
const PARAGRAPH_PREFIX = '_fwp_';
const SECTION_PREFIX = '_fws_';
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

export function paragraphBookmarkName(paragraphId: string): string {
  return PARAGRAPH_PREFIX + paragraphId;
}

export function sectionBookmarkName(sectionId: string): string {
  return SECTION_PREFIX + sectionId;
}

/** The id a bookmark carries, or `null` for any other bookmark (a user's own, `_GoBack`, `_Toc...`). */
export function idFromBookmark(name: string, kind: 'paragraph' | 'section'): string | null {
  const prefix = kind === 'paragraph' ? PARAGRAPH_PREFIX : SECTION_PREFIX;
  if (!name.startsWith(prefix)) return null;
  const id = name.slice(prefix.length);
  return ULID.test(id) ? id : null;
}
