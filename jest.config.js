/**
 * Jest runs the TypeScript sources as native ESM (agenda 6 is ESM-only), compiled on the
 * fly by SWC. `npm test` passes --experimental-vm-modules, which Jest's ESM mode needs.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 30000,
  // The reliability tests leave driver sockets and child-process handles that can keep the
  // process alive for minutes after the summary; the results are final by then, so exit.
  forceExit: true,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.mjs'],
};
