import { DOCX_MEDIA_TYPE } from '@factsway/document-model';
import { HttpError, unsupportedMediaType } from '@factsway/shared-utils';
import { readZipDirectory, ZipEntry, ZipFormatError } from './zip-directory';

/**
 * The XML parts of a .docx are parsed in memory; a file whose parts would unpack to
 * more than this is refused (413) before any of it is inflated. A 1,000-page brief
 * has a few MB of XML; images do not count (they are never read).
 */
export const MAX_UNPACKED_XML_BYTES = 100 * 1024 * 1024;

/** 415 unless the upload says it is a .docx, by its name or its declared media type. */
export function assertDeclaredDocx(file: { originalname: string; mimetype: string }): void {
  if (/\.docx$/i.test(file.originalname) || file.mimetype === DOCX_MEDIA_TYPE) return;
  throw unsupportedMediaType(
    `"${file.originalname}" (${file.mimetype}) is not a .docx; upload a Word document (${DOCX_MEDIA_TYPE})`,
  );
}

export function corruptDocx(reason: string): HttpError {
  return new HttpError(400, 'corrupt_docx', `the file is not a readable .docx: ${reason}`);
}

/** 400 unless the file is a zip holding `word/document.xml`; 413 when its XML would unpack too large. */
export async function assertSafeDocxPackage(path: string): Promise<void> {
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(path);
  } catch (error) {
    if (error instanceof ZipFormatError) throw corruptDocx(error.message);
    throw error;
  }
  if (!entries.some((entry) => entry.name === 'word/document.xml')) {
    throw corruptDocx('no word/document.xml in the package');
  }
  const xmlBytes = entries
    .filter((entry) => /\.(xml|rels)$/i.test(entry.name))
    .reduce((sum, entry) => sum + entry.uncompressedBytes, 0);
  if (xmlBytes > MAX_UNPACKED_XML_BYTES) {
    throw new HttpError(
      413,
      'document_too_large',
      `the document's XML unpacks to ${Math.round(xmlBytes / 1024 / 1024)} MB, over the ${MAX_UNPACKED_XML_BYTES / 1024 / 1024} MB limit`,
    );
  }
}

/** "Motion to Dismiss (final).docx" -> "Motion to Dismiss (final)": the title when the document has no Title paragraph. */
export function titleFromFilename(filename: string): string {
  const base = filename.replace(/^.*[\\/]/, '').replace(/\.docx$/i, '').replace(/\s+/g, ' ').trim();
  return base.slice(0, 1000) || 'Untitled document';
}
