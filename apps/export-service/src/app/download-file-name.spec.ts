import { downloadFileName } from './download-file-name';

describe('downloadFileName', () => {
  it.each([
    ['Motion to Dismiss', 'Motion to Dismiss.docx'],
    ['Motion: "Final" / v2', 'Motion - Final - v2.docx'],
    ['Mémoire d’appel', 'Mémoire d’appel.docx'],
    ['../../etc/passwd', 'etc - passwd.docx'],
    ['???', 'document.docx'],
  ])('%j -> %j', (title, expected) => {
    expect(downloadFileName(title)).toBe(expected);
  });

  it('cuts long titles to 120 characters', () => {
    expect(downloadFileName('x'.repeat(300))).toBe(`${'x'.repeat(120)}.docx`);
  });
});
