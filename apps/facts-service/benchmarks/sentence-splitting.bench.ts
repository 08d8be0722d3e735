// Side by side: our legal sentence splitter vs the built-in Intl.Segmenter (ICU sentence breaks).
// Run: node -r @swc-node/register apps/facts-service/benchmarks/sentence-splitting.bench.ts
import { performance } from 'node:perf_hooks';
import { splitSentences } from '../src/app/sentence-splitter';

const reference = [
  'Plaintiff Acme Inc. sued Mr. Jones on Jan. 5, 2020.',
  'See Roe v. Wade, 410 U.S. 113, 120 (1973).',
  'The Ninth Circuit agreed in Smith Corp. v. Doe, 123 F.3d 456 (9th Cir. 1997).',
  'Dr. J. R. Smith testified that the rate was 3.5 percent.',
  'See, e.g., Fed. R. Civ. P. 56.',
  'The court in No. 12-345 awarded $3.5 million.',
  'Was that right?',
  'It was.',
];
const paragraph = reference.join(' ');
// 20,000 characters (about eight pages): Intl.Segmenter's time grows faster than linearly with length.
const brief = Array.from({ length: Math.ceil(20_000 / paragraph.length) }, () => paragraph).join('\n\n');
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
const icu = (text: string) => [...segmenter.segment(text)].map((s) => s.segment.trim()).filter(Boolean);
const ours = (text: string) => splitSentences(text).map((s) => s.text);

function median(run: () => unknown, times = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)];
}

function correct(split: (text: string) => string[]): number {
  const got = new Set(split(paragraph));
  return reference.filter((sentence) => got.has(sentence)).length;
}

const oursMs = median(() => ours(brief));
const icuMs = median(() => icu(brief));
console.log(`text: ${brief.length} characters, ${ours(brief).length} sentences (ours), ${icu(brief).length} (Intl.Segmenter)`);
console.log('splitter          median ms   chars/ms   reference sentences right');
console.log(`ours              ${oursMs.toFixed(1).padStart(9)}   ${(brief.length / oursMs).toFixed(0).padStart(8)}   ${correct(ours)}/${reference.length}`);
console.log(`Intl.Segmenter    ${icuMs.toFixed(1).padStart(9)}   ${(brief.length / icuMs).toFixed(0).padStart(8)}   ${correct(icu)}/${reference.length}`);
console.log(`time ratio ours / Intl.Segmenter: ${(oursMs / icuMs).toFixed(2)}x`);
