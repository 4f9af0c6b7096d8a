// Renders scripts/site/og-card.html to web/og-image.png (1200×630), the image Discord,
// X and others show in a link preview. Run after changing the card:
//   node scripts/site/make-og-image.mjs   (needs Debian's chromium, as the browser tests do)
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
if (!executablePath) throw new Error('install chromium (apt-get install chromium) or set CHROMIUM_PATH');
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.goto(pathToFileURL(join(here, 'og-card.html')).href);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(here, '..', '..', 'web', 'og-image.png') });
  console.log('web/og-image.png written');
} finally {
  await browser.close();
}
