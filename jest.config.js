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
};
