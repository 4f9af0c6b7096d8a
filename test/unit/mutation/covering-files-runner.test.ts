/**
 * test/mutation/covering-files-runner.js: on a mutant's run, the test files jest would have run
 * a test in, and no others.
 */
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads the runner as CommonJS, untyped and untranspiled
const { coveringFiles } = require(join(__dirname, '..', '..', 'mutation', 'covering-files-runner.js')) as {
  coveringFiles: (tests: Array<{ path: string }>, pattern: string, namesByFile?: Record<string, string[]>) => Array<{ path: string }>;
};

const tests = ['/s/money.test.ts', '/s/refund.test.ts', '/s/race.test.ts'].map((path) => ({ path }));
const namesByFile = {
  '/s/money.test.ts': ['formatMoney shows cents', 'parseAmount refuses a third decimal'],
  '/s/refund.test.ts': ['a refund of the whole order gives back every cent'],
  '/s/race.test.ts': ['the pot splits evenly (with the remainder to the first racer)'],
};
const paths = (kept: Array<{ path: string }>) => kept.map((t) => t.path);

describe('the covering-files runner', () => {
  it('keeps only the files holding a test the pattern names', () => {
    const pattern = '(formatMoney shows cents)|(a refund of the whole order gives back every cent)';
    expect(paths(coveringFiles(tests, pattern, namesByFile))).toEqual(['/s/money.test.ts', '/s/refund.test.ts']);
  });

  it('matches as jest-circus does: anywhere in the full name, whatever the case', () => {
    expect(paths(coveringFiles(tests, '(THIRD DECIMAL)', namesByFile))).toEqual(['/s/money.test.ts']);
  });

  it('keeps a test file it has no record of, since it cannot know what that file holds', () => {
    const more = [...tests, { path: '/s/new.test.ts' }];
    expect(paths(coveringFiles(more, '(formatMoney shows cents)', namesByFile))).toEqual(['/s/money.test.ts', '/s/new.test.ts']);
  });

  it('runs every file when no recorded name matches, or nothing was recorded', () => {
    expect(coveringFiles(tests, '(a test that was renamed)', namesByFile)).toEqual(tests);
    expect(coveringFiles(tests, '(formatMoney shows cents)', undefined)).toEqual(tests);
  });
});
