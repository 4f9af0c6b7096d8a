/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Each module's tests sit in its own folder (shared/<module>/test); the rest in test/.
  roots: ['<rootDir>/test', '<rootDir>/shared'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Starts the Upstash REST bridge in plain Node (it is ESM-only) and checks Redis answers.
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 20000,
  // A suite whose teardown failed half-way leaves a connection open, and jest then waits on it
  // for ever: CI's last run sat out its 90 minutes after one such failure instead of reporting it.
  // The suites close what they open (a leak shows with --detectOpenHandles); the run ends regardless.
  forceExit: true,
};
