/**
 * Jest as Stryker runs it (stryker.config.mjs): the tests that exercise the pure rules, in
 * process, without the project's globalSetup. Stryker's jest runner calls jest once per
 * mutant, and jest runs globalSetup on every call: transpiling dist/ and forking the Upstash
 * bridge each time would cost more than most mutants' tests, and no test here needs either.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/test/unit'],
  testMatch: [
    // Each module's own tests: its rules, and its use cases against in-memory ports.
    '**/shared/*/test/**/*.test.ts',
    // The tests outside shared/ that import a rule file by its path and need no outside process.
    // (firestore-queries-have-indexes also does, but it parses shared/'s source text, which
    // Stryker's instrumented copy no longer reads as queries.)
    '**/test/unit/task-payloads.test.ts',
    '**/test/unit/terraform-stripe-events.test.ts',
  ],
  // On a mutant's run, only the test files holding a test that covers it (see the file).
  runner: '<rootDir>/test/mutation/covering-files-runner.js',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 20000,
};
