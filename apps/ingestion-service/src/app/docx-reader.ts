import mammoth from 'mammoth';
import { DocumentModel, idFromBookmark, Paragraph, Section } from '@factsway/document-model';
import { newId } from '@factsway/shared-utils';

/** The part of mammoth's document tree this reader looks at (see mammoth's README, "transformDocument"). */
interface DocxElement {
  type: string;
  children?: DocxElement[];
  styleId?: string | null;
  styleName?: string | null;
  value?: string;
  breakType?: string;
  name?: string;
}

/** The file is not a readable .docx (not a zip, no word/document.xml, broken XML). */
export class CorruptDocxError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'CorruptDocxError';
  }
}

/**
 * Reads a .docx into document JSON: the first paragraph styled "Title" is the title
 * (else `fallbackTitle`), each "Heading N" paragraph starts a section, other non-blank
 * paragraphs (tables included, in reading order) are the section's paragraphs.
 * Ids come from the bookmarks export-service writes, else new ULIDs.
 */
export async function readDocx(path: string, fallbackTitle: string): Promise<DocumentModel> {
  const root = await readElementTree(path);
  const usedIds = new Set<string>();
  const uniqueId = (candidate: string | null): string => {
    const id = candidate && !usedIds.has(candidate) ? candidate : newId();
    usedIds.add(id);
    return id;
  };

  let title: string | null = null;
  const sections: Section[] = [];
  for (const element of paragraphsOf(root)) {
    const { text, bookmarks } = contentOf(element);
    if (!text.trim()) continue;
    if (title === null && isTitle(element)) {
      title = oneLine(text);
      continue;
    }
    const level = headingLevel(element);
    if (level !== null) {
      const id = uniqueId(firstId(bookmarks, 'section'));
      sections.push({ id, heading: { text: oneLine(text), level }, paragraphs: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ id: uniqueId(firstId(bookmarks, 'section')), heading: null, paragraphs: [] });
    const paragraph: Paragraph = { id: uniqueId(firstId(bookmarks, 'paragraph')), text };
    sections[sections.length - 1].paragraphs.push(paragraph);
  }
  return { title: title ?? fallbackTitle, sections };
}

async function readElementTree(path: string): Promise<DocxElement> {
  let root: DocxElement | undefined;
  try {
    await mammoth.convertToHtml(
      { path },
      {
        // Keep the tree and hand mammoth an empty body: the HTML (with every image inlined
        // as base64) is never used, so it is never built.
        transformDocument: (document: DocxElement) => {
          root = document;
          return { ...document, children: [] };
        },
      },
    );
  } catch (error) {
    throw new CorruptDocxError(error);
  }
  if (!root) throw new CorruptDocxError('no document body');
  return root;
}

function paragraphsOf(element: DocxElement): DocxElement[] {
  if (element.type === 'paragraph') return [element];
  return (element.children ?? []).flatMap(paragraphsOf);
}

function contentOf(element: DocxElement): { text: string; bookmarks: string[] } {
  let text = '';
  const bookmarks: string[] = [];
  const visit = (node: DocxElement): void => {
    if (node.type === 'text') text += node.value ?? '';
    else if (node.type === 'tab') text += '\t';
    else if (node.type === 'break' && node.breakType === 'line') text += '\n';
    else if (node.type === 'bookmarkStart' && node.name) bookmarks.push(node.name);
    node.children?.forEach(visit);
  };
  element.children?.forEach(visit);
  return { text, bookmarks };
}

function firstId(bookmarks: string[], kind: 'paragraph' | 'section'): string | null {
  for (const name of bookmarks) {
    const id = idFromBookmark(name, kind);
    if (id) return id;
  }
  return null;
}

function isTitle(element: DocxElement): boolean {
  return element.styleId === 'Title' || element.styleName?.toLowerCase() === 'title';
}

function headingLevel(element: DocxElement): number | null {
  const match = /^heading ?([1-6])$/i.exec(element.styleName ?? '') ?? /^heading([1-6])$/i.exec(element.styleId ?? '');
  return match ? Number(match[1]) : null;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
