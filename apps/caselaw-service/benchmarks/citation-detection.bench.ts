// Side by side on one brief: the bare reporter-pattern scan (the floor), full detection
// (parts, case names, parallel chains, statutes), and a table of authorities on top of it.
// Run: node -r @swc-node/register apps/caselaw-service/benchmarks/citation-detection.bench.ts
import { performance } from 'node:perf_hooks';
import { detectCitations } from '../src/app/citation-detector';
import { reporterPattern } from '../src/app/reporters';
import { buildTableOfAuthorities } from '../src/app/table-of-authorities';

const paragraph =
  'Plaintiff relies on Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973), and 42 U.S.C. § 1983. ' +
  'Defendant answers that Acme Corp. v. Smith, 123 F.3d 456, 460-61 (9th Cir. 1997), controls; but see Roe, 410 U.S. at 153. ' +
  'The district court agreed in Doe v. Bolton, 12 F. Supp. 2d 34 (S.D.N.Y. 1998), under Fed. R. Civ. P. 56(a) and 28 C.F.R. § 35.104.';
const brief = Array.from({ length: Math.ceil(100_000 / paragraph.length) }, () => paragraph).join('\n');
const floor = new RegExp(String.raw`(\d{1,4})\s+(${reporterPattern()})\s+(\d{1,5})`, 'g');

function median(run: () => unknown, times = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)];
}

const scanMs = median(() => [...brief.matchAll(floor)].length);
const detectMs = median(() => detectCitations(brief));
const tableMs = median(() => buildTableOfAuthorities(brief));
console.log(`text: ${brief.length} characters, ${detectCitations(brief).length} citations`);
console.log('step                        median ms   ratio to the bare scan');
console.log(`reporter-pattern scan       ${scanMs.toFixed(1).padStart(9)}   1.00x`);
console.log(`detectCitations             ${detectMs.toFixed(1).padStart(9)}   ${(detectMs / scanMs).toFixed(2)}x`);
console.log(`buildTableOfAuthorities     ${tableMs.toFixed(1).padStart(9)}   ${(tableMs / scanMs).toFixed(2)}x`);
