// `npm run docs:pictures`: the README's pictures, made from the playground's browser test.
// It runs that test (real Chromium against a fresh local runtime), which keeps its
// screenshots in test-artifacts/screenshots/, and copies the ones the README shows into
// docs/images/. So the pictures are always of the product as it is, taken the way the test
// takes them, never drawn by hand.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shots = join(root, 'test-artifacts', 'screenshots');
/** Screenshot the test keeps -> the picture docs show. */
const pictures = {
  'playground-auction.png': 'playground.png',
  'playground-drop.png': 'playground-drop.png',
  'playground-phone.png': 'playground-phone.png',
};

if (!process.argv.includes('--copy-only')) {
  execFileSync(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), 'test/browser/playground.test.ts'], { cwd: root, stdio: 'inherit' });
}
mkdirSync(join(root, 'docs', 'images'), { recursive: true });
for (const [shot, picture] of Object.entries(pictures)) {
  const from = join(shots, shot);
  if (!existsSync(from)) throw new Error(`${from} is missing: the playground's browser test did not keep it`);
  copyFileSync(from, join(root, 'docs', 'images', picture));
  console.log(`docs/images/${picture} <- test-artifacts/screenshots/${shot}`);
}
