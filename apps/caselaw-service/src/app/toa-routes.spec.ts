import { type CaselawTestPlatform, startCaselawTestPlatform } from '../testing/test-platform';
import { expectError, readJson, sendJson } from '@factsway/service-testing';

const UNKNOWN_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const paragraphs = [
  'Plaintiff relies on Roe v. Wade, 410 U.S. 113 (1973), and 42 U.S.C. § 1983.',
  'Defendant cites Acme Corp. v. Smith, 123 F.3d 456, 460 (9th Cir. 1997).',
  'But see Roe, 410 U.S. at 153; Brown v. Bd. of Educ., 347 U.S. 483 (1954).',
];

describe('caselaw-service: POST /api/toa/generate', () => {
  let platform: CaselawTestPlatform;

  beforeAll(async () => {
    platform = await startCaselawTestPlatform();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const generate = (body: unknown, base = platform.caselaw.url) => sendJson(`${base}/api/toa/generate`, 'POST', body);

  it('builds the table for a text: grouped, alphabetised, with paragraphs and pages', async () => {
    const text = `${paragraphs[0]}\n${paragraphs[1]}\f${paragraphs[2]}`;
    const response = await generate({ text });
    expect(response.status).toBe(200);
    const table = await readJson(response);
    expect(table.sections.map((s: { heading: string }) => s.heading)).toEqual(['Cases', 'Statutes']);
    expect(table.sections[0].entries.map((e: { citation: string; pages: number[]; paragraphs: number[] }) => [e.citation, e.pages, e.paragraphs])).toEqual([
      ['Acme Corp. v. Smith, 123 F.3d 456 (9th Cir. 1997)', [1], [2]],
      ['Brown v. Bd. of Educ., 347 U.S. 483 (1954)', [2], [3]],
      ['Roe v. Wade, 410 U.S. 113 (1973)', [1, 2], [1, 3]],
    ]);
    expect(table.sections[1].entries[0]).toMatchObject({ citation: '42 U.S.C. § 1983', paragraphs: [1] });
  });

  it("builds the table for a draft, reading its text from records-service and naming the draft's paragraph ids", async () => {
    const { draftId, paragraphIds } = await platform.createDraft(paragraphs);
    const response = await generate({ draftId });
    expect(response.status).toBe(200);
    const table = await readJson(response);
    expect(table.draftId).toBe(draftId);
    const roe = table.sections[0].entries.find((e: { caseName?: string }) => e.caseName === 'Roe v. Wade');
    expect(roe.occurrences.map((o: { paragraph: number; paragraphId: string }) => [o.paragraph, o.paragraphId])).toEqual([
      [1, paragraphIds[0]],
      [3, paragraphIds[2]],
    ]);
    expect(await platform.count('citations')).toBe(0);
  });

  it('gives an empty table for an empty text', async () => {
    expect(await readJson(await generate({ text: '' }))).toEqual({ sections: [], unresolvedShortForms: [] });
  });

  it('refuses an unknown draft with 422, and answers 503 when records-service is down', async () => {
    expect(await expectError(await generate({ draftId: UNKNOWN_ID }), 422, 'draft_not_found')).toContain(UNKNOWN_ID);
    const started = Date.now();
    await expectError(await generate({ draftId: UNKNOWN_ID }, platform.caselawWithRecordsDown.url), 503, 'peer_unavailable');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await generate({ text: paragraphs[0] }, platform.caselawWithRecordsDown.url)).status).toBe(200);
  });

  it('refuses bad input with 400 and 413', async () => {
    await expectError(await generate('{'), 400, 'malformed_json');
    await expectError(await generate({}), 400, 'validation_failed');
    await expectError(await generate({ text: 'x', draftId: UNKNOWN_ID }), 400, 'validation_failed');
    expect(await expectError(await generate({ text: 5 }), 400, 'validation_failed')).toContain('body.text');
    expect(await expectError(await generate({ draftId: 'nope' }), 400, 'validation_failed')).toContain('body.draftId');
    await expectError(await generate({ text: 'x'.repeat(1_100_000) }), 413, 'payload_too_large');
  });
});
