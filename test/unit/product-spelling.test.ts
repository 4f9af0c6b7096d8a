/**
 * The product says "authorize", as Twitch does on the page a streamer is sent to: one word
 * for one step, wherever a person reads it (Discord's answers, the playground, the pages, the
 * guides). Tests are not the product's words and are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const productText = /\.(ts|html|md|css|js)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' || entry.name === 'node_modules' ? [] : filesUnder(path);
    return productText.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the product’s spelling', () => {
  it('says authorize, never authorise, in every word a person reads', () => {
    const files = [...filesUnder(join(root, 'shared')), ...filesUnder(join(root, 'web')), ...filesUnder(join(root, 'docs')), join(root, 'README.md')];
    const british = files.filter((file) => /authoris/i.test(readFileSync(file, 'utf8'))).map((file) => relative(root, file));
    expect(british).toEqual([]);
  });
});
