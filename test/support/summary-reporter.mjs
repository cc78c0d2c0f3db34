/**
 * Prints one plain closing line, "Tests: N passed, N failed", which tools outside Jest read
 * (Jest's own summary says "N passed, N total").
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `Tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    // After Jest's own summary, as the run's last line.
    process.once('exit', () => process.stdout.write(`\n${line}\n`));
  }
}
