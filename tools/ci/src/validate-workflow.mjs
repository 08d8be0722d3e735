// Validates GitHub Actions workflow files with GitHub's own parser (@actions/workflow-parser,
// ESM only, so the jest tests run this in a child process). Arguments: workflow files, or `-`
// to read one workflow from stdin. Prints one JSON object per input:
// {"file": ..., "errors": [...], "jobs": [{"id", "environment", "needs", "steps": [{"uses", "run"}]}]}
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { parse } from 'yaml';

register('./json-import-hooks.mjs', import.meta.url);
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

async function validate(name, content) {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value === undefined) return { file: name, errors: errors.length ? errors : ['no workflow parsed'], jobs: [] };
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  for (const error of template.errors ?? []) if (!errors.includes(error.Message)) errors.push(error.Message);
  // Steps as written (the converted template keeps expressions as tokens): read with the yaml package.
  let document = {};
  try {
    document = parse(content) ?? {};
  } catch {
    /* the parser above reported it */
  }
  const jobs = Object.entries(document.jobs ?? {}).map(([id, job]) => ({
    id,
    environment: typeof job?.environment === 'string' ? job.environment : job?.environment?.name,
    needs: [job?.needs ?? []].flat(),
    steps: (job?.steps ?? []).map((step) => ({ uses: step?.uses, run: step?.run, with: step?.with })),
  }));
  return { file: name, errors, jobs, converted: template.jobs?.map((job) => job.id?.value) ?? [] };
}

const inputs = process.argv.slice(2);
for (const input of inputs) {
  const content = input === '-' ? readFileSync(0, 'utf8') : readFileSync(input, 'utf8');
  process.stdout.write(`${JSON.stringify(await validate(input === '-' ? 'stdin.yml' : input, content))}\n`);
}
