// Runs Jest and then prints the run's plain closing line, "N passed, N failed", which CI reads.
// The line is printed by this parent once Jest has exited, so nothing Jest prints on its way out
// (the force-exit warning, late handle logs) can come after it. CI reads it to count the tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = mkdtempSync(join(tmpdir(), 'jest-summary-'));
const summaryFile = join(folder, 'summary.json');
const jest = spawnSync(
  process.execPath,
  [
    // Jest's ESM runner keeps some memory per test file (about 30 MB here): two hundred files in
    // one process outgrow Node's default heap (about 4 GB), so it gets 12 GB of the machine's 24.
    '--max-old-space-size=12288',
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--runInBand',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, JEST_SUMMARY_FILE: summaryFile } },
);

let counts;
try {
  counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
} catch {
  // Jest died before its reporters ran: nothing passed that we know of, and the run failed.
  counts = { passed: 0, failed: 1, skipped: 0 };
}
rmSync(folder, { recursive: true, force: true });
// A skipped test is a defect, so it is reported on the line before and counted as failed.
if (counts.skipped > 0) process.stdout.write(`\n${counts.skipped} skipped (counted as failed)\n`);
process.stdout.write(`\n${counts.passed} passed, ${counts.failed + counts.skipped} failed\n`);
const failedSuites = counts.failedSuites ?? 0;
process.exit(
  jest.status === 0 && counts.failed === 0 && counts.skipped === 0 && failedSuites === 0 ? 0 : 1,
);
