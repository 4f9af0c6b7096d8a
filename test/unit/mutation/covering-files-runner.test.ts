/**
 * test/mutation/covering-files-runner.js: on a mutant's run, the test files jest would have run
 * a test in, and no others.
 */
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- jest loads the runner as CommonJS, untyped and untranspiled
const { coveringFiles, moduleFiles } = require(join(__dirname, '..', '..', 'mutation', 'covering-files-runner.js')) as {
  coveringFiles: (tests: Array<{ path: string }>, pattern: string, namesByFile?: Record<string, string[]>) => Array<{ path: string }>;
  moduleFiles: (tests: Array<{ path: string }>, mutatedFile: string, rootDir: string, readSource: (file: string) => string) => Array<{ path: string }>;
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

describe('the covering-files runner on a static mutant', () => {
  const sources: Record<string, string> = {
    '/sb/shared/chatbids/test/chat-bid.test.ts': "import { parseChatBid } from '../rules/chat-bid';",
    '/sb/shared/chatbids/test/chat-pages.test.ts': "import { chatPage } from '../rules/chat-pages';",
    '/sb/shared/auctions/test/trust.test.ts': "import { x } from '../../auctions';\nimport {\n  parseChatBid,\n} from '../../chatbids/rules/chat-bid';",
    '/sb/shared/auctions/test/book.test.ts': "import { book } from '../rules/book';",
    '/sb/test/unit/task-payloads.test.ts': "import { a } from '../../shared/common/rules/ids';",
  };
  const all = Object.keys(sources).map((path) => ({ path }));
  const read = (file: string) => sources[file] ?? '';

  it('runs its own module’s tests and the test files that import the mutated file by its path', () => {
    expect(paths(moduleFiles(all, '/sb/shared/chatbids/rules/chat-bid.ts', '/sb', read))).toEqual([
      '/sb/shared/chatbids/test/chat-bid.test.ts',
      '/sb/shared/chatbids/test/chat-pages.test.ts',
      '/sb/shared/auctions/test/trust.test.ts',
    ]);
    expect(paths(moduleFiles(all, '/sb/shared/common/rules/ids.ts', '/sb', read))).toEqual(['/sb/test/unit/task-payloads.test.ts']);
  });

  it('does not count an import of the module’s index, or of a file whose name only begins the same, as an import of the file', () => {
    const near = { '/sb/shared/auctions/test/near.test.ts': "import { a } from '../../chatbids/rules/chat-bid-job';\nimport { b } from '../../chatbids';" };
    expect(
      moduleFiles(
        [{ path: '/sb/shared/auctions/test/near.test.ts' }, ...all],
        '/sb/shared/chatbids/rules/chat-bid.ts',
        '/sb',
        (f) => near[f as keyof typeof near] ?? read(f),
      ).map((t) => t.path),
    ).not.toContain('/sb/shared/auctions/test/near.test.ts');
  });

  it('runs every file for a file outside any module, or when nothing would run', () => {
    expect(moduleFiles(all, '/sb/shared/stripe-limits.ts', '/sb', read)).toEqual(all);
    expect(moduleFiles(all, '/sb/shared/shows/rules/show.ts', '/sb', read)).toEqual(all);
  });
});
