import { getService, publicApiLimits } from '@factsway/service-catalog';
import { MAX_UPLOAD_BYTES, UPLOAD_FIELD } from './docx-upload';

/** Bytes of a multipart body as fetch encodes it. */
async function encodedSize(form: FormData): Promise<number> {
  return (await new Response(form).arrayBuffer()).byteLength;
}

describe("the public gateway's body limit for /api/ingest (catalog publicApiLimits)", () => {
  it('forwards the largest upload ingestion accepts, with every field multer allows', async () => {
    const form = new FormData();
    for (let field = 0; field < 10; field += 1) form.append(`field-${field}`, 'x'.repeat(4096));
    form.append(UPLOAD_FIELD, new Blob([new Uint8Array(1)]), `${'a'.repeat(200)}.docx`);
    // The envelope does not depend on the file's size: measure it around a 1-byte file.
    const largestRequest = (await encodedSize(form)) - 1 + MAX_UPLOAD_BYTES;
    expect(largestRequest).toBeLessThanOrEqual(publicApiLimits(getService('ingestion')).maxRequestBodyBytes);
  });
});
