import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keptDocuments } from '../rules/kept-data';
import { privacyPageHtml, privacyPages } from '../rules/privacy-page';

const web = join(__dirname, '..', '..', '..', 'web');

describe('the privacy and terms pages', () => {
  it.each(Object.entries(privacyPages()))('are committed as the table makes them (%s; run npm run docs:privacy)', (file, html) => {
    expect(readFileSync(join(web, file), 'utf8')).toBe(html);
  });

  it('say what each kept fact is, why, who sees it and how long, for every document in the table', () => {
    const page = privacyPageHtml();
    for (const document of keptDocuments) for (const fact of document.facts) expect(page).toContain(fact.keptFor);
    expect(page).toContain('<h3>Stripe</h3>');
    expect(page).toContain('<h3>Twitch</h3>');
    expect(page).toContain('<h3>Discord</h3>');
  });

  it('say how to export and erase', () => {
    const page = privacyPageHtml();
    expect(page).toContain('/c500 privacy');
    expect(page).toContain('Download my data');
    expect(page).toContain('Erase me');
  });

  it.each(['index.html', 'about.html'])('are linked from %s', (file) => {
    const html = readFileSync(join(web, file), 'utf8');
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('href="/terms"');
  });
});
