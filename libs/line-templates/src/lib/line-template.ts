import { z } from 'zod';

/**
 * A line template is plain text with `{name}` placeholders, e.g. `State Bar No. {barNumber}`.
 * Caption and signature templates are lists of such lines.
 */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export type LineValues = Readonly<Record<string, string | null | undefined>>;

export function placeholdersIn(line: string): string[] {
  return [...line.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/**
 * Fills each line. A line whose placeholders are all empty is left out, so an
 * optional field (no phone number) removes its whole line (`Telephone: {phone}`);
 * a line without placeholders, blank lines included, is always kept.
 */
export function renderLines(lines: readonly string[], values: LineValues): string[] {
  const rendered: string[] = [];
  for (const line of lines) {
    const names = placeholdersIn(line);
    if (names.length > 0 && names.every((name) => !values[name]?.trim())) continue;
    rendered.push(line.replace(PLACEHOLDER, (_match, name: string) => values[name]?.trim() ?? ''));
  }
  return rendered;
}

/** Zod schema for template lines that may only use the given placeholder names. */
export function templateLinesSchema(allowed: readonly string[], { maxLines = 40, maxLineLength = 200 } = {}) {
  return z
    .array(z.string().max(maxLineLength).refine((line) => !/[\r\n]/.test(line), 'a line must not contain line breaks'))
    .min(1)
    .max(maxLines)
    .superRefine((lines, ctx) => {
      lines.forEach((line, index) => {
        for (const name of placeholdersIn(line)) {
          if (!allowed.includes(name)) {
            ctx.addIssue({
              code: 'custom',
              path: [index],
              message: `unknown placeholder {${name}}; allowed: ${allowed.map((a) => `{${a}}`).join(', ')}`,
            });
          }
        }
      });
    });
}
