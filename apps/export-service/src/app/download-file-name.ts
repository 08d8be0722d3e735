const MAX_NAME_LENGTH = 120;
/** A run of reserved characters (and the spaces around them) becomes one ` - `. */
const RESERVED_RUN = /[\s\\/:*?"<>|\u0000-\u001F\u007F]*[\\/:*?"<>|\u0000-\u001F\u007F][\s\\/:*?"<>|\u0000-\u001F\u007F]*/g;

/**
 * `Motion: "Final" / v2` -> `Motion - Final - v2.docx`: a name every OS accepts
 * (no path separators, reserved characters or control characters). Non-ASCII
 * letters stay; express's `res.attachment` sends them RFC 6266-encoded.
 */
export function downloadFileName(title: string): string {
  const base = title
    .replace(RESERVED_RUN, ' - ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .trim();
  return `${base || 'document'}.docx`;
}
