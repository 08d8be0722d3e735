/**
 * Breaks text into lines of at most `width` characters at spaces; a word longer
 * than the width is cut. Continuation lines start with `indent`.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const prefix = lines.length === 0 && current === '' ? '' : current === '' ? indent : current + ' ';
    if ((prefix + word).length <= width) {
      current = prefix + word;
      continue;
    }
    if (current.trim()) lines.push(current);
    let rest = word;
    const room = width - indent.length;
    while (indent.length + rest.length > width) {
      lines.push(indent + rest.slice(0, room));
      rest = rest.slice(room);
    }
    current = indent + rest;
  }
  if (current.trim() || lines.length === 0) lines.push(current);
  return lines;
}

export function center(text: string, width: number): string {
  const padding = Math.max(0, Math.floor((width - text.length) / 2));
  return ' '.repeat(padding) + text;
}
