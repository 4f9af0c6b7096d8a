import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtSitePage } from '../../../shared/common';

const root = join(__dirname, '..', '..', '..');

describe('the font shipped with the pages', () => {
  it('is the installed @fontsource-variable/nunito, byte for byte (run node scripts/site/copy-fonts.mjs after an upgrade)', () => {
    // The script is an ES module: it compares in a process of its own and fails on any drift.
    expect(execFileSync(process.execPath, [join(root, 'scripts', 'site', 'copy-fonts.mjs'), '--check'], { encoding: 'utf8' })).toMatch(/matches/);
  });

  it.each([
    'index.html',
    'about.html',
    '404.html',
    'checkout/success.html',
    'checkout/cancel.html',
    'checkout/card-saved.html',
    'onboarding/done.html',
    'onboarding/refresh.html',
    'overlay/auction.html',
    'overlay/pot.html',
    'overlay/show.html',
    'overlay/queue.html',
    'overlay/giveaway.html',
    'overlay/groupbuy.html',
  ])('is linked from %s, with Nunito first in the font stack', (page) => {
    const html = builtSitePage(readFileSync(join(root, 'web', page), 'utf8'));
    expect(html).toContain('href="/fonts/nunito.css"');
    const sheet = page.startsWith('overlay/') ? 'overlay/overlay.css' : 'styles.css';
    expect(html).toContain(`href="/${sheet}"`);
    // The font stack is the palette's, which each page's first stylesheet imports.
    expect(readFileSync(join(root, 'web', sheet), 'utf8')).toMatch(/^(\/\*[^]*?\*\/\s*)?@import url\('\/palette\.css'\);/);
    expect(readFileSync(join(root, 'web', 'palette.css'), 'utf8')).toMatch(/font-family:\s*['"]Nunito Variable['"]/);
  });
});
