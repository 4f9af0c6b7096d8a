import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtSitePage } from '../rules/site-layout';
import { renderSitePage } from '../rules/site-page';

const landing = builtSitePage(readFileSync(join(__dirname, '..', '..', '..', 'web', 'index.html'), 'utf8'));
const invite = 'https://discord.com/oauth2/authorize?client_id=1100000000000000001&permissions=2048&scope=bot+applications.commands';

describe('renderSitePage', () => {
  it('makes the preview image and page URL absolute, as Discord’s link preview needs', () => {
    const page = renderSitePage(landing, { baseUrl: 'https://c500.example/', inviteUrl: invite });
    expect(page).toContain('<meta property="og:image" content="https://c500.example/og-image.png"');
    expect(page).toContain('<meta name="twitter:image" content="https://c500.example/og-image.png"');
    expect(page).toContain('<meta property="og:url" content="https://c500.example/"');
    expect(page).not.toMatch(/content="\/[^"]*"/);
  });

  it('writes the invite URL into every Add to Discord link, escaped for an attribute', () => {
    const page = renderSitePage(landing, { baseUrl: 'https://c500.example', inviteUrl: invite });
    expect(page).not.toContain('href="/invite"');
    expect(
      page.split('href="https://discord.com/oauth2/authorize?client_id=1100000000000000001&amp;permissions=2048&amp;scope=bot+applications.commands"').length -
        1,
    ).toBe(3);
  });

  it('GIVEN no invite URL THEN leaves the links on /invite', () => {
    expect(renderSitePage(landing, { baseUrl: 'https://c500.example' })).toContain('href="/invite"');
  });

  it('changes nothing but those URLs', () => {
    const page = renderSitePage('<p><a href="/about">About</a> <meta content="/x"></p>', { baseUrl: 'https://c500.example', inviteUrl: invite });
    expect(page).toBe('<p><a href="/about">About</a> <meta content="/x"></p>');
  });
});
