/**
 * Exhibit labels in the order courts use them: A..Z, AA..AZ, BA.. ZZ, AAA...
 * (bijective base 26, like spreadsheet columns). Sequence numbers start at 1.
 */
export function exhibitLabel(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`exhibit sequence must be a positive integer, got ${sequence}`);
  }
  let label = '';
  for (let n = sequence; n > 0; n = Math.floor((n - 1) / 26)) {
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  }
  return label;
}

/** The inverse of `exhibitLabel`; undefined for anything that is not an upper-case label. */
export function exhibitSequence(label: string): number | undefined {
  if (!/^[A-Z]{1,10}$/.test(label)) return undefined;
  let sequence = 0;
  for (const char of label) sequence = sequence * 26 + (char.charCodeAt(0) - 64);
  return sequence;
}
