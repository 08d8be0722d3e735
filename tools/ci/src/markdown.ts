/** What the documentation checks read out of a Markdown file. */
export interface MarkdownParts {
  /** `[text](target)` targets, in order. */
  links: string[];
  /** GitHub's anchor for every heading. */
  anchors: Set<string>;
  /** Fenced blocks with their info string (`bash`, `promql`, ...). */
  codeBlocks: { language: string; body: string }[];
  /** Every shell line a reader could copy: lines of fenced blocks and inline code spans. */
  commandLines: string[];
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

export function readMarkdown(text: string): MarkdownParts {
  const codeBlocks: MarkdownParts['codeBlocks'] = [];
  const prose: string[] = [];
  const anchors = new Set<string>();
  let open: { language: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    const fence = /^\s*```(\S*)/.exec(line);
    if (fence) {
      if (open) {
        codeBlocks.push({ language: open.language, body: open.lines.join('\n') });
        open = undefined;
      } else {
        open = { language: fence[1], lines: [] };
      }
      continue;
    }
    if (open) {
      open.lines.push(line);
      continue;
    }
    prose.push(line);
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) anchors.add(headingAnchor(heading[1]));
  }
  const proseText = prose.join('\n');
  const links = [...proseText.matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
  const inlineCode = [...proseText.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  const commandLines = [...codeBlocks.flatMap((block) => block.body.split('\n')), ...inlineCode];
  return { links, anchors, codeBlocks, commandLines };
}
