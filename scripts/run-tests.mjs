#!/usr/bin/env node
// Runs the whole Vitest suite with its JSON reporter and prints the one summary line CI reads:
// `N passed, N failed`. Vitest's own console summary stays visible above it for humans.
// Skipped tests are listed by name so a skip never hides silently.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const outDir = join(process.cwd(), 'test-results');
mkdirSync(outDir, { recursive: true });
const jsonPath = join(outDir, 'vitest.json');

const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonPath}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let report;
try {
  report = JSON.parse(readFileSync(jsonPath, 'utf8'));
} catch (err) {
  console.log(`vitest wrote no JSON report (${err.message}); exit status ${run.status}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const skipped = [];
for (const file of report.testResults ?? []) {
  if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
    failed += 1; // a file that failed to load counts as a failure, not as nothing
    console.log(`FAILED TO LOAD: ${file.name}: ${(file.message ?? '').split('\n')[0]}`);
  }
  for (const t of file.assertionResults ?? []) {
    if (t.status === 'passed') passed += 1;
    else if (t.status === 'failed') failed += 1;
    else skipped.push(`${t.fullName} (${t.status})`);
  }
}
for (const s of skipped) console.log(`skipped: ${s}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
