import { writeFileSync } from 'node:fs';

/**
 * Hands the run's counts to `scripts/test.mjs` (through JEST_SUMMARY_FILE), which prints the
 * plain closing line "N passed, N failed" after Jest has exited. A suite that
 * failed to run (a syntax error, a failing hook) counts as one failed test.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.JEST_SUMMARY_FILE;
    if (!file) return;
    const brokenSuites = results.testResults.filter(
      (suite) => suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0),
    ).length;
    writeFileSync(
      file,
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + brokenSuites,
        skipped: results.numPendingTests + results.numTodoTests,
        failedSuites: results.numFailedTestSuites + results.numRuntimeErrorTestSuites,
      }),
    );
  }
}
