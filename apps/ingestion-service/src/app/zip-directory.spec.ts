import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { readZipDirectory, ZipFormatError } from './zip-directory';

describe('readZipDirectory', () => {
  let dir: string;
  let docx: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zip-directory-'));
    docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x'.repeat(50_000))] }] }));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function fileWith(bytes: Buffer, name = 'file.docx'): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  }

  it('lists the entries of a real .docx with their uncompressed sizes', async () => {
    const entries = await readZipDirectory(await fileWith(docx));
    const body = entries.find((entry) => entry.name === 'word/document.xml');
    expect(body?.uncompressedBytes).toBeGreaterThan(50_000);
    expect(entries.reduce((sum, entry) => sum + entry.uncompressedBytes, 0)).toBeGreaterThan(docx.length);
  });

  it('reports the size a zip claims for an entry, without inflating it', async () => {
    const patched = Buffer.from(docx);
    const nameAt = patched.lastIndexOf(Buffer.from('word/document.xml'));
    // The central directory entry's name starts 46 bytes after its signature; its size field is at +24.
    patched.writeUInt32LE(0xfffffff0, nameAt - 46 + 24);
    const entries = await readZipDirectory(await fileWith(patched, 'bomb.docx'));
    expect(entries.find((entry) => entry.name === 'word/document.xml')?.uncompressedBytes).toBe(0xfffffff0);
  });

  it('rejects files that are not zip archives or are cut short', async () => {
    await expect(readZipDirectory(await fileWith(Buffer.from('plain text, not a zip'), 'a.docx'))).rejects.toThrow(ZipFormatError);
    await expect(readZipDirectory(await fileWith(Buffer.alloc(0), 'b.docx'))).rejects.toThrow(ZipFormatError);
    const lastBytes = docx.subarray(docx.length - 200);
    await expect(readZipDirectory(await fileWith(lastBytes, 'c.docx'))).rejects.toThrow('truncated zip archive');
  });
});
