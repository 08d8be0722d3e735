import { Bookmark, Document, HeadingLevel, Packer, Paragraph, Tab, TextRun } from 'docx';
import { DocumentModel, paragraphBookmarkName, sectionBookmarkName } from '@factsway/document-model';

const HEADING_STYLES = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/**
 * Writes document JSON as a .docx: the title in Word's "Title" style, each section
 * heading as "Heading N", paragraphs in the normal style. Every heading and paragraph
 * carries its id in a hidden bookmark so that ingestion gives the same ids back.
 */
export async function writeDocx(model: DocumentModel): Promise<Buffer> {
  const body: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(model.title)] })];
  for (const section of model.sections) {
    if (section.heading) {
      body.push(
        new Paragraph({
          heading: HEADING_STYLES[section.heading.level - 1],
          children: [new Bookmark({ id: sectionBookmarkName(section.id), children: [new TextRun(section.heading.text)] })],
        }),
      );
    }
    section.paragraphs.forEach((paragraph, index) => {
      const marked = new Bookmark({ id: paragraphBookmarkName(paragraph.id), children: runsFor(paragraph.text) });
      // A section without a heading has no heading paragraph to carry its id: its first paragraph does.
      const children =
        section.heading === null && index === 0
          ? [new Bookmark({ id: sectionBookmarkName(section.id), children: [marked] })]
          : [marked];
      body.push(new Paragraph({ children }));
    });
  }
  const document = new Document({ title: model.title, creator: 'FACTSWAY', sections: [{ children: body }] });
  return Packer.toBuffer(document);
}

/** One run per line; `\n` becomes a line break and `\t` a tab, as Word stores them. */
function runsFor(text: string): TextRun[] {
  return text.split('\n').map(
    (line, index) =>
      new TextRun({
        break: index > 0 ? 1 : undefined,
        children: line.split('\t').flatMap((piece, pieceIndex) => (pieceIndex > 0 ? [new Tab(), piece] : [piece])),
      }),
  );
}
