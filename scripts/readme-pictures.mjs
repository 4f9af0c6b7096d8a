// `npm run docs:pictures`: the docs' pictures, made from the browser tests. It runs the tests
// that take them (real Chromium against a fresh local runtime), which keep their screenshots
// in test-artifacts/screenshots/, and copies the ones the docs show into docs/images/. So the
// pictures are always of the product as it is, taken the way the tests take them, never drawn
// by hand. `--copy-only` copies what the last run of those tests kept, without running them.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shots = join(root, 'test-artifacts', 'screenshots');
/** The browser tests that take the pictures: screenshot kept -> the picture docs show. */
const tests = {
  'test/browser/playground.test.ts': {
    'playground-auction.png': 'playground.png',
    'playground-drop.png': 'playground-drop.png',
    'playground-phone.png': 'playground-phone.png',
  },
  'test/browser/group-buys.test.ts': { 'groupbuy-page-laptop.png': 'group-buy-page.png' },
  'test/browser/group-buy-playground.test.ts': { 'groupbuy-playground-post.png': 'group-buy-post.png' },
};

if (!process.argv.includes('--copy-only')) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...Object.keys(tests)], { cwd: root, stdio: 'inherit' });
}
mkdirSync(join(root, 'docs', 'images'), { recursive: true });
for (const [test, pictures] of Object.entries(tests)) {
  for (const [shot, picture] of Object.entries(pictures)) {
    const from = join(shots, shot);
    if (!existsSync(from)) throw new Error(`${from} is missing: ${test} did not keep it`);
    copyFileSync(from, join(root, 'docs', 'images', picture));
    console.log(`docs/images/${picture} <- test-artifacts/screenshots/${shot}`);
  }
}
