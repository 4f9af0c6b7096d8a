import { renderSitePage } from '../rules/site-page';
import { personName } from '../rules/visible-text';

describe('site page URLs', () => {
  it('drops every trailing slash of the base URL and reads meta tags however they are spaced', () => {
    const html = '<meta  property="og:image"  content="/og.png">';
    expect(renderSitePage(html, { baseUrl: 'https://c500.example//' })).toBe('<meta  property="og:image"  content="https://c500.example/og.png">');
  });
});

describe('a person’s name', () => {
  it('calls a person whose names both show nothing “someone”', () => {
    expect(personName({ username: '\u200B', global_name: '\u200B' })).toBe('someone');
  });
});
