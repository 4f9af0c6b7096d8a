// @ts-check
/**
 * Mutation testing of the pure rules: how to run it, the thresholds and how to mark an
 * equivalent mutant are in docs/mutation-testing.md. `npm run mutate` (scripts/mutate.mjs)
 * runs this, then checks each group's score (scripts/mutation-report.mjs).
 */
import { mutatedFiles } from './scripts/mutation-groups.mjs';
import { runPaths } from './scripts/mutation-runs.mjs';

const paths = runPaths(process.env.C500_MUTATE_RUN);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // The rules' tests, without the project's globalSetup (see that file for why).
  jest: { projectType: 'custom', configFile: 'test/mutation/jest.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  mutate: mutatedFiles,
  // The wording of user-facing messages is not mutated; their logic is (see the plugin).
  appendPlugins: ['./test/mutation/message-wording-ignorer.mjs'],
  ignorers: ['message-wording'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: paths.htmlReport },
  jsonReporter: { fileName: paths.jsonReport },
  // scripts/mutation-report.mjs prints the surviving mutants when asked, one a line.
  clearTextReporter: { reportMutants: false, reportTests: false, logTests: false },
  // Committed: a run after a small change re-tests only the mutants the change can affect.
  incremental: true,
  // scripts/mutate.mjs rewrites it one line a mutant (scripts/mutation-results.mjs).
  incrementalFile: paths.results,
  // The colours of the HTML report; the checks are scripts/mutation-groups.mjs's.
  thresholds: { high: 95, low: 85, break: null },
  // Two cores, shared: run it under `nice -n 19`.
  concurrency: 2,
  // Added to 1.5 times the covering tests' own time before a mutant counts as a timeout (as
  // killed). A static mutant runs every test (25 s or more); with 10 s, a busy machine turned
  // static mutants that changed a label into timeouts. An endless loop costs a minute instead.
  timeoutMS: 60_000,
  // Not copied into a sandbox: what no test reads, and the sandboxes of named runs beside this one.
  ignorePatterns: ['dist', '.data', 'coverage', 'test-artifacts', 'reports', 'docs', 'test/e2e', 'test/browser', '.stryker-tmp*'],
  tempDirName: paths.tempDir,
};
