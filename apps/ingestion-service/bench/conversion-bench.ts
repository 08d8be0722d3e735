/**
 * How much the tree-only reader (docx-reader.ts: mammoth's document tree, no HTML) saves
 * over mammoth's full HTML conversion, on the same .docx: time per conversion and peak
 * memory, each variant in a fresh process. Prints a side-by-side table with ratios.
 *
 *   npx nx run ingestion-service:bench
 *   (or: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register apps/ingestion-service/bench/conversion-bench.ts)
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, HeadingLevel, ImageRun, Packer, Paragraph } from 'docx';
import mammoth from 'mammoth';
import { readDocx } from '../src/app/docx-reader';

const RUNS = 5;

async function writeSample(path: string, paragraphs: number, imageBytes: number): Promise<void> {
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, text: 'Benchmark brief' })];
  for (let i = 0; i < paragraphs; i++) {
    if (i % 50 === 0) children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: `Part ${i / 50 + 1}` }));
    children.push(new Paragraph(`Paragraph ${i + 1}. ${'The court reviews the record de novo and finds no genuine dispute. '.repeat(4)}`));
  }
  if (imageBytes > 0) {
    children.push(
      new Paragraph({ children: [new ImageRun({ type: 'png', data: randomBytes(imageBytes), transformation: { width: 100, height: 100 } })] }),
    );
  }
  writeFileSync(path, await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** Child mode: convert `path` RUNS times with one variant, print {medianMs, maxRssMb} as JSON. */
async function measure(variant: string, path: string): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    if (variant === 'tree') await readDocx(path, 'bench');
    else await mammoth.convertToHtml({ path });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ medianMs: times[Math.floor(RUNS / 2)], maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function runChild(variant: string, path: string): { medianMs: number; maxRssMb: number } {
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', __filename, variant, path], {
    env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' },
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

async function main(): Promise<void> {
  const [variant, path] = process.argv.slice(2);
  if (variant) return measure(variant, path);

  const dir = mkdtempSync(join(tmpdir(), 'conversion-bench-'));
  try {
    const samples = [
      { name: '2,000 paragraphs', paragraphs: 2_000, imageBytes: 0 },
      { name: '2,000 paragraphs + 20 MB image', paragraphs: 2_000, imageBytes: 20 * 1024 * 1024 },
    ];
    console.log(`median of ${RUNS} conversions per process; peak RSS of the whole process\n`);
    console.log('sample                          | .docx MB | html ms | tree ms | time ratio | html RSS MB | tree RSS MB | RSS ratio');
    console.log('--------------------------------|----------|---------|---------|------------|-------------|-------------|----------');
    for (const sample of samples) {
      const path = join(dir, `${sample.paragraphs}-${sample.imageBytes}.docx`);
      await writeSample(path, sample.paragraphs, sample.imageBytes);
      const html = runChild('html', path);
      const tree = runChild('tree', path);
      console.log(
        [
          sample.name.padEnd(31),
          (statSync(path).size / 1024 / 1024).toFixed(2).padStart(8),
          html.medianMs.toFixed(0).padStart(7),
          tree.medianMs.toFixed(0).padStart(7),
          `${(tree.medianMs / html.medianMs).toFixed(2)}x`.padStart(10),
          html.maxRssMb.toFixed(0).padStart(11),
          tree.maxRssMb.toFixed(0).padStart(11),
          `${(tree.maxRssMb / html.maxRssMb).toFixed(2)}x`.padStart(9),
        ].join(' | '),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
