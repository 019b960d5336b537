// Mutation testing (issue 27, MUTATION.md). Run it through `npm run mutate [-- module…]` (scripts/mutate.mjs), which
// picks each module's own tests and names the reports; `npx stryker run` alone mutates the measured modules against
// the tests vitest finds related to them.
const report = process.env.MUTATE_REPORT_NAME ?? 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vite.config.ts' },
  // Every mutant is run against the tests, also those the TypeScript compiler would reject: on this 2-core machine the
  // checker makes a run about four times slower, and a test that catches a mistake is worth having either way.
  // `npm run mutate -- <module> --checkers typescript` leaves the compiler's catches out of the count instead.
  checkers: [],
  // The core only (it imports nothing else), not the app; scripts/mutate.mjs narrows it to the module and its tests.
  tsconfigFile: process.env.MUTATE_TSCONFIG ?? 'tsconfig.mutate.json',
  // A mutant that does not type-check is one the compiler already catches: not counted as a survivor.
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // The machine has 2 cores shared with other work: one test runner, one checker.
  concurrency: 1,
  // Property tests run many cases; a mutant that makes them loop is caught by the timeout, not the test's own clock.
  timeoutMS: 20_000,
  mutate: [
    'src/core/endpoints.ts',
    'src/core/share-link.ts',
    'src/core/merge/read-existing.ts',
    'src/core/merge/upsert-list-item.ts',
    'src/core/merge/merge-provider.ts',
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  incrementalFile: `reports/mutation/${report}.incremental.json`,
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
