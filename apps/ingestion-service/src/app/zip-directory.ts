import { open } from 'node:fs/promises';

export interface ZipEntry {
  name: string;
  uncompressedBytes: number;
}

/** The bytes are not a zip archive this reader understands. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const ZIP64_EXTRA_FIELD = 0x0001;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
/** A .docx has a few dozen entries; a directory larger than this is not a document. */
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;

/**
 * Lists a zip file's entries with their uncompressed sizes from its central directory,
 * without inflating anything, so an upload that would expand to gigabytes (a zip bomb)
 * can be refused before a parser holds it in memory.
 */
export async function readZipDirectory(path: string): Promise<ZipEntry[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number): Promise<Buffer> => {
      if (position < 0 || length < 0 || position + length > size) throw new ZipFormatError('truncated zip archive');
      const buffer = Buffer.alloc(length);
      await file.read(buffer, 0, length, position);
      return buffer;
    };

    const tailLength = Math.min(size, END_RECORD_BYTES + MAX_COMMENT_BYTES);
    const tail = await read(size - tailLength, tailLength);
    let endOffset = -1;
    for (let i = tail.length - END_RECORD_BYTES; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
        endOffset = i;
        break;
      }
    }
    if (endOffset < 0) throw new ZipFormatError('no zip end-of-directory record');

    let entryCount = tail.readUInt16LE(endOffset + 10);
    let directoryBytes = tail.readUInt32LE(endOffset + 12);
    let directoryOffset = tail.readUInt32LE(endOffset + 16);
    const locatorOffset = size - tailLength + endOffset - 20;
    if ((entryCount === 0xffff || directoryOffset === 0xffffffff) && locatorOffset >= 0) {
      const locator = await read(locatorOffset, 20);
      if (locator.readUInt32LE(0) === ZIP64_LOCATOR) {
        const zip64End = await read(Number(locator.readBigUInt64LE(8)), 56);
        if (zip64End.readUInt32LE(0) !== ZIP64_END_OF_DIRECTORY) throw new ZipFormatError('bad zip64 end-of-directory record');
        entryCount = Number(zip64End.readBigUInt64LE(32));
        directoryBytes = Number(zip64End.readBigUInt64LE(40));
        directoryOffset = Number(zip64End.readBigUInt64LE(48));
      }
    }
    if (directoryBytes > MAX_DIRECTORY_BYTES) throw new ZipFormatError('zip directory is implausibly large');

    const directory = await read(directoryOffset, directoryBytes);
    const entries: ZipEntry[] = [];
    let offset = 0;
    for (let i = 0; i < entryCount; i++) {
      if (offset + 46 > directory.length || directory.readUInt32LE(offset) !== DIRECTORY_ENTRY) {
        throw new ZipFormatError('corrupt zip directory entry');
      }
      const nameLength = directory.readUInt16LE(offset + 28);
      const extraLength = directory.readUInt16LE(offset + 30);
      const commentLength = directory.readUInt16LE(offset + 32);
      const name = directory.toString('utf8', offset + 46, offset + 46 + nameLength);
      let uncompressedBytes = directory.readUInt32LE(offset + 24);
      if (uncompressedBytes === 0xffffffff) {
        uncompressedBytes = zip64Size(directory.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength));
      }
      entries.push({ name, uncompressedBytes });
      offset += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await file.close();
  }
}

/** The real size of an entry whose 32-bit size field says "see the zip64 extra field". */
function zip64Size(extra: Buffer): number {
  for (let offset = 0; offset + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(offset);
    const length = extra.readUInt16LE(offset + 2);
    if (id === ZIP64_EXTRA_FIELD && length >= 8) return Number(extra.readBigUInt64LE(offset + 4));
    offset += 4 + length;
  }
  throw new ZipFormatError('zip64 entry without its size');
}
